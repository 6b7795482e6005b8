import { and, eq, lt, sql } from 'drizzle-orm'
import { adminSessions, moderationUndos, outbox, rateLimits, readerLinks, usedLinks } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { queueDigests } from '../notifications/queue-digests.ts'
import { applyRetention } from '../readers/apply-retention.ts'

const DAY_MS = 86_400_000

/** How long finished work is kept: long enough to look into a complaint, not forever. */
export const KEEP = { sentDeliveryDays: 30, failedDeliveryDays: 90 }

/**
 * The sweep every server process runs (any one of them doing it is
 * enough): delivered and long-failed outbox rows, expired admin sessions,
 * spent rate-limit counters, expired reader links, undo records and used
 * email links, and readers' emails past
 * their site's retention; it also queues the admins' daily digests. Returns
 * what it did.
 */
export async function purgeExpired(ctx: Ctx) {
  const now = ctx.clock().getTime()
  const ago = (days: number) => new Date(now - days * DAY_MS).toISOString()
  const [sent, failed, sessions, counters] = await ctx.db.batch([
    ctx.db
      .delete(outbox)
      .where(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, ago(KEEP.sentDeliveryDays))))
      .returning({ id: outbox.id }),
    ctx.db
      .delete(outbox)
      .where(and(eq(outbox.status, 'failed'), lt(outbox.createdAt, ago(KEEP.failedDeliveryDays))))
      .returning({ id: outbox.id }),
    ctx.db
      .delete(adminSessions)
      .where(lt(adminSessions.expiresAt, new Date(now).toISOString()))
      .returning({ id: adminSessions.idHash }),
    ctx.db.delete(rateLimits).where(sql`${rateLimits.expire} < ${now}`).returning({ key: rateLimits.key }),
    ctx.db.delete(readerLinks).where(lt(readerLinks.expiresAt, new Date(now).toISOString())),
    ctx.db.delete(moderationUndos).where(lt(moderationUndos.expiresAt, new Date(now).toISOString())),
    ctx.db.delete(usedLinks).where(lt(usedLinks.expiresAt, new Date(now).toISOString())),
  ])
  const readerEmails = await applyRetention(ctx)
  const digests = await queueDigests(ctx)
  return { deliveries: sent.length + failed.length, sessions: sessions.length, rateLimits: counters.length, readerEmails, digests }
}
