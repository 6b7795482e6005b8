import { describe, expect, it } from 'vitest'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { SYSTEM } from '../audit/actor.ts'
import { redeemCode } from '../codes/change-code.ts'
import { postComment } from '../comments/post-comment.ts'
import { getSite } from '../sites/get-site.ts'
import { siteStats } from './site-stats.ts'

describe('siteStats', () => {
  it('counts a seeded history exactly as computed independently', async () => {
    const { ctx, clock } = await testCtx()
    await addSite(ctx, 'cpr')
    await addSite(ctx, 'other')
    const site = await getSite(ctx, 'cpr')
    const other = await getSite(ctx, 'other')

    // A deterministic pseudo-random history over ten days on three posts.
    let seed = 7
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const expected = new Map<string, { comments: number; issued: number; redeemed: number }>()
    const perThread = new Map<string, { comments: number; issued: number; redeemed: number }>()
    const bump = (m: typeof expected, k: string, f: 'comments' | 'issued' | 'redeemed') => {
      const v = m.get(k) ?? { comments: 0, issued: 0, redeemed: 0 }
      v[f]++
      m.set(k, v)
    }
    const issuedCodes: { code: string; thread: string }[] = []
    let reader = 0
    for (let d = 0; d < 10; d++) {
      const n = Math.floor(rand() * 6)
      for (let i = 0; i < n; i++) {
        const thread = ['/a', '/b', '/c'][Math.floor(rand() * 3)]!
        const repeat = rand() < 0.2 && reader > 0
        const email = `r${repeat ? reader : ++reader}@example.com`
        const day = clock().toISOString().slice(0, 10)
        const answer = await postComment(ctx, {
          site,
          threadKey: thread,
          comment: { authorName: 'R', email, body: `Hello there ${d}.${i}`, elapsedMs: 9000 },
          ip: '192.0.2.1',
        })
        bump(expected, day, 'comments')
        bump(perThread, thread, 'comments')
        if (answer.reward?.status === 'issued') {
          bump(expected, day, 'issued')
          bump(perThread, thread, 'issued')
          issuedCodes.push({ code: answer.reward.code, thread })
        }
        // Noise on another site that must not be counted.
        await postComment(ctx, {
          site: other,
          threadKey: thread,
          comment: { authorName: 'X', email: `x${d}${i}@example.com`, body: `Elsewhere ${d}.${i}`, elapsedMs: 9000 },
          ip: '192.0.2.2',
        })
      }
      for (const c of issuedCodes.splice(0, Math.floor(rand() * issuedCodes.length))) {
        await redeemCode(ctx, { code: c.code, siteId: 'cpr', actor: SYSTEM })
        bump(expected, clock().toISOString().slice(0, 10), 'redeemed')
        bump(perThread, c.thread, 'redeemed')
      }
      clock.advance(86_400_000)
    }

    const stats = await siteStats(ctx, { site: 'cpr', from: '2026-11-26', to: '2026-12-05' })
    expect(stats.days).toHaveLength(10)
    for (const d of stats.days) {
      expect({ day: d.day, ...(expected.get(d.day) ?? { comments: 0, issued: 0, redeemed: 0 }) }).toEqual(d)
    }
    const total = [...expected.values()].reduce((s, v) => ({
      comments: s.comments + v.comments,
      issued: s.issued + v.issued,
      redeemed: s.redeemed + v.redeemed,
    }))
    expect(stats.totals).toEqual({ ...total, conversion: Math.round((total.redeemed / total.comments) * 10_000) / 10_000 })
    expect(total.redeemed).toBeGreaterThan(0)
    for (const t of stats.threads) expect({ comments: t.comments, issued: t.issued, redeemed: t.redeemed }).toEqual(perThread.get(t.key))
    expect(stats.threads.map((t) => t.redeemed)).toEqual([...stats.threads.map((t) => t.redeemed)].sort((a, b) => b - a))
  })
})
