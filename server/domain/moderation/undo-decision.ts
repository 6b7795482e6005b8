/**
 * Undoing a decision: each comment goes back to the status it had, with its
 * reward as it was, unless someone changed the comment since (then it is
 * left alone). What the decision did to rewards is reversed:
 *
 * - a code issued by an approval goes back to waiting for approval (a pool
 *   code returns to the pool), or, if its email or webhook already went out,
 *   is revoked: the reader holds it, so it must stop working;
 * - a reward a take-down dropped is back, waiting as before;
 * - a code the decision's "revoke the codes too" revoked is valid again.
 *
 * One transaction; every statement is conditional on the state the decision
 * left, so an undo racing anything else changes only what is still its own.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { codePool, comments, moderationUndos, outbox, rewards, threads } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { type RewardRow, rewardsOf, type UndoStep } from './moderate-comment.ts'

type Statement = Parameters<Db['batch']>[0][number]

/** The decision, if it is this admin's and can still be undone. */
export async function openDecision(ctx: Ctx, input: { id: string; actor: Actor }) {
  const row = await ctx.db.query.moderationUndos.findFirst({ where: eq(moderationUndos.id, input.id) })
  if (!row || input.actor.kind !== 'admin' || row.adminUserId !== input.actor.id) throw new DomainError('not_found', 'There is no such decision of yours.')
  if (row.undoneAt) throw new DomainError('conflict', 'This was already undone.')
  if (row.expiresAt <= ctx.clock().toISOString()) throw new DomainError('conflict', 'It is too late to undo this: change the comments one by one.')
  return { ...row, steps: row.steps as UndoStep[] }
}

/** Outbox rows that told the reader or the shop of this reward's issue. */
const rewardNews = (reward: RewardRow) =>
  sql`${outbox.event} = 'reward.issued' and (${outbox.subject} = ${`reward:${reward.id}`} or ${outbox.subject} = ${`comment:${reward.commentId}`})`

/** The issue reached someone (or is reaching them now): the code must be revoked, not taken back quietly. */
async function announced(ctx: Ctx, reward: RewardRow): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(rewardNews(reward), sql`(${outbox.status} <> 'pending' or ${outbox.lockedUntil} is not null or ${outbox.attempts} > 0)`))
    .limit(1)
  return Boolean(row)
}

/** Statements that put a code issued by the decision back as it was. */
async function takeBackIssue(ctx: Ctx, before: RewardRow | null, after: RewardRow, actor: Actor): Promise<Statement[]> {
  const still = and(eq(rewards.id, after.id), eq(rewards.status, after.status))
  if (await announced(ctx, after)) {
    return [
      ctx.db.update(rewards).set({ status: 'revoked' }).where(still),
      auditIfChanged(ctx, {
        actor,
        action: 'code.revoked',
        siteId: after.siteId,
        subject: after.code ?? `reward:${after.id}`,
        detail: { reason: 'undo of its approval' },
      }),
    ]
  }
  const steps: Statement[] = [
    before
      ? ctx.db
          .update(rewards)
          .set({
            status: before.status,
            pendingReason: before.pendingReason,
            code: before.code,
            codeKey: before.codeKey,
            issuedAt: before.issuedAt,
            expiresAt: before.expiresAt,
          })
          .where(still)
      : ctx.db.delete(rewards).where(still),
    // Nobody heard of it: the mail and webhook calls still waiting go with it.
    ctx.db.delete(outbox).where(and(rewardNews(after), eq(outbox.status, 'pending'), isNull(outbox.lockedUntil))),
  ]
  if (after.kind === 'pool' && after.codeKey) {
    steps.push(
      ctx.db.run(
        sql`update ${codePool} set claim = null where ${codePool.siteId} = ${after.siteId} and ${codePool.codeKey} = ${after.codeKey}
            and not exists (select 1 from rewards r where r.site_id = ${after.siteId} and r.code_key = ${after.codeKey})`,
      ),
    )
  }
  return steps
}

export async function undoDecision(
  ctx: Ctx,
  input: { id: string; actor: Actor },
): Promise<{ restored: number; skipped: number; threads: { siteId: string; key: string }[] }> {
  const decision = await openDecision(ctx, input)
  const ids = decision.steps.map((s) => s.commentId)
  const now = new Map(
    (await ctx.db.select({ id: comments.id, status: comments.status }).from(comments).where(inArray(comments.id, ids))).map((c) => [c.id, c.status]),
  )
  const current = await rewardsOf(ctx, ids)
  const statements: Statement[] = [
    ctx.db
      .update(moderationUndos)
      .set({ undoneAt: ctx.clock().toISOString() })
      .where(and(eq(moderationUndos.id, decision.id), isNull(moderationUndos.undoneAt))),
  ]
  const touched = new Set<number>()
  let restored = 0
  for (const step of decision.steps) {
    // Someone decided otherwise since: theirs stands.
    if (now.get(step.commentId) !== step.to) continue
    restored++
    touched.add(step.threadId)
    const delta = Number(step.from === 'published') - Number(step.to === 'published')
    statements.push(
      ctx.db
        .update(comments)
        .set({ status: step.from })
        .where(and(eq(comments.id, step.commentId), eq(comments.status, step.to))),
      ctx.db
        .update(threads)
        .set({ commentCount: sql`${threads.commentCount} + ${delta}`, revision: sql`${threads.revision} + 1` })
        .where(and(eq(threads.id, step.threadId), sql`changes() > 0`)),
      auditIfChanged(ctx, {
        actor: input.actor,
        action: 'comment.undo',
        siteId: step.siteId,
        subject: `comment:${step.commentId}`,
        detail: { from: step.to, to: step.from },
      }),
    )
    const { rewardBefore: before, rewardAfter: after } = step
    const cur = current.get(step.commentId) ?? null
    if (after && cur?.id === after.id && cur.status === after.status && after.status === 'issued' && before?.status !== 'issued') {
      statements.push(...(await takeBackIssue(ctx, before, after, input.actor)))
    } else if (before && !after && !cur) {
      statements.push(ctx.db.insert(rewards).values(before).onConflictDoNothing())
    } else if (step.revoked && before && cur?.id === before.id && cur.status === 'revoked') {
      statements.push(
        ctx.db
          .update(rewards)
          .set({ status: before.status })
          .where(and(eq(rewards.id, before.id), eq(rewards.status, 'revoked'))),
        auditIfChanged(ctx, {
          actor: input.actor,
          action: 'code.restored',
          siteId: before.siteId,
          subject: before.code ?? `reward:${before.id}`,
          detail: { reason: 'undo' },
        }),
      )
    }
  }
  await ctx.db.batch(statements as unknown as Parameters<Db['batch']>[0])
  const threadRows = touched.size
    ? await ctx.db
        .select({ siteId: threads.siteId, key: threads.key })
        .from(threads)
        .where(inArray(threads.id, [...touched]))
    : []
  return { restored, skipped: decision.steps.length - restored, threads: threadRows }
}
