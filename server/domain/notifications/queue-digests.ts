/**
 * Admins who asked for a daily digest get one mail a day covering the comments
 * since the last one (nothing when there were none). Queued by the sweep; the
 * mail is composed at delivery (compose-email.ts) from the period it covers.
 */
import { and, eq, isNull, lte, or } from 'drizzle-orm'
import { adminUsers, outbox } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

const DAY_MS = 86_400_000

export async function queueDigests(ctx: Ctx): Promise<number> {
  const now = ctx.clock()
  const to = now.toISOString()
  const due = await ctx.db
    .select()
    .from(adminUsers)
    .where(
      and(eq(adminUsers.notifyDigest, true), or(isNull(adminUsers.digestSentAt), lte(adminUsers.digestSentAt, new Date(now.getTime() - DAY_MS).toISOString()))),
    )
  for (const admin of due) {
    const from = admin.digestSentAt ?? new Date(now.getTime() - DAY_MS).toISOString()
    // Claimed by moving digestSentAt: another process running the same sweep finds nothing due.
    const [claimed] = await ctx.db
      .update(adminUsers)
      .set({ digestSentAt: to })
      .where(and(eq(adminUsers.id, admin.id), admin.digestSentAt ? eq(adminUsers.digestSentAt, admin.digestSentAt) : isNull(adminUsers.digestSentAt)))
      .returning({ id: adminUsers.id })
    if (!claimed) continue
    await ctx.db.insert(outbox).values({
      siteId: '',
      channel: 'email',
      event: 'digest',
      target: admin.email,
      subject: `admin:${admin.id}`,
      payload: JSON.stringify({ from, to }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: to,
      createdAt: to,
    })
  }
  return due.length
}
