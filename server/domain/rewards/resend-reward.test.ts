/**
 * A returning reader asks for their code again: it goes by email, only to the
 * address that earned it, only while the code is good; each limit (per client
 * network, per reader) holds on its own, on the test's clock.
 */
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { SiteSettingsInput } from '../../../shared/site.ts'
import { aComment, addSite, limitsOnClock, testCtx } from '../../../tests/helpers/test-app.ts'
import { outbox, rewards } from '../../db/schema.ts'
import { postComment } from '../comments/post-comment.ts'
import { DomainError } from '../errors.ts'
import { getSite } from '../sites/get-site.ts'
import { RESENDS, resendReward } from './resend-reward.ts'

async function site(settings: Partial<SiteSettingsInput> = {}, canEmail = true) {
  const t = await testCtx()
  const ctx = { ...t.ctx, canEmail }
  await addSite(ctx, 'cpr', settings)
  const earn = async (email: string, threadKey = '/p') =>
    postComment(ctx, { site: await getSite(ctx, 'cpr'), threadKey, comment: aComment({ email }) as never, ip: '192.0.2.200' })
  /** Asks again; answers 'queued' or the refusal's code. */
  const resend = async (email: string, network = '192.0.2.1', threadKey?: string) => {
    try {
      return (await resendReward(ctx, { site: await getSite(ctx, 'cpr'), email, network, threadKey })).status
    } catch (error) {
      if (error instanceof DomainError) return error.code
      throw error
    }
  }
  const resent = async () => (await ctx.db.select().from(outbox).where(eq(outbox.event, 'reward.resent')).orderBy(outbox.id)).map((r) => [r.target, r.subject])
  return { ...t, ctx, earn, resend, resent }
}

describe('resendReward', () => {
  it('mails the code to the address that earned it, as it was typed, whoever asks in whichever spelling', async () => {
    const { earn, resend, resent, ctx } = await site()
    await earn('Ann.Lee+blog@gmail.com')
    const [reward] = await ctx.db.select().from(rewards)
    expect(await resend('annlee@googlemail.com')).toBe('queued')
    expect(await resent()).toEqual([['Ann.Lee+blog@gmail.com', `reward:${reward!.id}`]])
    const [row] = await ctx.db.select().from(outbox).where(eq(outbox.event, 'reward.resent'))
    expect(row).toMatchObject({ siteId: 'cpr', channel: 'email', status: 'pending', attempts: 0, nextAttemptAt: '2026-11-26T10:00:00.000Z' })
  })

  it('answers the same and mails nothing for an address with no good code: unknown, revoked, redeemed or waiting', async () => {
    const { earn, resend, resent, ctx } = await site()
    for (const email of ['revoked@example.com', 'redeemed@example.com', 'waiting@example.com']) await earn(email)
    await ctx.db.update(rewards).set({ status: 'revoked' }).where(eq(rewards.email, 'revoked@example.com'))
    await ctx.db.update(rewards).set({ status: 'redeemed' }).where(eq(rewards.email, 'redeemed@example.com'))
    await ctx.db.update(rewards).set({ status: 'pending', pendingReason: 'review', code: null }).where(eq(rewards.email, 'waiting@example.com'))
    for (const email of ['nobody@example.com', 'revoked@example.com', 'redeemed@example.com', 'waiting@example.com']) {
      expect(await resend(email, `192.0.2.${email.length}`), email).toBe('queued')
    }
    expect(await resent()).toEqual([])
  })

  it('with a reward per post, mails the code of the post asked about', async () => {
    const { earn, resend, resent, ctx } = await site({ reward: { kind: 'generated', label: '5 off', scope: 'thread' } })
    await earn('ann@example.com', '/a')
    await earn('ann@example.com', '/b')
    const [a, b] = await ctx.db.select().from(rewards).orderBy(rewards.id)
    expect(await resend('ann@example.com', '192.0.2.1', '/b')).toBe('queued')
    expect(await resend('ann@example.com', '192.0.2.1', '/a')).toBe('queued')
    expect(await resend('ann@example.com', '192.0.2.1')).toBe('queued')
    expect(await resent()).toEqual([
      ['ann@example.com', `reward:${b!.id}`],
      ['ann@example.com', `reward:${a!.id}`],
    ])
  })

  it('with one reward per reader, mails it whichever post the reader asks from', async () => {
    const { earn, resend, resent, ctx } = await site()
    await earn('ann@example.com', '/a')
    const [reward] = await ctx.db.select().from(rewards)
    expect(await resend('ann@example.com', '192.0.2.1', '/b')).toBe('queued')
    expect(await resent()).toEqual([['ann@example.com', `reward:${reward!.id}`]])
  })

  it('answers the same, and mails nothing, when rewards are off', async () => {
    const { resend, resent } = await site({ reward: null })
    expect(await resend('ann@example.com', '192.0.2.1', '/a')).toBe('queued')
    expect(await resent()).toEqual([])
  })

  it('fails as an error, not as a rate limit, when the counters cannot be read', async () => {
    const { ctx } = await site()
    await ctx.db.run(sql`drop table rate_limits`)
    const failure = await resendReward(ctx, { site: await getSite(ctx, 'cpr'), email: 'ann@example.com', network: '192.0.2.1' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(Error)
    expect(failure).not.toBeInstanceOf(DomainError)
  })

  it('is unavailable on a server that sends no email', async () => {
    const { resend } = await site({}, false)
    expect(await resend('ann@example.com')).toBe('unavailable')
  })

  it(`lets one reader ask ${RESENDS.perReaderPerDay} times a day, from any network`, async () => {
    const { earn, resend, resent, clock } = await site()
    const advance = limitsOnClock(clock)
    await earn('ann@example.com')
    const asks = []
    for (let i = 0; i < RESENDS.perReaderPerDay + 1; i++) asks.push(await resend('ANN@example.com', `198.51.100.${i}`))
    expect(asks).toEqual([...Array(RESENDS.perReaderPerDay).fill('queued'), 'rate_limited'])
    expect(await resent()).toHaveLength(RESENDS.perReaderPerDay)
    // Another reader is not held up by this one.
    expect(await resend('bob@example.com', '198.51.100.50')).toBe('queued')
    advance(23 * 3_600_000)
    expect(await resend('ann@example.com', '198.51.100.60')).toBe('rate_limited')
    advance(3_600_000)
    expect(await resend('ann@example.com', '198.51.100.61')).toBe('queued')
  })

  it(`lets one network ask ${RESENDS.perNetworkPerHour} times an hour, for any readers`, async () => {
    const { resend, clock } = await site()
    const advance = limitsOnClock(clock)
    const asks = []
    for (let i = 0; i < RESENDS.perNetworkPerHour + 1; i++) asks.push(await resend(`reader${i}@example.com`, '203.0.113.9'))
    expect(asks).toEqual([...Array(RESENDS.perNetworkPerHour).fill('queued'), 'rate_limited'])
    expect(await resend('someone@example.com', '203.0.113.10')).toBe('queued')
    advance(3_600_000)
    expect(await resend('late@example.com', '203.0.113.9')).toBe('queued')
  })

  it('says when to ask again', async () => {
    const { resend, ctx } = await site()
    for (let i = 0; i < RESENDS.perReaderPerDay; i++) await resend('ann@example.com', `198.51.100.${i}`)
    const refusal = await resendReward(ctx, { site: await getSite(ctx, 'cpr'), email: 'ann@example.com', network: '198.51.100.99' }).catch((e: unknown) => e)
    expect(refusal).toMatchObject({ code: 'rate_limited' })
    expect((refusal as DomainError).retryAfterSeconds).toBeGreaterThan(86_000)
    expect((refusal as DomainError).retryAfterSeconds).toBeLessThanOrEqual(86_400)
  })
})
