/**
 * What changes a code: revoking it and redeeming it, with the audit log and
 * the code.redeemed webhook each writes only when the change happened. (The
 * race of many redemptions is redeem-code.test.ts.)
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { auditLog, outbox, rewards } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { addWebhook } from '../events/manage-webhooks.ts'
import { importPool } from '../pool/import-pool.ts'
import { getSite } from '../sites/get-site.ts'
import { findCode, redeemCode, revokeCode } from './change-code.ts'

const SHOP = { kind: 'shop', keyId: 7 } as const

async function withCodes(n: number) {
  const t = await testCtx()
  const ctx: Ctx = { ...t.ctx, outbound: { allowPrivate: true } }
  await addSite(ctx)
  await addWebhook(ctx, { siteId: 'cpr', url: 'http://127.0.0.1:9/hook', events: ['code.redeemed'], actor: SYSTEM })
  const codes: string[] = []
  for (let i = 0; i < n; i++) {
    const { reward } = await postComment(ctx, { site: await getSite(ctx, 'cpr'), threadKey: '/p', comment: aComment() as never, ip: `192.0.2.${i + 1}` })
    codes.push((reward as { code: string }).code)
  }
  const audit = async (action: string) => (await ctx.db.select().from(auditLog).where(eq(auditLog.action, action))).map((r) => [r.actor, r.subject, r.detail])
  const hooks = () => ctx.db.$count(outbox, eq(outbox.event, 'code.redeemed'))
  return { ...t, ctx, codes, audit, hooks }
}

describe('findCode', () => {
  it('finds a code however it is typed, and asks which site when two sites issued it', async () => {
    const t = await testCtx()
    const pool = { reward: { kind: 'pool', label: '15% off' } } as const
    await addSite(t.ctx, 'cpr', pool)
    await addSite(t.ctx, 'two', pool)
    for (const siteId of ['cpr', 'two']) {
      await importPool(t.ctx, { siteId, csv: 'SAME-C0DE-1\n', actor: SYSTEM })
      await postComment(t.ctx, { site: await getSite(t.ctx, siteId), threadKey: '/p', comment: aComment() as never, ip: '192.0.2.1' })
    }
    await expect(findCode(t.ctx, 'same-code-1')).rejects.toMatchObject({ code: 'conflict' })
    expect(await findCode(t.ctx, 'same-code-1', 'two')).toMatchObject({ siteId: 'two', code: 'SAME-C0DE-1' })
    await expect(findCode(t.ctx, 'SAME-C0DE-2', 'two')).rejects.toMatchObject({ code: 'code_not_found' })
  })

  it('never finds the shared code of a static reward: it is no reader’s own, to revoke or redeem', async () => {
    const t = await testCtx()
    await addSite(t.ctx, 'cpr', { reward: { kind: 'static', label: '10% off', staticCode: 'CPR10' } })
    for (const ip of ['192.0.2.1', '192.0.2.2']) {
      await postComment(t.ctx, { site: await getSite(t.ctx, 'cpr'), threadKey: '/p', comment: aComment() as never, ip })
    }
    expect(await t.ctx.db.$count(rewards, eq(rewards.code, 'CPR10'))).toBe(2)
    await expect(findCode(t.ctx, 'CPR10', 'cpr')).rejects.toMatchObject({ code: 'code_not_found' })
    await expect(revokeCode(t.ctx, { code: 'CPR10', actor: SYSTEM })).rejects.toMatchObject({ code: 'code_not_found' })
  })
})

describe('revokeCode', () => {
  it('revokes an issued code once, audited with the reason; again is a conflict that writes nothing', async () => {
    const { ctx, codes, audit } = await withCodes(2)
    const row = await revokeCode(ctx, { code: codes[0]!.toLowerCase(), siteId: 'cpr', actor: SYSTEM, reason: 'abuse' })
    expect(row).toMatchObject({ code: codes[0], status: 'revoked' })
    await revokeCode(ctx, { code: codes[1]!, actor: SYSTEM })
    const again = await revokeCode(ctx, { code: codes[0]!, actor: SYSTEM }).catch((e: unknown) => e)
    expect(again).toMatchObject({ code: 'conflict', message: 'This code is already revoked and cannot be revoked.' })
    expect(await audit('code.revoked')).toEqual([
      ['system', codes[0], { reason: 'abuse' }],
      ['system', codes[1], null],
    ])
  })

  it('refuses a redeemed code, and names a held reward without a code by its id', async () => {
    const { ctx, codes, audit } = await withCodes(2)
    await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: '#1' })
    await expect(revokeCode(ctx, { code: codes[0]!, actor: SYSTEM })).rejects.toMatchObject({ code: 'conflict' })
    expect((await ctx.db.select().from(rewards).where(eq(rewards.code, codes[0]!)))[0]).toMatchObject({ status: 'redeemed' })
    // A reward still waiting for its code (found here by the key it will have).
    const [held] = await ctx.db.select().from(rewards).where(eq(rewards.code, codes[1]!))
    await ctx.db.update(rewards).set({ status: 'pending', code: null }).where(eq(rewards.id, held!.id))
    expect(await revokeCode(ctx, { code: codes[1]!, actor: SYSTEM })).toMatchObject({ status: 'revoked' })
    expect(await audit('code.revoked')).toEqual([['system', `reward:${held!.id}`, null]])
  })
})

describe('redeemCode', () => {
  it('redeems once, audited with the order and announced to webhooks; a retry of that order is a replay that writes nothing', async () => {
    const { ctx, codes, audit, hooks } = await withCodes(1)
    const first = await redeemCode(ctx, { code: codes[0]!, siteId: 'cpr', actor: SHOP, orderRef: '#1001' })
    expect(first).toMatchObject({ replay: false, reward: { status: 'redeemed', orderRef: '#1001', redeemedAt: '2026-11-26T10:00:00.000Z' } })
    expect(await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: '#1001' })).toMatchObject({ replay: true, reward: { orderRef: '#1001' } })
    const other = await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: '#1002' }).catch((e: unknown) => e)
    expect(other).toMatchObject({ code: 'conflict', message: 'This code was already redeemed by another order.', fields: { status: 'redeemed' } })
    expect(await audit('code.redeemed')).toEqual([['shop:7', codes[0], { orderRef: '#1001' }]])
    expect(await hooks()).toBe(1)
    const [hook] = await ctx.db.select().from(outbox).where(eq(outbox.event, 'code.redeemed'))
    const [row] = await ctx.db.select().from(rewards)
    expect(hook).toMatchObject({ channel: 'webhook', subject: `reward:${row!.id}`, status: 'pending' })
  })

  it('without an order reference, a second redemption is refused, not a replay', async () => {
    const { ctx, codes, audit } = await withCodes(1)
    expect(await redeemCode(ctx, { code: codes[0]!, actor: SYSTEM })).toMatchObject({ replay: false, reward: { status: 'redeemed', orderRef: null } })
    await expect(redeemCode(ctx, { code: codes[0]!, actor: SYSTEM })).rejects.toMatchObject({ code: 'conflict', fields: { status: 'redeemed' } })
    expect(await audit('code.redeemed')).toEqual([['system', codes[0], null]])
  })

  it('refuses a code from the moment it expires, unless told to allow it (the admin)', async () => {
    const { ctx, codes, clock, hooks } = await withCodes(2)
    clock.advance(30 * 86_400_000 - 1)
    expect(await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: 'a' })).toMatchObject({ replay: false })
    clock.advance(1)
    const late = await redeemCode(ctx, { code: codes[1]!, actor: SHOP, orderRef: 'b' }).catch((e: unknown) => e)
    expect(late).toMatchObject({ code: 'conflict', message: 'This code has expired.', fields: { status: 'expired' } })
    expect(await redeemCode(ctx, { code: codes[1]!, actor: SYSTEM, orderRef: 'b', allowExpired: true })).toMatchObject({ reward: { status: 'redeemed' } })
    expect(await hooks()).toBe(2)
  })

  it('refuses a revoked code, saying so, and writes nothing', async () => {
    const { ctx, codes, audit, hooks } = await withCodes(1)
    await revokeCode(ctx, { code: codes[0]!, actor: SYSTEM })
    const refused = await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: '#1' }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'conflict', message: 'This code is revoked.', fields: { status: 'revoked' } })
    // Not even a replay when the order reference matches nothing redeemed.
    expect(await audit('code.redeemed')).toEqual([])
    expect(await hooks()).toBe(0)
  })

  it('refuses an order total its currency cannot have, before touching the code: it stays issued, unannounced', async () => {
    const { ctx, codes, audit, hooks } = await withCodes(1)
    const refused = await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: '#1', order: { total: '12.345', currency: 'EUR' } }).catch(
      (e: unknown) => e,
    )
    expect(refused).toMatchObject({ code: 'invalid_input', fields: { orderTotal: 'invalid' } })
    expect((await ctx.db.select().from(rewards))[0]).toMatchObject({ status: 'issued', orderRef: null, orderTotal: null })
    expect(await audit('code.redeemed')).toEqual([])
    expect(await hooks()).toBe(0)
    // The same order with a total EUR has: redeemed, with it.
    const ok = await redeemCode(ctx, { code: codes[0]!, actor: SHOP, orderRef: '#1', order: { total: '12.34', currency: 'EUR' } })
    expect(ok).toMatchObject({ replay: false, reward: { status: 'redeemed', orderTotal: 1234, orderCurrency: 'EUR' } })
  })
})
