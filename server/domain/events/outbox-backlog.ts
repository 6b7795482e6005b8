import { count, eq, min } from 'drizzle-orm'
import { outbox } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

/** How far behind delivery is: messages waiting, messages given up on, and how long the oldest has waited. */
export async function outboxBacklog(ctx: Ctx): Promise<{ pending: number; failed: number; oldestPendingSeconds: number }> {
  const [pending] = await ctx.db
    .select({ n: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
  const [failed] = await ctx.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'))
  const oldest = pending?.oldest ? (ctx.clock().getTime() - new Date(pending.oldest).getTime()) / 1000 : 0
  return { pending: pending?.n ?? 0, failed: failed?.n ?? 0, oldestPendingSeconds: Math.max(0, oldest) }
}
