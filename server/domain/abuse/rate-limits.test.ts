/**
 * Each comment limit on its own (README, "Against abuse"): per client network,
 * per reader, per site, counted in that order; and how much spam is kept. Each
 * test reaches one limit and stays under the others, so taking any one out
 * fails its test. Windows are moved on the test's clock, never waited for.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { AntiAbuse } from '../../../shared/site.ts'
import { aComment, addSite, limitsOnClock, testCtx } from '../../../tests/helpers/test-app.ts'
import { comments } from '../../db/schema.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { getSite } from '../sites/get-site.ts'
import { SPAM_KEPT } from './rate-limits.ts'

async function site(antiAbuse: Partial<AntiAbuse>, id = 'cpr') {
  const t = await testCtx()
  await addSite(t.ctx, id, { antiAbuse })
  return { ...t, post: poster(t.ctx, id) }
}

/** Posts a comment; answers 201 or the refusal's code, as the route would. */
function poster(ctx: Ctx, siteId: string) {
  return async (ip: string, over: Record<string, unknown> = {}) => {
    try {
      await postComment(ctx, { site: await getSite(ctx, siteId), threadKey: '/p', comment: aComment(over) as never, ip })
      return 201
    } catch (error) {
      if (error instanceof DomainError && error.code === 'rate_limited') return 429
      throw error
    }
  }
}

const times = async (n: number, f: (i: number) => Promise<number>) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(await f(i))
  return out
}

describe('comment limits, each on its own', () => {
  it('per client network: 3 a minute from one network, whoever writes; other networks go on', async () => {
    const { post } = await site({ perIpPerMinute: 3 })
    expect(await times(5, () => post('192.0.2.1'))).toEqual([201, 201, 201, 429, 429])
    // An IPv6 /64 is one client network.
    expect(await times(4, (i) => post(`2001:db8:1:2::${i + 1}`))).toEqual([201, 201, 201, 429])
    expect(await post('192.0.2.2')).toBe(201)
  })

  it('per reader: 2 an hour from one reader, however the address is spelled and from whichever network', async () => {
    const { post } = await site({ perEmailPerHour: 2 })
    const spellings = ['Ann.Lee@gmail.com', 'annlee+blog@gmail.com', 'ANNLEE@googlemail.com', 'ann.lee@gmail.com']
    expect(await times(4, (i) => post(`192.0.2.${10 + i}`, { email: spellings[i] }))).toEqual([201, 201, 429, 429])
    expect(await post('192.0.2.20', { email: 'someone.else@gmail.com' })).toBe(201)
  })

  it('per site: 4 a minute on the whole site, from any readers and networks; another site goes on', async () => {
    const { ctx, post } = await site({ perSitePerMinute: 4 })
    expect(await times(6, (i) => post(`192.0.2.${30 + i}`))).toEqual([201, 201, 201, 201, 429, 429])
    await addSite(ctx, 'other', { antiAbuse: { perSitePerMinute: 4 } })
    expect(await poster(ctx, 'other')('192.0.2.40')).toBe(201)
  })

  it('are counted network, then reader, then site: a refused network spends nothing of the others', async () => {
    const { post } = await site({ perIpPerMinute: 2, perEmailPerHour: 1, perSitePerMinute: 4 })
    // One reader from one network: the network's 2, then refusals that must not touch the reader's 1 or the site's 4…
    expect(await post('192.0.2.50', { email: 'first@gmail.com' })).toBe(201)
    expect(await post('192.0.2.50', { email: 'second@gmail.com' })).toBe(201)
    expect(await times(10, () => post('192.0.2.50', { email: 'third@gmail.com' }))).toEqual(Array(10).fill(429))
    // …so that reader's one comment is still there from another network, and the site has 2 of 4 left.
    expect(await post('192.0.2.51', { email: 'third@gmail.com' })).toBe(201)
    // A reader past their own limit spends nothing of the site's either.
    expect(await post('192.0.2.52', { email: 'third@gmail.com' })).toBe(429)
    expect(await post('192.0.2.53')).toBe(201)
    expect(await post('192.0.2.54')).toBe(429)
  })

  it('answer how long to wait, and let comments in again once the window has passed', async () => {
    const { post, clock, ctx } = await site({ perIpPerMinute: 2, perEmailPerHour: 3 })
    const advance = limitsOnClock(clock)
    expect(await times(3, () => post('192.0.2.60'))).toEqual([201, 201, 429])
    const refusal = await postComment(ctx, { site: await getSite(ctx, 'cpr'), threadKey: '/p', comment: aComment() as never, ip: '192.0.2.60' }).catch(
      (e: unknown) => e,
    )
    expect(refusal).toBeInstanceOf(DomainError)
    expect((refusal as DomainError).retryAfterSeconds).toBeGreaterThan(50)
    expect((refusal as DomainError).retryAfterSeconds).toBeLessThanOrEqual(60)
    advance(59_000)
    expect(await post('192.0.2.60')).toBe(429)
    advance(1_001)
    expect(await post('192.0.2.60')).toBe(201)
    // A reader's hour is an hour, not a minute.
    const reader = { email: 'hourly@gmail.com' }
    expect(await times(4, (i) => post(`192.0.2.${70 + i}`, reader))).toEqual([201, 201, 201, 429])
    advance(60_001)
    expect(await post('192.0.2.75', reader)).toBe(429)
    advance(3_600_000)
    expect(await post('192.0.2.76', reader)).toBe(201)
  })
})

describe('spam kept for the moderator', () => {
  it(`keeps ${SPAM_KEPT.perNetworkPerHour} an hour from one network, drops the rest unseen, and spends no real reader’s allowance`, async () => {
    const { post, ctx } = await site({ perIpPerMinute: 2 })
    const bot = { website: 'http://spam.example' }
    expect(await times(SPAM_KEPT.perNetworkPerHour + 5, () => post('192.0.2.80', bot))).toEqual(Array(SPAM_KEPT.perNetworkPerHour + 5).fill(201))
    expect(await ctx.db.$count(comments)).toBe(SPAM_KEPT.perNetworkPerHour)
    // Another network's spam is kept; a real reader on the bot's network still has the network's allowance.
    expect(await post('192.0.2.81', bot)).toBe(201)
    expect(await ctx.db.$count(comments)).toBe(SPAM_KEPT.perNetworkPerHour + 1)
    expect(await times(3, () => post('192.0.2.80'))).toEqual([201, 201, 429])
  })
})

describe('when the counters cannot be read', () => {
  it('fails the comment as an error, not as a rate limit, and keeps no spam unseen', async () => {
    const { post, ctx } = await site({})
    expect(await post('192.0.2.90')).toBe(201)
    await ctx.db.run(sql`drop table rate_limits`)
    // Neither a 429 (the reader would wait for nothing) nor a silent drop of spam: the error is the server's.
    await expect(post('192.0.2.90')).rejects.not.toBeInstanceOf(DomainError)
    await expect(post('192.0.2.90', { website: 'http://spam.example' })).rejects.not.toBeInstanceOf(DomainError)
    expect(await ctx.db.$count(comments)).toBe(1)
  })
})
