import { and, eq, sql } from 'drizzle-orm'
import { PostCommentBody, type PostCommentAnswer } from '../../../shared/comments.ts'
import type { z } from 'zod'
import { comments, rewards, threads, type CommentStatus } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { codeKey } from '../rewards/code-key.ts'
import { planReward, type RewardPlan } from '../rewards/plan-reward.ts'
import { rewardAnswer } from '../rewards/reward-answer.ts'
import type { Site } from '../sites/get-site.ts'
import { publicComment } from './public-comment.ts'

export interface PostCommentInput {
  site: Site
  threadKey: string
  comment: z.output<typeof PostCommentBody>
}

/** A code that collides with one already issued is drawn again; at 60 bits this is for safety only. */
const CODE_ATTEMPTS = 3

/**
 * A reader posts a comment and, if it earns one, gets their reward.
 *
 * The thread, the comment and the reward are written in one batch, which is one
 * transaction: nothing is half-written. "One reward per reader" is the unique
 * index rewards_one_per_reader, not a read-then-write, so it holds under any
 * concurrency and across processes.
 */
export async function postComment(ctx: Ctx, input: PostCommentInput): Promise<PostCommentAnswer> {
  const { site, threadKey, comment } = input
  const parent = comment.parentId ? await findParent(ctx, site.id, threadKey, comment.parentId) : undefined
  const now = ctx.clock()
  const status: CommentStatus = comment.website ? 'spam' : site.moderation === 'pre' ? 'pending' : 'published'
  const readerKey = normalizeEmail(comment.email)
  const scopeKey = site.reward?.scope === 'thread' ? threadKey : ''

  for (let attempt = 1; ; attempt++) {
    const plan = planReward(site.reward, { status, body: comment.body }, now)
    try {
      return await write(ctx, input, { parent, now, status, readerKey, scopeKey, plan })
    } catch (error) {
      if (plan?.status !== 'issued' || attempt >= CODE_ATTEMPTS || !isUniqueViolation(error)) throw error
    }
  }
}

async function findParent(ctx: Ctx, siteId: string, threadKey: string, parentId: number) {
  const [parent] = await ctx.db
    .select({ id: comments.id, rootId: comments.rootId })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .where(and(eq(comments.id, parentId), eq(threads.siteId, siteId), eq(threads.key, threadKey), eq(comments.status, 'published')))
  if (!parent) {
    throw new DomainError('parent_not_found', 'The comment you reply to is not in this thread.', { parentId: 'not_found' })
  }
  return parent
}

async function write(
  ctx: Ctx,
  { site, threadKey, comment }: PostCommentInput,
  w: {
    parent: { id: number; rootId: number | null } | undefined
    now: Date
    status: CommentStatus
    readerKey: string
    scopeKey: string
    plan: RewardPlan | null
  },
): Promise<PostCommentAnswer> {
  const { db } = ctx
  const at = w.now.toISOString()
  const published = w.status === 'published' ? 1 : 0
  const threadId = sql`(select ${threads.id} from ${threads} where ${threads.siteId} = ${site.id} and ${threads.key} = ${threadKey})`

  const upsertThread = db
    .insert(threads)
    .values({ siteId: site.id, key: threadKey, title: comment.title, url: comment.url, commentCount: published, revision: published, createdAt: at })
    .onConflictDoUpdate({
      target: [threads.siteId, threads.key],
      set: {
        title: sql`coalesce(excluded.title, ${threads.title})`,
        url: sql`coalesce(excluded.url, ${threads.url})`,
        commentCount: sql`${threads.commentCount} + excluded.comment_count`,
        revision: sql`${threads.revision} + excluded.revision`,
      },
    })
  const insertComment = db
    .insert(comments)
    .values({
      siteId: site.id,
      threadId,
      parentId: w.parent?.id ?? null,
      rootId: w.parent ? (w.parent.rootId ?? w.parent.id) : null,
      authorName: comment.authorName,
      email: comment.email,
      readerKey: w.readerKey,
      body: comment.body,
      status: w.status,
      flag: comment.website ? 'honeypot' : null,
      createdAt: at,
    })
    .returning()

  if (!w.plan || !site.reward) {
    const [, [row]] = await db.batch([upsertThread, insertComment])
    return { comment: answerComment(row!), reward: null }
  }

  const plan = w.plan
  const insertReward = db
    .insert(rewards)
    .values({
      siteId: site.id,
      readerKey: w.readerKey,
      scopeKey: w.scopeKey,
      threadId,
      // The batch runs on one connection without yielding, so the last row
      // inserted is the comment above.
      commentId: sql`last_insert_rowid()`,
      email: comment.email,
      kind: site.reward.kind,
      status: plan.status,
      pendingReason: plan.status === 'pending' ? plan.reason : null,
      code: plan.status === 'issued' ? plan.code : null,
      codeKey: plan.status === 'issued' ? codeKey(plan.code) : null,
      label: site.reward.label,
      issuedAt: plan.status === 'issued' ? plan.issuedAt : null,
      expiresAt: plan.status === 'issued' ? plan.expiresAt : null,
      createdAt: at,
    })
    .onConflictDoNothing({ target: [rewards.siteId, rewards.readerKey, rewards.scopeKey] })
    .returning()

  const [, [row], [fresh]] = await db.batch([upsertThread, insertComment, insertReward])
  if (fresh) return { comment: answerComment(row!), reward: rewardAnswer(fresh, true) }

  const existing = await db.query.rewards.findFirst({
    where: and(eq(rewards.siteId, site.id), eq(rewards.readerKey, w.readerKey), eq(rewards.scopeKey, w.scopeKey)),
  })
  return { comment: answerComment(row!), reward: existing ? rewardAnswer(existing, false) : null }
}

/** Spam is reported as pending: a bot learns nothing from the answer. */
function answerComment(row: typeof comments.$inferSelect): PostCommentAnswer['comment'] {
  return { ...publicComment(row), status: row.status === 'published' ? 'published' : 'pending' }
}

/** Only the code index can raise this: the one-per-reader index is ON CONFLICT DO NOTHING. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { extendedCode?: string }).extendedCode === 'SQLITE_CONSTRAINT_UNIQUE'
}
