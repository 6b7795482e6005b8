/**
 * The owner's verdict on rewards the farming controls held back (pending
 * "budget" or "review"): release them (each gets its code now, by email,
 * since the reader has left the page) or revoke them, one by one or all of a
 * network or an email domain at once. Audited.
 */

import { and, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm'
import { namedBatch } from '../../db/named-batch.ts'
import { rewards } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { rewardEmailEntry, rewardIssuedEntries } from '../events/outbox-entries.ts'
import { getSite } from '../sites/get-site.ts'
import { codeSource } from './code-source.ts'

const HELD = ['budget', 'review'] as const
/** Most rewards one request releases or revokes. */
export const BULK_MAX = 500

export interface HeldSelection {
  siteId: string
  ids?: number[]
  /** A network key or an email domain: every reward of it in the last `hours`. */
  network?: string
  domain?: string
  hours?: number
}

function selection(ctx: Ctx, s: HeldSelection): SQL | undefined {
  if (!s.ids?.length && !s.network && !s.domain) throw new DomainError('invalid_input', 'Say which rewards: ids, a network or a domain.', { ids: 'required' })
  const since = new Date(ctx.clock().getTime() - (s.hours ?? 24) * 3_600_000).toISOString()
  return and(
    eq(rewards.siteId, s.siteId),
    s.ids?.length ? inArray(rewards.id, s.ids.slice(0, BULK_MAX)) : undefined,
    s.network ? and(or(eq(rewards.networkKey, s.network), eq(rewards.wideNetworkKey, s.network)), gt(rewards.createdAt, since)) : undefined,
    s.domain ? and(eq(rewards.emailDomain, s.domain), gt(rewards.createdAt, since)) : undefined,
  )
}

export async function releaseRewards(ctx: Ctx, input: HeldSelection & { actor: Actor }) {
  const site = await getSite(ctx, input.siteId)
  if (!site.reward?.enabled) throw new DomainError('conflict', 'Rewards are off for this site.')
  const held = await ctx.db
    .select({ id: rewards.id, commentId: rewards.commentId })
    .from(rewards)
    .where(and(selection(ctx, input), eq(rewards.status, 'pending'), inArray(rewards.pendingReason, [...HELD])))
    .limit(BULK_MAX)
  const now = ctx.clock()
  const at = now.toISOString()
  let released = 0
  for (const r of held) {
    const source = codeSource(ctx, site.id, site.reward, now)
    const commentId = sql`${r.commentId}`
    const { update } = await namedBatch(ctx.db, {
      poolClaim: source.before,
      update: ctx.db
        .update(rewards)
        .set(source.fields)
        .where(and(eq(rewards.id, r.id), eq(rewards.status, 'pending'), inArray(rewards.pendingReason, [...HELD])))
        .returning({ id: rewards.id, status: rewards.status }),
      poolRelease: source.after,
      hook: rewardIssuedEntries(ctx, { siteId: site.id, commentId, issuedAt: at }),
      email: rewardEmailEntry(ctx, { commentId, issuedAt: at }),
    })
    if ((update as { status: string }[])[0]?.status === 'issued') released++
  }
  await auditEntry(ctx, {
    actor: input.actor,
    action: 'rewards.released',
    siteId: site.id,
    subject: `${released} rewards`,
    detail: { ids: held.map((r) => r.id).slice(0, 50) },
  })
  return { released, waiting: held.length - released }
}

export async function revokeRewards(ctx: Ctx, input: HeldSelection & { actor: Actor; reason?: string }) {
  await getSite(ctx, input.siteId)
  const [revoked] = await ctx.db.batch([
    ctx.db
      .update(rewards)
      .set({ status: 'revoked' })
      .where(and(selection(ctx, input), inArray(rewards.status, ['issued', 'pending'])))
      .returning({ id: rewards.id }),
    auditEntry(ctx, {
      actor: input.actor,
      action: 'rewards.revoked',
      siteId: input.siteId,
      subject: input.network ? `network ${input.network}` : input.domain ? `domain ${input.domain}` : `${input.ids?.length} rewards`,
      detail: { reason: input.reason ?? null },
    }),
  ])
  return { revoked: revoked.length }
}
