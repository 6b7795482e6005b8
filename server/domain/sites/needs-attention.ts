/**
 * What needs an admin now, per site: comments held for approval, rewards held
 * back for a look, deliveries given up on lately, and pages the widget was
 * refused on lately that are not allowed yet. The admin opens on this, and the
 * menu's badge counts it. Every count goes through an index.
 */
import { and, eq, gt, ne, sql } from 'drizzle-orm'
import type { AttentionAnswer } from '../../../shared/admin.ts'
import { comments, outbox, refusedOrigins, rewards } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { listSites } from './list-sites.ts'
import { isSiteOrigin } from './site-origins.ts'

/** Failures and refusals older than this are history, not news. */
export const ATTENTION_DAYS = 7

const count = sql<number>`count(*)`

export async function needsAttention(ctx: Ctx): Promise<AttentionAnswer> {
  const since = new Date(ctx.clock().getTime() - ATTENTION_DAYS * 86_400_000).toISOString()
  const [sites, failed] = await Promise.all([
    listSites(ctx),
    ctx.db
      .select({ site: outbox.siteId, n: count })
      .from(outbox)
      .where(and(eq(outbox.status, 'failed'), gt(outbox.createdAt, since)))
      .groupBy(outbox.siteId),
  ])
  const failedBySite = new Map(failed.map((r) => [r.site, r.n]))
  const items = await Promise.all(
    sites.map(async (s) => {
      const [[held], [heldRewards], refused] = await Promise.all([
        ctx.db
          .select({ n: count })
          .from(comments)
          .where(and(eq(comments.siteId, s.id), eq(comments.status, 'pending'))),
        ctx.db
          .select({ n: count })
          .from(rewards)
          .where(and(eq(rewards.siteId, s.id), eq(rewards.status, 'pending'), ne(rewards.pendingReason, 'approval'))),
        ctx.db
          .select({ origin: refusedOrigins.origin })
          .from(refusedOrigins)
          .where(and(eq(refusedOrigins.siteId, s.id), gt(refusedOrigins.lastSeenAt, since))),
      ])
      return {
        site: s.id,
        name: s.name,
        heldComments: held?.n ?? 0,
        heldRewards: heldRewards?.n ?? 0,
        failedDeliveries: failedBySite.get(s.id) ?? 0,
        refusedOrigins: refused.map((o) => o.origin).filter((o) => !isSiteOrigin(s.origins, o)),
      }
    }),
  )
  const total = items.reduce((n, s) => n + s.heldComments + s.heldRewards + s.failedDeliveries + s.refusedOrigins.length, 0)
  return { total, sites: items }
}
