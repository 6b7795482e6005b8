/**
 * "Revoke the codes too", after comments were taken down: the codes their
 * readers still hold stop working at the shop. Part of the decision, so
 * undoing it makes them valid again.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { moderationUndos, rewards } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { rewardsOf } from './moderate-comment.ts'
import { openDecision } from './undo-decision.ts'

type Statement = Parameters<Db['batch']>[0][number]

export async function revokeDecisionCodes(ctx: Ctx, input: { id: string; actor: Actor }): Promise<{ revoked: string[] }> {
  const decision = await openDecision(ctx, input)
  const takenDown = decision.steps.filter((s) => s.to !== 'published')
  const current = await rewardsOf(
    ctx,
    takenDown.map((s) => s.commentId),
  )
  const now = ctx.clock().toISOString()
  const revoke = takenDown.flatMap((step) => {
    const reward = current.get(step.commentId)
    if (reward?.status !== 'issued' || !reward.code || (reward.expiresAt !== null && reward.expiresAt <= now)) return []
    return [{ step, reward }]
  })
  if (!revoke.length) return { revoked: [] }
  const statements: Statement[] = revoke.flatMap(({ step, reward }) => [
    ctx.db
      .update(rewards)
      .set({ status: 'revoked' })
      .where(and(eq(rewards.id, reward.id), eq(rewards.status, 'issued'))),
    auditIfChanged(ctx, {
      actor: input.actor,
      action: 'code.revoked',
      siteId: reward.siteId,
      subject: reward.code!,
      detail: { reason: `comment ${step.commentId} was marked ${step.to}` },
    }),
  ])
  const ids = new Set(revoke.map((r) => r.step.commentId))
  // The decision remembers the codes were valid before: undoing it restores them.
  const steps = decision.steps.map((s) => (ids.has(s.commentId) ? { ...s, revoked: true, rewardBefore: current.get(s.commentId)! } : s))
  statements.push(ctx.db.update(moderationUndos).set({ steps }).where(eq(moderationUndos.id, decision.id)))
  await ctx.db.batch(statements as unknown as Parameters<Db['batch']>[0])
  const after = await ctx.db
    .select({ code: rewards.code })
    .from(rewards)
    .where(
      and(
        inArray(
          rewards.id,
          revoke.map((r) => r.reward.id),
        ),
        eq(rewards.status, 'revoked'),
      ),
    )
  return { revoked: after.map((r) => r.code!) }
}
