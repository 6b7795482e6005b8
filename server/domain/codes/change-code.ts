import { and, eq, inArray, ne, sql } from 'drizzle-orm'
import { toMinorUnits } from '../../../shared/money.ts'
import { rewards } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { webhookEntries } from '../events/outbox-entries.ts'
import { codeKey } from '../rewards/code-key.ts'
import { codeStatus } from './list-codes.ts'

type Reward = typeof rewards.$inferSelect

/** One code by what was typed; a site narrows it when several sites issued the same code. */
export async function findCode(ctx: Ctx, code: string, siteId?: string): Promise<Reward> {
  const rows = await ctx.db
    .select()
    .from(rewards)
    .where(and(eq(rewards.codeKey, codeKey(code)), siteId ? eq(rewards.siteId, siteId) : undefined, ne(rewards.kind, 'static')))
    .limit(2)
  if (rows.length === 0) throw new DomainError('code_not_found', 'No such code.')
  if (rows.length > 1) throw new DomainError('conflict', 'Several sites issued this code: say which with ?site=.')
  return rows[0]!
}

/** Revokes a code (issued or still pending): the shop will refuse it. Audited. */
export async function revokeCode(ctx: Ctx, input: { code: string; siteId?: string; actor: Actor; reason?: string }) {
  const found = await findCode(ctx, input.code, input.siteId)
  const [[row]] = await ctx.db.batch([
    ctx.db
      .update(rewards)
      .set({ status: 'revoked' })
      .where(and(eq(rewards.id, found.id), inArray(rewards.status, ['issued', 'pending'])))
      .returning(),
    auditIfChanged(ctx, {
      actor: input.actor,
      action: 'code.revoked',
      siteId: found.siteId,
      subject: found.code ?? `reward:${found.id}`,
      detail: { reason: input.reason ?? null },
    }),
  ])
  if (!row) throw new DomainError('conflict', `This code is already ${found.status} and cannot be revoked.`)
  return row
}

/** What an order came to, as the shop or an admin said: a decimal string and its ISO 4217 currency. */
export interface OrderTotal {
  total: string
  currency: string
}

/**
 * Marks a code redeemed, once. A conditional update, not read-then-write: of
 * any number of concurrent redemptions in any number of processes, one wins.
 * The same orderRef again is the same redemption (a checkout retrying).
 */
export async function redeemCode(
  ctx: Ctx,
  input: { code: string; siteId?: string; actor: Actor; orderRef?: string; order?: OrderTotal; allowExpired?: boolean },
): Promise<{ reward: Reward; replay: boolean }> {
  const orderTotal = input.order ? toMinorUnits(input.order.total, input.order.currency) : null
  if (input.order && orderTotal === null) throw new DomainError('invalid_input', 'The order total is not an amount in its currency.', { orderTotal: 'invalid' })
  const found = await findCode(ctx, input.code, input.siteId)
  const now = ctx.clock().toISOString()
  if (!input.allowExpired && codeStatus(found, now) === 'expired') {
    throw new DomainError('conflict', 'This code has expired.', { status: 'expired' })
  }
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(rewards)
      .set({ status: 'redeemed', redeemedAt: now, orderRef: input.orderRef ?? null, orderTotal, orderCurrency: input.order?.currency ?? null })
      .where(and(eq(rewards.id, found.id), eq(rewards.status, 'issued')))
      .returning(),
    auditIfChanged(ctx, {
      actor: input.actor,
      action: 'code.redeemed',
      siteId: found.siteId,
      subject: found.code!,
      detail: { orderRef: input.orderRef ?? null, ...(input.order && { orderTotal: input.order.total, currency: input.order.currency }) },
    }),
    webhookEntries(ctx, {
      siteId: found.siteId,
      event: 'code.redeemed',
      subject: `reward:${found.id}`,
      when: sql`exists (select 1 from rewards where id = ${found.id} and status = 'redeemed' and redeemed_at = ${now})`,
    }),
  ])
  if (updated[0]) return { reward: updated[0], replay: false }
  // Lost the race or came late: find out what the code is now.
  const current = (await ctx.db.query.rewards.findFirst({ where: eq(rewards.id, found.id) }))!
  if (current.status === 'redeemed' && input.orderRef && current.orderRef === input.orderRef) return { reward: current, replay: true }
  const status = codeStatus(current, now)
  throw new DomainError('conflict', status === 'redeemed' ? 'This code was already redeemed by another order.' : `This code is ${status}.`, { status })
}
