import { describe, expect, it } from 'vitest'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { SYSTEM } from '../audit/actor.ts'
import { type OrderTotal, redeemCode, revokeCode } from '../codes/change-code.ts'
import { postComment } from '../comments/post-comment.ts'
import { getSite } from '../sites/get-site.ts'
import { siteStats } from './site-stats.ts'

const DAY = 86_400_000
const zero = { comments: 0, rewardedReaders: 0, convertedReaders: 0, conversion: 0, redemptions: 0, revenue: [] }

/**
 * Three months of a blog with one reward per reader per post, written out by
 * hand so that every expected number below can be counted on one's fingers.
 *
 *   2026-11-26  Ann /a (A1), Ann /a again (no new code), Ben /a (B1), Cat /b (C1),
 *               Ann /b (A2), Dan /b (D1, revoked), a bot /b (spam), noise on another site
 *   2026-11-27  A1 redeemed, 49.90 EUR
 *   2026-12-06  Eve /a (E1); B1 redeemed without a total; E1 redeemed, 15.00 USD
 *   2027-01-10  Fay /p (F1), redeemed the same day, 1200 JPY
 */
async function threeMonths() {
  const { ctx, clock } = await testCtx()
  await addSite(ctx, 'cpr', { reward: { kind: 'generated', label: '10% off', percentOff: 10, validDays: 90, codePrefix: 'CPR-', scope: 'thread' } })
  await addSite(ctx, 'other')
  const site = await getSite(ctx, 'cpr')
  const other = await getSite(ctx, 'other')
  let n = 0
  const comment = async (who: string, path: string, extra: Record<string, unknown> = {}, on = site) => {
    n++
    const answer = await postComment(ctx, {
      site: on,
      threadKey: path,
      comment: { authorName: who, email: `${who.toLowerCase()}@example.com`, body: `${who} thinks about ${path}, thought ${n}.`, elapsedMs: 9000, ...extra },
      ip: '192.0.2.1',
    })
    return answer.reward?.status === 'issued' ? answer.reward.code : null
  }
  const redeem = (code: string, orderRef: string, order?: OrderTotal, siteId = 'cpr') => redeemCode(ctx, { code, siteId, actor: SYSTEM, orderRef, order })

  const a1 = (await comment('Ann', '/a'))!
  expect(await comment('Ann', '/a')).toBeNull()
  const b1 = (await comment('Ben', '/a'))!
  expect(await comment('Cat', '/b')).not.toBeNull()
  expect(await comment('Ann', '/b')).not.toBeNull()
  await revokeCode(ctx, { code: (await comment('Dan', '/b'))!, siteId: 'cpr', actor: SYSTEM })
  expect(await comment('Bot', '/b', { website: 'http://spam.example' })).toBeNull()
  await redeem((await comment('Noise', '/a', {}, other))!, 'x-1', { total: '999.00', currency: 'EUR' }, 'other')

  clock.advance(DAY)
  await redeem(a1, '#1001', { total: '49.90', currency: 'EUR' })

  clock.advance(9 * DAY)
  const e1 = (await comment('Eve', '/a'))!
  await redeem(b1, '#1002')
  await redeem(e1, '#1003', { total: '15.00', currency: 'USD' })

  clock.advance(35 * DAY)
  await redeem((await comment('Fay', '/p'))!, '#1004', { total: '1200', currency: 'JPY' })
  expect(clock().toISOString().slice(0, 10)).toBe('2027-01-10')
  return ctx
}

describe('siteStats: does it pay?', () => {
  it('counts per rewarded reader, per month and per post, with the revenue per currency', async () => {
    const ctx = await threeMonths()
    const stats = await siteStats(ctx, { site: 'cpr' })

    // Default: the last twelve months, whole months from the first.
    expect([stats.from, stats.to]).toEqual(['2026-02-01', '2027-01-10'])
    expect(stats.months.map((m) => m.month)).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ])
    for (const m of stats.months.slice(0, 9)) expect(m).toEqual({ month: m.month, ...zero })

    // November: six published comments (Ann twice on /a, the spam left out); Ann, Ben and Cat rewarded (Ann on two
    // posts is one reader; Dan's revoked code is no reward); Ann and Ben have redeemed since (Ben in December): 2 of 3.
    expect(stats.months[9]).toEqual({
      month: '2026-11',
      comments: 6,
      rewardedReaders: 3,
      convertedReaders: 2,
      conversion: 0.6667,
      redemptions: 1,
      revenue: [{ currency: 'EUR', amount: '49.90', orders: 1 }],
    })
    // December: Eve rewarded and converted; two redemptions happened (Ben's, without a total, and Eve's).
    expect(stats.months[10]).toEqual({
      month: '2026-12',
      comments: 1,
      rewardedReaders: 1,
      convertedReaders: 1,
      conversion: 1,
      redemptions: 2,
      revenue: [{ currency: 'USD', amount: '15.00', orders: 1 }],
    })
    expect(stats.months[11]).toEqual({
      month: '2027-01',
      comments: 1,
      rewardedReaders: 1,
      convertedReaders: 1,
      conversion: 1,
      redemptions: 1,
      revenue: [{ currency: 'JPY', amount: '1200', orders: 1 }],
    })

    // Five readers rewarded (Ann once), four of them customers; currencies are never added together.
    expect(stats.totals).toEqual({
      comments: 8,
      rewardedReaders: 5,
      convertedReaders: 4,
      conversion: 0.8,
      redemptions: 4,
      revenue: [
        { currency: 'EUR', amount: '49.90', orders: 1 },
        { currency: 'JPY', amount: '1200', orders: 1 },
        { currency: 'USD', amount: '15.00', orders: 1 },
      ],
    })

    // Posts, most redemptions first.
    expect(stats.threads).toEqual([
      {
        key: '/a',
        title: null,
        comments: 4,
        rewardedReaders: 3,
        convertedReaders: 3,
        conversion: 1,
        redemptions: 3,
        revenue: [
          { currency: 'EUR', amount: '49.90', orders: 1 },
          { currency: 'USD', amount: '15.00', orders: 1 },
        ],
      },
      {
        key: '/p',
        title: null,
        comments: 1,
        rewardedReaders: 1,
        convertedReaders: 1,
        conversion: 1,
        redemptions: 1,
        revenue: [{ currency: 'JPY', amount: '1200', orders: 1 }],
      },
      { key: '/b', title: null, comments: 3, rewardedReaders: 2, convertedReaders: 0, conversion: 0, redemptions: 0, revenue: [] },
    ])
    expect(stats.moreThreads).toBe(0)
  })

  it('counts a period on its own: redemptions when they happened, conversion of the readers rewarded in it', async () => {
    const ctx = await threeMonths()
    const december = await siteStats(ctx, { site: 'cpr', from: '2026-12-01', to: '2026-12-31' })
    expect(december.months.map((m) => m.month)).toEqual(['2026-12'])
    expect(december.totals).toEqual({
      comments: 1,
      rewardedReaders: 1,
      convertedReaders: 1,
      conversion: 1,
      redemptions: 2,
      revenue: [{ currency: 'USD', amount: '15.00', orders: 1 }],
    })
    // Ben's redemption counts for /a in December although his code came in November.
    expect(december.threads).toEqual([
      {
        key: '/a',
        title: null,
        comments: 1,
        rewardedReaders: 1,
        convertedReaders: 1,
        conversion: 1,
        redemptions: 2,
        revenue: [{ currency: 'USD', amount: '15.00', orders: 1 }],
      },
    ])
    const none = await siteStats(ctx, { site: 'cpr', from: '2026-10-01', to: '2026-10-31' })
    expect(none.totals).toEqual(zero)
    expect(none.threads).toEqual([])
  })

  it('sums several redemptions in one currency exactly, in minor units', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx, 'cpr')
    const site = await getSite(ctx, 'cpr')
    for (const total of ['0.10', '0.20', '19.99', '100']) {
      const answer = await postComment(ctx, {
        site,
        threadKey: '/sum',
        comment: { authorName: 'R', email: `r${total}@example.com`, body: `A thought worth ${total}.`, elapsedMs: 9000 },
        ip: '192.0.2.1',
      })
      await redeemCode(ctx, {
        code: answer.reward!.status === 'issued' ? answer.reward!.code : '',
        siteId: 'cpr',
        actor: SYSTEM,
        orderRef: total,
        order: { total, currency: 'EUR' },
      })
    }
    const stats = await siteStats(ctx, { site: 'cpr' })
    expect(stats.totals.revenue).toEqual([{ currency: 'EUR', amount: '120.29', orders: 4 }])
    expect([stats.totals.rewardedReaders, stats.totals.convertedReaders, stats.totals.conversion]).toEqual([4, 4, 1])
  })

  it('refuses a range of more than 400 days', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx, 'cpr')
    await expect(siteStats(ctx, { site: 'cpr', from: '2025-01-01', to: '2026-06-01' })).rejects.toMatchObject({ code: 'invalid_input' })
  })
})
