import { orderTotalOf } from '../../../shared/money.ts'
import type { RedeemAnswer } from '../../../shared/shop.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import { type OrderTotal, redeemCode } from '../codes/change-code.ts'
import type { Ctx } from '../context.ts'
import { codeKey } from '../rewards/code-key.ts'
import { getSite } from '../sites/get-site.ts'

/**
 * A checkout redeems a code. A reader's own code is single use (see
 * redeemCode); the one shared code of a static reward is honoured for every
 * order and each use is audited.
 */
export async function redeemForShop(
  ctx: Ctx,
  input: { siteId: string; code: string; orderRef: string; order?: OrderTotal; keyId: number },
): Promise<RedeemAnswer> {
  const actor: Actor = { kind: 'shop', keyId: input.keyId }
  const site = await getSite(ctx, input.siteId)
  const r = site.reward
  if (r?.kind === 'static' && r.enabled && r.staticCode && codeKey(r.staticCode) === codeKey(input.code)) {
    // One code for every reader: no reader or post to count a sale for, so the total is only in the audit log.
    const order = input.order ? { orderTotal: input.order.total, currency: input.order.currency } : {}
    await auditEntry(ctx, {
      actor,
      action: 'code.redeemed',
      siteId: site.id,
      subject: r.staticCode,
      detail: { orderRef: input.orderRef, shared: true, ...order },
    })
    return {
      code: r.staticCode,
      status: 'redeemed',
      redeemedAt: ctx.clock().toISOString(),
      orderRef: input.orderRef,
      orderTotal: input.order?.total ?? null,
      orderCurrency: input.order?.currency ?? null,
      replay: false,
    }
  }
  const { reward, replay } = await redeemCode(ctx, { code: input.code, siteId: site.id, actor, orderRef: input.orderRef, order: input.order })
  return { code: reward.code!, status: 'redeemed', redeemedAt: reward.redeemedAt, orderRef: reward.orderRef, ...orderTotalOf(reward), replay }
}
