import { randomBytes } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { UNDO_WINDOW_MS } from '../../../shared/moderation.ts'
import type { CommentStatus, ModerationAction } from '../../../shared/values.ts'
import type { Db } from '../../db/client.ts'
import { comments, moderationUndos, rewards, threads } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import { codeStatus } from '../codes/list-codes.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { rewardEmailEntry, rewardIssuedEntries } from '../events/outbox-entries.ts'
import { replyNotifyEntry } from '../notifications/notify-entries.ts'
import { codeSource } from '../rewards/code-source.ts'
import { earnsReward } from '../rewards/plan-reward.ts'
import { rewardedBeforeErasure } from '../rewards/rewarded-before-erasure.ts'
import { getSite, type Site } from '../sites/get-site.ts'

export type CommentRow = typeof comments.$inferSelect
export type RewardRow = typeof rewards.$inferSelect
type ThreadRow = typeof threads.$inferSelect
type Statement = Parameters<Db['batch']>[0][number]

export const TARGET: Record<ModerationAction, CommentStatus> = {
  approve: 'published',
  reject: 'rejected',
  spam: 'spam',
  delete: 'deleted',
}

/**
 * What a decision did to one comment, kept so it can be undone: the status
 * before and after, and the comment's reward row before and after (null:
 * none). `revoked`: the decision's "revoke the codes too" revoked it.
 */
export interface UndoStep {
  commentId: number
  siteId: string
  threadId: number
  from: CommentStatus
  to: CommentStatus
  rewardBefore: RewardRow | null
  rewardAfter: RewardRow | null
  revoked?: boolean
}

/**
 * The statements that carry out a decision on one comment, for a batch that
 * may hold many: its status (returning the row only if this batch changed
 * it), the thread's public count, the audit row, the reward, a reply
 * notification.
 *
 * Approving issues the reader's reward if they have none yet in its scope
 * (the reward held for approval, or a new one for a comment rescued from spam),
 * exactly once however often or concurrently it is approved; never for an
 * imported comment. Rejecting, marking spam or deleting drops a reward still
 * pending for that comment, so the reader can earn one with a genuine comment.
 */
function decisionSteps(
  ctx: Ctx,
  d: {
    comment: CommentRow
    site: Site
    thread: ThreadRow
    action: ModerationAction
    actor: Actor
    now: Date
    detail?: Record<string, unknown>
    /** Its reader erased their data after earning in this scope (rewards/rewarded-before-erasure.ts). */
    erased: boolean
  },
): { changeStatus: Statement; rest: Statement[] } {
  const { comment, site, thread, now } = d
  const next = TARGET[d.action]
  const delta = Number(next === 'published') - Number(comment.status === 'published')
  const at = now.toISOString()

  const changeStatus = ctx.db
    .update(comments)
    .set({ status: next })
    .where(and(eq(comments.id, comment.id), eq(comments.status, comment.status)))
    .returning({ id: comments.id })
  const count = ctx.db
    .update(threads)
    .set({ commentCount: sql`${threads.commentCount} + ${delta}`, revision: sql`${threads.revision} + 1` })
    .where(and(eq(threads.id, comment.threadId), sql`changes() > 0`))
  const audit = auditIfChanged(ctx, {
    actor: d.actor,
    action: `comment.${d.action}`,
    siteId: comment.siteId,
    subject: `comment:${comment.id}`,
    detail: { from: comment.status, to: next, ...d.detail },
  })

  const reward = site.reward
  const commentId = sql`${comment.id}`
  let rewardSteps: Statement[] = []
  // Whether a comment earns was decided when it was posted (a reward held for approval is waiting), so an edit since cannot
  // change it: an edited comment only has its held reward issued. One not edited earns now if it would have as posted (rescued
  // from spam), unless its reader erased their data after earning before. An imported comment earns nothing.
  const scopeKey = reward?.scope === 'thread' ? thread.key : ''
  const asPosted = comment.editedAt === null
  const earnsNow =
    reward && next === 'published' && comment.importKey === null && (!asPosted || (earnsReward(reward, { status: next, body: comment.body }) && !d.erased))
  if (reward && earnsNow) {
    const source = codeSource(ctx, site.id, reward, now)
    rewardSteps = [
      ...source.before,
      ctx.db
        .update(rewards)
        .set(source.fields)
        .where(and(eq(rewards.commentId, comment.id), eq(rewards.status, 'pending'), eq(rewards.pendingReason, 'approval'))),
      ...(asPosted
        ? [
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
                networkKey: comment.networkKey,
                wideNetworkKey: comment.wideNetworkKey,
                ...source.fields,
              })
              .onConflictDoNothing({ target: [rewards.siteId, rewards.readerKey, rewards.scopeKey] }),
          ]
        : []),
      ...source.after,
      rewardIssuedEntries(ctx, { siteId: site.id, commentId, issuedAt: at }),
      // Issued after the reader left the page: email is the only way it reaches them.
      rewardEmailEntry(ctx, { commentId, issuedAt: at }),
    ] as Statement[]
  } else if (next !== 'published') {
    rewardSteps = [ctx.db.delete(rewards).where(and(eq(rewards.commentId, comment.id), eq(rewards.status, 'pending')))]
  }

  // Order matters: count and audit each run only if the statement before them changed a row,
  // so a decision that lost a race to another moderator changes and records nothing.
  // A reply that becomes public tells the author of the comment it answers, once: not on a second approval.
  const notify = ctx.canEmail && next === 'published' && comment.status !== 'published' ? [replyNotifyEntry(ctx, { replyId: commentId })] : []
  return { changeStatus, rest: [count, audit, ...rewardSteps, ...notify] as Statement[] }
}

export interface Decision {
  /** Null when nothing changed, or the decision cannot be undone (not an admin's, or not asked for). */
  undo: { id: string; until: string } | null
  comments: { id: number; status: CommentStatus; changed: boolean; reward: { status: ReturnType<typeof codeStatus>; code: string | null } | null }[]
  /** Taken down, yet the reader still holds a valid code for it. */
  stillValid: { commentId: number; authorName: string; code: string }[]
  /** Threads whose public lists changed. */
  threads: { siteId: string; key: string }[]
}

/**
 * A moderator's decision on one or many comments, in one transaction: every
 * comment's status, its thread's count, its reward and its audit row. An
 * admin's decision is kept for UNDO_WINDOW_MS so they can undo it
 * (undo-decision.ts).
 */
export async function decideComments(
  ctx: Ctx,
  input: { ids: number[]; action: ModerationAction; actor: Actor; undoable?: boolean; detail?: Record<string, unknown> },
): Promise<Decision> {
  const ids = [...new Set(input.ids)]
  const rows = await ctx.db.select().from(comments).where(inArray(comments.id, ids))
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    throw new DomainError('not_found', ids.length === 1 ? 'No such comment.' : `No comment ${missing.join(', ')}.`, { ids: 'not_found' })
  }
  const threadRows = await ctx.db
    .select()
    .from(threads)
    .where(
      inArray(
        threads.id,
        rows.map((r) => r.threadId),
      ),
    )
  const threadById = new Map(threadRows.map((t) => [t.id, t]))
  const sites = new Map<string, Site>()
  for (const siteId of new Set(rows.map((r) => r.siteId))) sites.set(siteId, await getSite(ctx, siteId))
  const before = await rewardsOf(ctx, ids)
  const now = ctx.clock()

  const statements: Statement[] = []
  const statusAt: number[] = []
  for (const comment of rows) {
    const site = sites.get(comment.siteId)!
    const thread = threadById.get(comment.threadId)!
    const erased =
      input.action === 'approve' &&
      (await rewardedBeforeErasure(ctx, { siteId: site.id, readerKey: comment.readerKey, scopeKey: site.reward?.scope === 'thread' ? thread.key : '' }))
    const { changeStatus, rest } = decisionSteps(ctx, {
      comment,
      site,
      thread,
      erased,
      action: input.action,
      actor: input.actor,
      now,
      detail: input.detail,
    })
    statusAt.push(statements.length)
    statements.push(changeStatus, ...rest)
  }
  const results = await ctx.db.batch(statements as unknown as Parameters<Db['batch']>[0])
  const after = await rewardsOf(ctx, ids)
  const current = new Map(
    (await ctx.db.select({ id: comments.id, status: comments.status }).from(comments).where(inArray(comments.id, ids))).map((c) => [c.id, c.status]),
  )
  const next = TARGET[input.action]
  const at = now.toISOString()

  const steps: UndoStep[] = []
  const answer: Decision = { undo: null, comments: [], stillValid: [], threads: [] }
  rows.forEach((comment, i) => {
    const changed = (results[statusAt[i]!] as unknown[]).length > 0
    const rb = before.get(comment.id) ?? null
    const ra = after.get(comment.id) ?? null
    const rewardChanged = rb?.id !== ra?.id || rb?.status !== ra?.status || rb?.code !== ra?.code
    const status = current.get(comment.id) ?? comment.status
    const reward = ra ? { status: codeStatus(ra, at), code: ra.code } : null
    answer.comments.push({ id: comment.id, status, changed, reward })
    if (changed || rewardChanged) {
      steps.push({
        commentId: comment.id,
        siteId: comment.siteId,
        threadId: comment.threadId,
        from: comment.status,
        to: changed ? next : comment.status,
        rewardBefore: rb,
        rewardAfter: ra,
      })
      const thread = threadById.get(comment.threadId)!
      if (!answer.threads.some((t) => t.siteId === thread.siteId && t.key === thread.key)) answer.threads.push({ siteId: thread.siteId, key: thread.key })
    }
    if (next !== 'published' && reward?.status === 'issued' && reward.code)
      answer.stillValid.push({ commentId: comment.id, authorName: comment.authorName, code: reward.code })
  })

  if (steps.length && input.actor.kind === 'admin' && input.undoable !== false) {
    const id = randomBytes(18).toString('base64url')
    const until = new Date(now.getTime() + UNDO_WINDOW_MS).toISOString()
    await ctx.db.insert(moderationUndos).values({ id, adminUserId: input.actor.id, steps, createdAt: at, expiresAt: until })
    answer.undo = { id, until }
  }
  return answer
}

/** The reward row of each comment that has one (rewards.commentId: the comment that earned it). */
export async function rewardsOf(ctx: Ctx, commentIds: number[]): Promise<Map<number, RewardRow>> {
  const rows = commentIds.length ? await ctx.db.select().from(rewards).where(inArray(rewards.commentId, commentIds)) : []
  return new Map(rows.map((r) => [r.commentId, r]))
}

/** One comment, one decision: the single-comment route, the CLI and the links in a held-comment email. */
export async function moderateComment(ctx: Ctx, input: { id: number; action: ModerationAction; actor: Actor; detail?: Record<string, unknown> }) {
  const decision = await decideComments(ctx, { ids: [input.id], action: input.action, actor: input.actor, undoable: false, detail: input.detail })
  const [comment] = decision.comments
  const thread = (await ctx.db
    .select({ siteId: threads.siteId, key: threads.key })
    .from(threads)
    .innerJoin(comments, eq(comments.threadId, threads.id))
    .where(eq(comments.id, input.id))
    .get())!
  return { thread, comment: { id: comment!.id, status: comment!.status }, reward: comment!.reward }
}
