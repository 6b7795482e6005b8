import { and, asc, count, eq, isNull, sql } from 'drizzle-orm'
import { namedBatch } from '../../db/named-batch.ts'
import { codePool, rewards } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { rewardEmailEntry, rewardIssuedEntries } from '../events/outbox-entries.ts'
import { codeKey } from '../rewards/code-key.ts'
import { codeSource } from '../rewards/code-source.ts'
import { getSite } from '../sites/get-site.ts'
import { parsePoolCsv } from './parse-pool-csv.ts'

/** Codes per INSERT: each chunk is one JSON parameter, unpacked by SQLite (json_each), so a big file costs little memory. */
const CHUNK = 10_000

/**
 * Imports the owner's shop codes into the site's pool, in one transaction,
 * then hands them to the readers whose rewards were waiting for the pool
 * (oldest first) in the same transaction.
 */
export async function importPool(ctx: Ctx, input: { siteId: string; csv: string; actor: Actor }) {
  const site = await getSite(ctx, input.siteId)
  const parsed = parsePoolCsv(input.csv)
  const now = ctx.clock()
  const at = now.toISOString()
  const inserts = []
  for (let i = 0; i < parsed.codes.length; i += CHUNK) {
    const rows = JSON.stringify(parsed.codes.slice(i, i + CHUNK).map((code) => [code, codeKey(code)]))
    inserts.push(
      ctx.db.run(sql`insert into ${codePool} (site_id, code, code_key, imported_at)
        select ${site.id}, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), ${at} from json_each(${rows}) j where true
        on conflict do nothing`),
    )
  }

  const waiting =
    site.reward?.kind === 'pool'
      ? await ctx.db
          .select({ id: rewards.id, commentId: rewards.commentId })
          .from(rewards)
          .where(and(eq(rewards.siteId, site.id), eq(rewards.status, 'pending'), eq(rewards.pendingReason, 'pool-empty')))
          .orderBy(asc(rewards.id))
      : []
  const handOut = waiting.flatMap((w) => {
    const source = codeSource(ctx, site.id, site.reward!, now)
    const commentId = sql`${w.commentId}`
    return [
      ...source.before,
      ctx.db
        .update(rewards)
        .set(source.fields)
        .where(and(eq(rewards.id, w.id), eq(rewards.status, 'pending'))),
      ...source.after,
      rewardIssuedEntries(ctx, { siteId: site.id, commentId, issuedAt: at }),
      // Issued after the reader left the page: email is the only way it reaches them.
      rewardEmailEntry(ctx, { commentId, issuedAt: at }),
    ]
  })

  const results = await namedBatch(ctx.db, {
    inserts,
    handOut,
    audit: auditEntry(ctx, { actor: input.actor, action: 'pool.imported', siteId: site.id, subject: `${parsed.codes.length} codes` }),
  })
  const imported = (results.inserts as { rowsAffected: number }[]).reduce((n, r) => n + r.rowsAffected, 0)
  const stillWaiting = await ctx.db.$count(rewards, and(eq(rewards.siteId, site.id), eq(rewards.pendingReason, 'pool-empty'), eq(rewards.status, 'pending')))
  return {
    imported,
    duplicates: parsed.duplicates + (parsed.codes.length - imported),
    blank: parsed.blank,
    handedOut: waiting.length - stillWaiting,
  }
}

/** How full the pool is, and how many readers wait for it. */
export async function poolStatus(ctx: Ctx, siteId: string) {
  const [free] = await ctx.db
    .select({ n: count() })
    .from(codePool)
    .where(and(eq(codePool.siteId, siteId), isNull(codePool.claim)))
  const total = await ctx.db.$count(codePool, eq(codePool.siteId, siteId))
  const waiting = await ctx.db.$count(rewards, and(eq(rewards.siteId, siteId), eq(rewards.status, 'pending'), eq(rewards.pendingReason, 'pool-empty')))
  return { available: free!.n, handedOut: total - free!.n, waiting }
}
