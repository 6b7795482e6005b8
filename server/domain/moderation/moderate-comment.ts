import { and, eq, sql } from 'drizzle-orm'
import type { CommentStatus, ModerationAction } from '../../../shared/values.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { rewardEmailEntry, rewardIssuedEntries } from '../events/outbox-entries.ts'
import { replyNotifyEntry } from '../notifications/notify-entries.ts'
import { codeSource } from '../rewards/code-source.ts'
import { earnsReward } from '../rewards/plan-reward.ts'
import { rewardedBeforeErasure } from '../rewards/rewarded-before-erasure.ts'
import { getSite } from '../sites/get-site.ts'

const TARGET: Record<ModerationAction, CommentStatus> = {
  approve: 'published',
  reject: 'rejected',
  spam: 'spam',
  delete: 'deleted',
}

/**
 * A moderator's decision on a comment, in one transaction: its status, the
 * thread's public count, the reward, and the audit row.
 *
 * Approving issues the reader's reward if they have none yet in its scope
 * (the reward held for approval, or a new one for a comment rescued from spam),
 * exactly once however often or concurrently it is approved; never for an
 * imported comment. Rejecting,
 * marking spam or deleting drops a reward still pending for that comment, so
 * the reader can earn one with a genuine comment.
 */
export async function moderateComment(ctx: Ctx, input: { id: number; action: ModerationAction; actor: Actor }) {
  const comment = await ctx.db.query.comments.findFirst({ where: eq(comments.id, input.id) })
  if (!comment) throw new DomainError('not_found', 'No such comment.')
  const site = await getSite(ctx, comment.siteId)
  const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.id, comment.threadId) }))!
  const next = TARGET[input.action]
  const delta = Number(next === 'published') - Number(comment.status === 'published')
  const now = ctx.clock()
  const at = now.toISOString()

  const changeStatus = ctx.db
    .update(comments)
    .set({ status: next })
    .where(and(eq(comments.id, comment.id), eq(comments.status, comment.status)))
  const audit = auditIfChanged(ctx, {
    actor: input.actor,
    action: `comment.${input.action}`,
    siteId: comment.siteId,
    subject: `comment:${comment.id}`,
    detail: { from: comment.status, to: next },
  })
  const count = ctx.db
    .update(threads)
    .set({ commentCount: sql`${threads.commentCount} + ${delta}`, revision: sql`${threads.revision} + 1` })
    .where(and(eq(threads.id, comment.threadId), sql`changes() > 0`))

  const reward = site.reward
  const commentId = sql`${comment.id}`
  let rewardSteps: unknown[] = []
  // Whether a comment earns was decided when it was posted (a reward held for approval is waiting), so an edit since cannot
  // change it; a comment without one earns now only if rescued from spam as written. An imported comment earns nothing.
  const scopeKey = reward?.scope === 'thread' ? thread.key : ''
  const earnsNow =
    reward &&
    next === 'published' &&
    comment.importKey === null &&
    (comment.editedAt === null
      ? earnsReward(reward, { status: next, body: comment.body }) &&
        !(await rewardedBeforeErasure(ctx, { siteId: site.id, readerKey: comment.readerKey, scopeKey }))
      : Boolean(await ctx.db.query.rewards.findFirst({ where: and(eq(rewards.commentId, comment.id), eq(rewards.pendingReason, 'approval')) })))
  if (reward && earnsNow) {
    const source = codeSource(ctx, site.id, reward, now)
    rewardSteps = [
      ...source.before,
      ctx.db
        .update(rewards)
        .set(source.fields)
        .where(and(eq(rewards.commentId, comment.id), eq(rewards.status, 'pending'), eq(rewards.pendingReason, 'approval'))),
      ctx.db
        .insert(rewards)
        .values({
          siteId: site.id,
          readerKey: comment.readerKey,
          scopeKey,
          threadId: thread.id,
          commentId: comment.id,
          email: comment.email,
          kind: reward.kind,
          label: reward.label,
          createdAt: at,
          ...source.fields,
        })
        .onConflictDoNothing({ target: [rewards.siteId, rewards.readerKey, rewards.scopeKey] }),
      ...source.after,
      rewardIssuedEntries(ctx, { siteId: site.id, commentId, issuedAt: at }),
      // Issued after the reader left the page: email is the only way it reaches them.
      rewardEmailEntry(ctx, { commentId, issuedAt: at }),
    ]
  } else if (next !== 'published') {
    rewardSteps = [ctx.db.delete(rewards).where(and(eq(rewards.commentId, comment.id), eq(rewards.status, 'pending')))]
  }

  // Order matters: count and audit each run only if the statement before them changed a row,
  // so a decision that lost a race to another moderator changes and records nothing.
  // A reply that becomes public tells the author of the comment it answers, once: not on a second approval.
  const notify = ctx.canEmail && next === 'published' && comment.status !== 'published' ? [replyNotifyEntry(ctx, { replyId: commentId })] : []
  await ctx.db.batch([changeStatus, count, audit, ...rewardSteps, ...notify] as unknown as Parameters<typeof ctx.db.batch>[0])
  const after = await ctx.db.query.rewards.findFirst({ where: eq(rewards.commentId, comment.id) })
  return {
    thread: { siteId: thread.siteId, key: thread.key },
    comment: { id: comment.id, status: next },
    reward: after ? { status: after.status, code: after.code } : null,
  }
}
