/**
 * Rewards the farming controls held back, and the owner's verdict on them
 * (README, "Against abuse"): what the owner sees (farmingSignals), releasing
 * (each gets its code now, by email) and revoking, by id, by network or by
 * email domain within a window of hours. Real libSQL, the test's clock.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { AntiAbuse } from '../../../shared/site.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { auditLog, outbox, rewards } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { importPool } from '../pool/import-pool.ts'
import { getSite } from '../sites/get-site.ts'
import { farmingSignals } from './farming-signals.ts'
import { BULK_MAX, releaseRewards, revokeRewards } from './held-rewards.ts'

async function site(antiAbuse: Partial<AntiAbuse>) {
  const t = await testCtx()
  await addSite(t.ctx, 'cpr', { antiAbuse: { rewardsPerNetworkPerDay: 1, rewardsPerWideNetworkPerDay: 100, rewardsPerDomainPerDay: 100, ...antiAbuse } })
  const post = async (ip: string, email?: string) =>
    (await postComment(t.ctx, { site: await getSite(t.ctx, 'cpr'), threadKey: '/p', comment: aComment(email ? { email } : {}) as never, ip })).reward
  return { ...t, post }
}

const rows = (ctx: Ctx) => ctx.db.select().from(rewards).orderBy(rewards.id)

describe('held rewards', () => {
  it('are held past a network’s daily limit, and a release gives each its code now, by email, once', async () => {
    const { ctx, clock, post } = await site({})
    expect(await post('192.0.2.1')).toMatchObject({ status: 'issued' })
    expect(await post('192.0.2.1')).toEqual({ status: 'pending', reason: 'review' })
    expect(await post('192.0.2.1')).toEqual({ status: 'pending', reason: 'review' })
    const [, a, b] = await rows(ctx)
    expect(a).toMatchObject({ status: 'pending', pendingReason: 'review', code: null, issuedAt: null })
    const mailsBefore = await ctx.db.$count(outbox, eq(outbox.event, 'reward.issued'))

    clock.advance(3_600_000)
    expect(await releaseRewards(ctx, { siteId: 'cpr', ids: [a!.id], actor: SYSTEM })).toEqual({ released: 1, waiting: 0 })
    const released = (await rows(ctx))[1]!
    expect(released).toMatchObject({ status: 'issued', pendingReason: null, issuedAt: clock().toISOString(), expiresAt: '2026-12-26T11:00:00.000Z' })
    expect(released.code).toMatch(/^CPR-[0-9A-HJKMNP-TV-Z]{12}$/)
    expect((await rows(ctx))[2]).toMatchObject({ status: 'pending', pendingReason: 'review' })
    // Its email is queued; the reader left the page long ago.
    const mails = await ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'reward.issued'), eq(outbox.subject, `reward:${a!.id}`)))
    expect(mails).toMatchObject([{ channel: 'email', target: a!.email, status: 'pending' }])
    expect(await ctx.db.$count(outbox, eq(outbox.event, 'reward.issued'))).toBe(mailsBefore + 1)

    // Released already: nothing to do, nothing mailed again, the code unchanged.
    expect(await releaseRewards(ctx, { siteId: 'cpr', ids: [a!.id], actor: SYSTEM })).toEqual({ released: 0, waiting: 0 })
    expect((await rows(ctx))[1]!.code).toBe(released.code)
    expect(await ctx.db.$count(outbox, eq(outbox.event, 'reward.issued'))).toBe(mailsBefore + 1)
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'rewards.released'))
    expect(audit.map((r) => [r.subject, r.detail])).toEqual([
      ['1 rewards', { ids: [a!.id] }],
      ['0 rewards', { ids: [] }],
    ])
    expect(b!.id).toBeGreaterThan(a!.id)
  })

  it('releases all of a network within the window, and only rewards held for review or budget', async () => {
    const { ctx, clock, post } = await site({})
    await post('192.0.2.1')
    await post('192.0.2.1')
    await post('192.0.2.1')
    await post('192.0.2.9')
    const network = (await rows(ctx))[0]!.networkKey!
    // A reward waiting for a moderator's approval is not the farming control's to release.
    await ctx.db
      .update(rewards)
      .set({ pendingReason: 'approval' })
      .where(eq(rewards.id, (await rows(ctx))[2]!.id))

    clock.advance(25 * 3_600_000)
    expect(await releaseRewards(ctx, { siteId: 'cpr', network, actor: SYSTEM })).toEqual({ released: 0, waiting: 0 })
    expect(await releaseRewards(ctx, { siteId: 'cpr', network, hours: 26, actor: SYSTEM })).toEqual({ released: 1, waiting: 0 })
    expect((await rows(ctx)).map((r) => [r.status, r.pendingReason])).toEqual([
      ['issued', null],
      ['issued', null],
      ['pending', 'approval'],
      ['issued', null],
    ])
  })

  it('refuses to release when rewards are off, and to act on no selection', async () => {
    const { ctx, post } = await site({})
    await post('192.0.2.1')
    await post('192.0.2.1')
    await expect(releaseRewards(ctx, { siteId: 'cpr', actor: SYSTEM })).rejects.toMatchObject({ code: 'invalid_input', fields: { ids: 'required' } })
    await expect(revokeRewards(ctx, { siteId: 'cpr', ids: [], actor: SYSTEM })).rejects.toMatchObject({ code: 'invalid_input' })
    await addSite(ctx, 'cpr', { reward: null })
    await expect(releaseRewards(ctx, { siteId: 'cpr', ids: [2], actor: SYSTEM })).rejects.toMatchObject({ code: 'conflict' })
    expect((await rows(ctx))[1]).toMatchObject({ status: 'pending', pendingReason: 'review' })
  })

  it('revokes all of an email domain, issued or held, and nothing of another domain or another site', async () => {
    const { ctx, post } = await site({ rewardsPerNetworkPerDay: 100, rewardsPerDomainPerDay: 1 })
    await addSite(ctx, 'other', { antiAbuse: { rewardsPerDomainPerDay: 100 } })
    await post('192.0.2.1', 'a@farm.example')
    expect(await post('192.0.2.2', 'b@farm.example')).toEqual({ status: 'pending', reason: 'review' })
    await post('192.0.2.3', 'c@elsewhere.example')
    await postComment(ctx, { site: await getSite(ctx, 'other'), threadKey: '/p', comment: aComment({ email: 'd@farm.example' }) as never, ip: '192.0.2.4' })
    expect(await revokeRewards(ctx, { siteId: 'cpr', domain: 'farm.example', reason: 'a farm', actor: SYSTEM })).toEqual({ revoked: 2 })
    expect((await rows(ctx)).map((r) => [r.siteId, r.emailDomain, r.status])).toEqual([
      ['cpr', 'farm.example', 'revoked'],
      ['cpr', 'farm.example', 'revoked'],
      ['cpr', 'elsewhere.example', 'issued'],
      ['other', 'farm.example', 'issued'],
    ])
    // A revoked reward is not revoked again, nor released.
    expect(await revokeRewards(ctx, { siteId: 'cpr', domain: 'farm.example', actor: SYSTEM })).toEqual({ revoked: 0 })
    expect(await releaseRewards(ctx, { siteId: 'cpr', domain: 'farm.example', actor: SYSTEM })).toEqual({ released: 0, waiting: 0 })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'rewards.revoked'))
    expect(audit.map((r) => [r.subject, r.detail])).toEqual([
      ['domain farm.example', { reason: 'a farm' }],
      ['domain farm.example', null],
    ])
  })

  it('revokes by id and by network, saying which in the audit log', async () => {
    const { ctx, post } = await site({})
    await post('192.0.2.1')
    await post('192.0.2.1')
    await post('192.0.2.2')
    const [a, b, c] = await rows(ctx)
    expect(await revokeRewards(ctx, { siteId: 'cpr', ids: [c!.id], actor: SYSTEM })).toEqual({ revoked: 1 })
    expect(await revokeRewards(ctx, { siteId: 'cpr', network: a!.networkKey!, actor: SYSTEM })).toEqual({ revoked: 2 })
    expect((await rows(ctx)).map((r) => r.status)).toEqual(['revoked', 'revoked', 'revoked'])
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'rewards.revoked'))
    expect(audit.map((r) => r.subject)).toEqual(['1 rewards', `network ${a!.networkKey}`])
    expect(b!.networkKey).toBe(a!.networkKey)
    expect(BULK_MAX).toBe(500)
  })

  it('are held past a wide network’s daily limit, from addresses that each stay under their own', async () => {
    const { post } = await site({ rewardsPerNetworkPerDay: 100, rewardsPerWideNetworkPerDay: 2 })
    expect(await post('198.51.100.1')).toMatchObject({ status: 'issued' })
    expect(await post('198.51.100.2')).toMatchObject({ status: 'issued' })
    expect(await post('198.51.100.3')).toEqual({ status: 'pending', reason: 'review' })
    // Another /24 is another wide network.
    expect(await post('198.51.101.1')).toMatchObject({ status: 'issued' })
  })

  it('are held past an email domain’s daily limit, but never for a common mail provider', async () => {
    const { post } = await site({ rewardsPerNetworkPerDay: 100, rewardsPerDomainPerDay: 1 })
    expect(await post('192.0.2.1', 'a@farm.example')).toMatchObject({ status: 'issued' })
    expect(await post('192.0.2.2', 'b@farm.example')).toEqual({ status: 'pending', reason: 'review' })
    for (let i = 0; i < 3; i++) expect(await post(`192.0.2.${10 + i}`, `reader${i}@gmail.com`)).toMatchObject({ status: 'issued' })
  })

  it('waits for the pool when released with no code left in it', async () => {
    const t = await testCtx()
    await addSite(t.ctx, 'cpr', { reward: { kind: 'pool', label: '15% off' }, antiAbuse: { rewardsPerNetworkPerDay: 1 } })
    await importPool(t.ctx, { siteId: 'cpr', csv: 'POOL-0001\nPOOL-0002\n', actor: SYSTEM })
    const post = async (ip: string) => postComment(t.ctx, { site: await getSite(t.ctx, 'cpr'), threadKey: '/p', comment: aComment() as never, ip })
    await post('192.0.2.1')
    // Held: its code goes back to the pool, and the next reader from elsewhere takes it.
    await post('192.0.2.1')
    expect((await post('192.0.2.9')).reward).toMatchObject({ status: 'issued', code: 'POOL-0002' })
    const held = (await rows(t.ctx))[1]!
    expect(held).toMatchObject({ status: 'pending', pendingReason: 'review' })
    expect(await releaseRewards(t.ctx, { siteId: 'cpr', ids: [held.id], actor: SYSTEM })).toEqual({ released: 0, waiting: 1 })
    expect((await rows(t.ctx))[1]).toMatchObject({ status: 'pending', pendingReason: 'pool-empty', code: null })
  })

  it('are held past the site’s daily budget, counting issued rewards only', async () => {
    const { ctx, clock, post } = await site({ rewardsPerNetworkPerDay: 100, rewardBudgetPerDay: 2 })
    expect(await post('192.0.2.1')).toMatchObject({ status: 'issued' })
    expect(await post('192.0.2.2')).toMatchObject({ status: 'issued' })
    expect(await post('192.0.2.3')).toEqual({ status: 'pending', reason: 'budget' })
    expect(await post('192.0.2.4')).toEqual({ status: 'pending', reason: 'budget' })
    // A day later the budget is fresh.
    clock.advance(86_400_001)
    expect(await post('192.0.2.5')).toMatchObject({ status: 'issued' })
    expect(await farmingSignals(ctx, { siteId: 'cpr', hours: 48 })).toMatchObject({ held: { budget: 2, review: 0 } })
  })
})

describe('farmingSignals', () => {
  it('shows networks and domains with more than one recent reward, most first, with how many are held', async () => {
    const { ctx, clock, post } = await site({ rewardsPerNetworkPerDay: 2 })
    // Three rewards from one address (one held), two from a neighbour in its /24, one elsewhere.
    for (let i = 0; i < 3; i++) await post('192.0.2.1', `r${i}@farm.example`)
    for (let i = 0; i < 2; i++) await post('192.0.2.2', `s${i}@gmail.com`)
    await post('198.51.100.1', 'alone@other.example')
    const [first] = await rows(ctx)
    const wide = first!.wideNetworkKey!
    const signals = await farmingSignals(ctx, { siteId: 'cpr', hours: 24 })
    expect(signals.since).toBe(new Date(clock().getTime() - 24 * 3_600_000).toISOString())
    expect(signals.held).toEqual({ budget: 0, review: 1 })
    expect(signals.networks).toEqual([
      { network: wide, wide: true, rewards: 5, held: 1 },
      { network: first!.networkKey, wide: false, rewards: 3, held: 1 },
      { network: expect.any(String), wide: false, rewards: 2, held: 0 },
    ])
    expect(signals.domains).toEqual([
      { domain: 'farm.example', rewards: 3, held: 1, common: false },
      { domain: 'gmail.com', rewards: 2, held: 0, common: true },
    ])
    expect((await farmingSignals(ctx, { siteId: 'cpr', hours: 24, top: 1 })).networks).toHaveLength(1)
    // Outside the window, nothing is recent; what is held stays held.
    clock.advance(2 * 3_600_000)
    expect(await farmingSignals(ctx, { siteId: 'cpr', hours: 1 })).toMatchObject({ held: { review: 1 }, networks: [], domains: [] })
  })

  it('lists a client network ahead of a smaller wide network', async () => {
    const { ctx, post } = await site({ rewardsPerNetworkPerDay: 100 })
    // One reward each from two neighbours: only their /24 shows. Three from one address: it shows, its /24 repeats it.
    await post('198.51.100.1')
    await post('198.51.100.2')
    for (let i = 0; i < 3; i++) await post('192.0.2.1')
    const all = await rows(ctx)
    expect((await farmingSignals(ctx, { siteId: 'cpr', hours: 24 })).networks).toEqual([
      { network: all[2]!.networkKey, wide: false, rewards: 3, held: 0 },
      { network: all[0]!.wideNetworkKey, wide: true, rewards: 2, held: 0 },
    ])
  })

  it('leaves out a wide network that only repeats one client network', async () => {
    const { ctx, post } = await site({ rewardsPerNetworkPerDay: 100 })
    await post('192.0.2.1')
    await post('192.0.2.1')
    const signals = await farmingSignals(ctx, { siteId: 'cpr', hours: 24 })
    expect(signals.networks).toEqual([{ network: (await rows(ctx))[0]!.networkKey, wide: false, rewards: 2, held: 0 }])
  })
})
