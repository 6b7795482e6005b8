/**
 * Single use under a race, as two server processes on one database file race:
 * two connections to one file, each with its own caches, redeem one code at
 * once. A read-then-write (status checked in JS, then an unconditional update)
 * lets several orders through here; the conditional update lets exactly one.
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { openDb } from '../../db/client.ts'
import { auditLog, outbox, rewards } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { createCaches } from '../caches.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { addWebhook } from '../events/manage-webhooks.ts'
import { getSite } from '../sites/get-site.ts'
import { redeemCode } from './change-code.ts'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

/** A site, a reader's issued code, and a second connection to the same file (another process's view). */
async function twoConnections() {
  const t = await testCtx({ file: true })
  closers.push(t.close)
  await addSite(t.ctx)
  // A webhook for redemptions: one redemption, one announcement.
  await addWebhook(t.ctx, { siteId: 'cpr', url: 'https://93.184.216.34/hook', events: ['code.redeemed'], actor: SYSTEM })
  const site = await getSite(t.ctx, 'cpr')
  const { reward } = await postComment(t.ctx, { site, threadKey: '/p', comment: aComment(), ip: '192.0.2.1' })
  expect(reward).toMatchObject({ status: 'issued' })
  const other = await openDb(t.url)
  closers.push(other.close)
  const b: Ctx = { ...t.ctx, db: other.db, caches: createCaches() }
  return { a: t.ctx, b, code: (reward as { code: string }).code }
}

const redeem = (ctx: Ctx, code: string, orderRef: string) => redeemCode(ctx, { code, siteId: 'cpr', actor: { kind: 'shop', keyId: 1 }, orderRef })

describe('redeeming one code from two connections at once', () => {
  it('lets exactly one of 20 racing orders through; the others get 409 redeemed', async () => {
    const { a, b, code } = await twoConnections()
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => redeem(i % 2 ? a : b, code, `order-${i}`)))
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
    expect(won).toHaveLength(1)
    expect(won[0]!.replay).toBe(false)
    expect(lost).toHaveLength(19)
    for (const e of lost) {
      expect(e).toBeInstanceOf(DomainError)
      expect(e).toMatchObject({ code: 'conflict', fields: { status: 'redeemed' } })
    }
    // The row says who won, and the audit log has one redemption, from either connection's view.
    const [row] = await b.db.select().from(rewards).where(eq(rewards.code, code))
    expect(row).toMatchObject({ status: 'redeemed', orderRef: won[0]!.reward.orderRef })
    expect(await a.db.$count(auditLog, eq(auditLog.action, 'code.redeemed'))).toBe(1)
    expect(await a.db.$count(outbox, eq(outbox.event, 'code.redeemed'))).toBe(1)
  })

  it('answers the winning order again as a replay, on the other connection too', async () => {
    const { a, b, code } = await twoConnections()
    const results = await Promise.allSettled([redeem(a, code, 'order-a'), redeem(b, code, 'order-b')])
    const winner = results.find((r) => r.status === 'fulfilled')
    expect(winner).toBeDefined()
    const orderRef = (winner as PromiseFulfilledResult<Awaited<ReturnType<typeof redeem>>>).value.reward.orderRef!
    for (const ctx of [a, b]) expect(await redeem(ctx, code, orderRef)).toMatchObject({ replay: true, reward: { orderRef } })
    await expect(redeem(b, code, 'order-c')).rejects.toMatchObject({ code: 'conflict', fields: { status: 'redeemed' } })
    expect(await a.db.$count(auditLog, eq(auditLog.action, 'code.redeemed'))).toBe(1)
    expect(await a.db.$count(outbox, eq(outbox.event, 'code.redeemed'))).toBe(1)
  })
})
