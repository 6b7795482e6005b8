import type { RedeemAnswer } from '../../../shared/shop.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import { redeemCode } from '../codes/change-code.ts'
import type { Ctx } from '../context.ts'
import { codeKey } from '../rewards/code-key.ts'
import { getSite } from '../sites/get-site.ts'

/**
 * A checkout redeems a code. A reader's own code is single use (see
 * redeemCode); the one shared code of a static reward is honoured for every
 * order and each use is audited.
 */
export async function redeemForShop(ctx: Ctx, input: { siteId: string; code: string; orderRef: string; keyId: number }): Promise<RedeemAnswer> {
  const actor: Actor = { kind: 'shop', keyId: input.keyId }
  const site = await getSite(ctx, input.siteId)
  const r = site.reward
  if (r?.kind === 'static' && r.enabled && r.staticCode && codeKey(r.staticCode) === codeKey(input.code)) {
    await auditEntry(ctx, { actor, action: 'code.redeemed', siteId: site.id, subject: r.staticCode, detail: { orderRef: input.orderRef, shared: true } })
    return { code: r.staticCode, status: 'redeemed', redeemedAt: ctx.clock().toISOString(), orderRef: input.orderRef, replay: false }
  }
  const { reward, replay } = await redeemCode(ctx, { code: input.code, siteId: site.id, actor, orderRef: input.orderRef })
  return { code: reward.code!, status: 'redeemed', redeemedAt: reward.redeemedAt, orderRef: reward.orderRef, replay }
}
