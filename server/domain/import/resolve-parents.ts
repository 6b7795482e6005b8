/**
 * After the whole file is in: every imported reply gets its parent and root,
 * in SQL, from the run's import_links. A reply may have come before its
 * parent in the file; a reply to a skipped comment (spam, deleted) moves up to
 * the nearest kept ancestor, or to the top; a reply whose parent is not in the
 * file (nor imported before) becomes top-level. Nothing of the tree is held in
 * memory, however big the file.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'

/** No real thread nests deeper; a loop of parents stops here too. */
const MAX_DEPTH = 1000

export async function resolveParents(db: Db, input: { siteId: string; run: string }) {
  const { siteId, run } = input
  const skippedParent = sql`parent_key in (select import_key from import_links where run = ${run} and skipped = 1)`
  const [moved] = (await db.all(sql`select count(*) as n from import_links where run = ${run} and skipped = 0 and ${skippedParent}`)) as { n: number }[]
  // Up the chain of skipped ancestors, a level a round.
  for (let i = 0; i < MAX_DEPTH; i++) {
    const r = await db.run(sql`
      update import_links set parent_key = (select p.parent_key from import_links p where p.run = import_links.run and p.import_key = import_links.parent_key)
      where run = ${run} and skipped = 0 and ${skippedParent}`)
    if (r.rowsAffected === 0) break
  }
  await db.run(sql`update import_links set parent_key = null where run = ${run} and skipped = 0 and ${skippedParent}`)

  const replies = sql`(select import_key from import_links where run = ${run} and skipped = 0 and parent_key is not null)`
  // The parent in the same thread: imported now or before under its key, or posted on the Inkind server an export came from.
  await db.run(sql`
    update comments set parent_id = coalesce(
      (select p.id from import_links l join comments p on p.site_id = comments.site_id and p.import_key = l.parent_key
        where l.run = ${run} and l.import_key = comments.import_key and p.thread_id = comments.thread_id and p.id <> comments.id),
      (select p.id from import_links l join comments p on p.site_id = comments.site_id and p.nonce = substr(l.parent_key, 8)
        where l.run = ${run} and l.import_key = comments.import_key and l.parent_key like 'inkind:%' and p.thread_id = comments.thread_id))
    where site_id = ${siteId} and parent_id is null and import_key in ${replies}`)

  // Roots, from the top down: a reply whose parent is top-level or already rooted, a level a round.
  for (let i = 0; i < MAX_DEPTH; i++) {
    const r = await db.run(sql`
      update comments set root_id = (select coalesce(p.root_id, p.id) from comments p where p.id = comments.parent_id)
      where site_id = ${siteId} and root_id is null and parent_id is not null and import_key in ${replies}
        and exists (select 1 from comments p where p.id = comments.parent_id and (p.parent_id is null or p.root_id is not null))`)
    if (r.rowsAffected === 0) break
  }
  // What is still unrooted hangs in a loop of parents: top-level it is.
  await db.run(sql`update comments set parent_id = null where site_id = ${siteId} and root_id is null and parent_id is not null and import_key in ${replies}`)
  const [missing] = (await db.all(sql`select count(*) as n from comments where site_id = ${siteId} and parent_id is null and import_key in ${replies}`)) as {
    n: number
  }[]
  // What the public sees changed (replies moved under their parents): a new ETag for those threads.
  await db.run(sql`
    update threads set revision = revision + 1
    where id in (select distinct thread_id from comments where site_id = ${siteId} and import_key in ${replies})`)
  return { reattached: moved?.n ?? 0, parentMissing: missing?.n ?? 0 }
}
