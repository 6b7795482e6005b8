import { orderTotalOf } from '../../../shared/money.ts'
import type { CodeCheck } from '../../../shared/shop.ts'
import { findCode } from '../codes/change-code.ts'
import { codeStatus } from '../codes/list-codes.ts'
import type { Ctx } from '../context.ts'
import { codeKey } from '../rewards/code-key.ts'
import { getSite } from '../sites/get-site.ts'

/** What a checkout needs to know about a code a customer typed: valid or not, why, and for what. */
export async function checkCode(ctx: Ctx, input: { siteId: string; code: string }): Promise<CodeCheck> {
  const site = await getSite(ctx, input.siteId)
  const r = site.reward
  const value = { label: r?.label ?? '', percentOff: r?.percentOff ?? null, amountOff: r?.amountOff ?? null, currency: r?.currency ?? null }
  // The one shared code of a static reward: valid while the reward is on.
  if (r?.kind === 'static' && r.staticCode && codeKey(r.staticCode) === codeKey(input.code)) {
    return {
      code: r.staticCode,
      kind: 'static',
      valid: r.enabled,
      status: r.enabled ? 'issued' : 'revoked',
      ...value,
      issuedAt: null,
      expiresAt: null,
      redeemedAt: null,
      orderRef: null,
      orderTotal: null,
      orderCurrency: null,
    }
  }
  const row = await findCode(ctx, input.code, input.siteId)
  const status = codeStatus(row, ctx.clock().toISOString())
  return {
    code: row.code!,
    kind: row.kind,
    valid: status === 'issued',
    status,
    ...value,
    label: row.label,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    redeemedAt: row.redeemedAt,
    orderRef: row.orderRef,
    ...orderTotalOf(row),
  }
}
