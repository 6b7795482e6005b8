/**
 * A returning reader asks for their code again. It goes only to the address
 * that earned it, by email, and the answer is the same whether or not that
 * address earned one: knowing someone's email never shows or confirms a code.
 * Limited per client network and per reader.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { outbox, rewards } from '../../db/schema.ts'
import { limiter } from '../abuse/rate-limits.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { readerPseudonym } from '../readers/reader-subject.ts'
import type { Site } from '../sites/get-site.ts'

export const RESENDS = { perNetworkPerHour: 5, perReaderPerDay: 3 }

export async function resendReward(ctx: Ctx, input: { site: Site; email: string; threadKey?: string; network: string }): Promise<{ status: 'queued' }> {
  if (!ctx.canEmail) throw new DomainError('unavailable', 'This blog does not send email.')
  const readerKey = normalizeEmail(input.email)
  try {
    await limiter(ctx, 'resend-net', RESENDS.perNetworkPerHour, 3600).consume(`${input.site.id}|${input.network}`)
    await limiter(ctx, 'resend-reader', RESENDS.perReaderPerDay, 86_400).consume(`${input.site.id}|${await readerPseudonym(ctx, input.site.id, readerKey)}`)
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    throw new DomainError('rate_limited', 'Asked too often. Please look in your mailbox, or try again later.', undefined, Math.ceil(error.msBeforeNext / 1000))
  }
  const scopeKey = input.site.reward?.scope === 'thread' ? (input.threadKey ?? '') : ''
  const [reward] = await ctx.db
    .select({ id: rewards.id, email: rewards.email })
    .from(rewards)
    .where(
      and(
        eq(rewards.siteId, input.site.id),
        eq(rewards.readerKey, readerKey),
        eq(rewards.scopeKey, scopeKey),
        eq(rewards.status, 'issued'),
        sql`${rewards.code} is not null`,
      ),
    )
    .orderBy(desc(rewards.id))
    .limit(1)
  if (reward) {
    const at = ctx.clock().toISOString()
    await ctx.db.insert(outbox).values({
      siteId: input.site.id,
      channel: 'email',
      event: 'reward.resent',
      target: reward.email,
      subject: `reward:${reward.id}`,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    })
  }
  return { status: 'queued' }
}
