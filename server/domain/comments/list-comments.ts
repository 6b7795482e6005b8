import { sql } from 'drizzle-orm'
import type { ListCommentsAnswer, PublicComment } from '../../../shared/comments.ts'
import type { Ctx } from '../context.ts'
import type { Thread } from './find-thread.ts'
import { publicComment } from './public-comment.ts'

/** Replies nest at most this deep under a top-level comment; deeper ones join their level-2 ancestor. */
const MAX_DEPTH = 2
/**
 * Replies shown under one top-level comment per page: a conversation of
 * thousands under one comment cannot make a page megabytes long. The
 * top-level comment then says how many more there are (moreReplies).
 */
export const MAX_REPLIES = 50

type Row = {
  id: number
  parentId: number | null
  rootId: number | null
  authorName: string
  body: string
  createdAt: string
  editedAt: string | null
  adminUserId: number | null
  status: 'published' | 'deleted'
}

/** Published, or deleted with a published reply under it: then an empty placeholder keeps the conversation readable. */
const shown = (c: string) =>
  sql.raw(
    `(${c}.status = 'published' or (${c}.status = 'deleted' and exists (select 1 from comments k where k.parent_id = ${c}.id and k.status = 'published')))`,
  )

/**
 * One page of a thread, oldest first: the top-level comments after the
 * cursor (a keyset on the comments_page index, so page 1,000 costs what page
 * 1 does) and up to MAX_REPLIES published replies of each (a limited range of
 * the comments_replies index per comment), in one statement.
 */
export async function listComments(ctx: Ctx, input: { thread: Thread; page: { cursor?: string; limit: number } }): Promise<ListCommentsAnswer> {
  const { thread, page } = input
  const after = page.cursor ? Number(page.cursor) : 0
  const rows = (await ctx.db.all(sql`
    with top as (
      select id, parent_id, root_id, author_name, body, created_at, edited_at, admin_user_id, status from comments t
      where thread_id = ${thread.id} and status in ('published', 'deleted') and root_id is null and id > ${after} and ${shown('t')}
      order by id limit ${page.limit + 1}
    )
    select id, parent_id as parentId, root_id as rootId, author_name as authorName, body, created_at as createdAt,
      edited_at as editedAt, admin_user_id as adminUserId, status from top
    union all
    select c.id, c.parent_id, c.root_id, c.author_name, c.body, c.created_at, c.edited_at, c.admin_user_id, c.status
    from (select id from top order by id limit ${page.limit}) shown
    join comments c on c.id in (
      select r.id from comments r where r.root_id = shown.id and r.status in ('published', 'deleted') and ${shown('r')} order by r.id limit ${MAX_REPLIES})
    order by id`)) as Row[]

  const top = rows.filter((r) => r.rootId === null)
  const more = top.length > page.limit
  if (more) top.pop()
  const nodes = new Map<number, { comment: PublicComment; depth: number }>()
  const roots = top.map((r) => {
    const comment = publicComment(r)
    nodes.set(r.id, { comment, depth: 0 })
    return comment
  })
  // An imported reply can be older in the table than its parent (exports list some replies first): it waits for its parent.
  let waiting = rows.filter((r) => r.rootId !== null)
  const onPage = new Set(waiting.map((r) => r.id))
  while (waiting.length) {
    const later = new Set(waiting.filter((r) => !nodes.has(r.parentId ?? -1) && onPage.has(r.parentId ?? -1)))
    // Nothing placed this round (never for a tree): the rest hang under their top-level comments.
    const now = later.size === waiting.length ? waiting : waiting.filter((r) => !later.has(r))
    for (const r of now) {
      // A reply whose parent is not public hangs under its top-level comment.
      let parent = nodes.get(r.parentId ?? -1) ?? nodes.get(r.rootId!)
      if (!parent) continue
      if (parent.depth >= MAX_DEPTH) parent = nodes.get(parent.comment.parentId ?? -1) ?? parent
      const comment = publicComment(r)
      parent.comment.replies ??= []
      parent.comment.replies.push(comment)
      nodes.set(r.id, { comment, depth: parent.depth + 1 })
    }
    waiting = now === waiting ? [] : [...later]
  }
  for (const { comment } of nodes.values()) comment.replies?.sort((a, b) => a.id - b.id)
  // The rare comment with more replies than a page shows: say how many more.
  const perRoot = new Map<number, number>()
  for (const r of rows) if (r.rootId !== null) perRoot.set(r.rootId, (perRoot.get(r.rootId) ?? 0) + 1)
  const full = [...perRoot].filter(([, n]) => n >= MAX_REPLIES).map(([id]) => id)
  if (full.length) {
    const totals = (await ctx.db.all(
      sql`select root_id as rootId, count(*) as n from comments where root_id in (${sql.join(full, sql`, `)}) and status = 'published' group by root_id`,
    )) as { rootId: number; n: number }[]
    for (const t of totals) if (t.n > MAX_REPLIES) nodes.get(t.rootId)!.comment.moreReplies = t.n - MAX_REPLIES
  }
  return {
    thread: { key: thread.key, title: thread.title, commentCount: thread.commentCount, closed: thread.closedAt !== null },
    comments: roots,
    nextCursor: more ? String(top.at(-1)!.id) : null,
  }
}
