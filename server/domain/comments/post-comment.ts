import { randomBytes, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { PostCommentAnswer, PostCommentBody } from '../../../shared/comments.ts'
import { LIMITS } from '../../../shared/limits.ts'
import type { CommentStatus } from '../../../shared/values.ts'
import { namedBatch } from '../../db/named-batch.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import { log } from '../../log.ts'
import { clientNetwork, networkKey, wideNetwork } from '../abuse/client-network.ts'
import { bodyHash, spamSignal } from '../abuse/judge-comment.ts'
import { checkCommentRate, keepSpam } from '../abuse/rate-limits.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { rewardEmailEntry, rewardIssuedEntries, webhookEntries } from '../events/outbox-entries.ts'
import { instanceSecret } from '../instance/instance-secret.ts'
import { askForReplies } from '../notifications/ask-for-replies.ts'
import { heldCommentEntries, replyNotifyEntry } from '../notifications/notify-entries.ts'
import { type NewPost, resolvePost } from '../posts/resolve-post.ts'
import { emailDomain, isCommonProvider } from '../readers/email-domain.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { sha256 } from '../readers/reader-links.ts'
import { readerPseudonym } from '../readers/reader-subject.ts'
import { codeSource } from '../rewards/code-source.ts'
import { farmingHold } from '../rewards/farming-hold.ts'
import { earnsReward } from '../rewards/plan-reward.ts'
import { rewardAnswer } from '../rewards/reward-answer.ts'
import { rewardedBeforeErasure } from '../rewards/rewarded-before-erasure.ts'
import type { Site } from '../sites/get-site.ts'
import type { Thread } from './find-thread.ts'
import { publicComment } from './public-comment.ts'

export interface PostCommentInput {
  site: Site
  /** Canonical (canonicalThreadKey). */
  threadKey: string
  comment: z.output<typeof PostCommentBody>
  /** The client's address: limits count its network; only a keyed hash of the network is stored, with a reward. */
  ip: string
}

/** Where the comment goes: a thread that exists, or a post the first comment creates. */
type Target = { thread: Thread } | { post: NewPost }

/** A code that collides with one already issued is drawn again; at 60 bits this is for safety only. */
const CODE_ATTEMPTS = 3

/**
 * A reader posts a comment and, if it earns one, gets their reward.
 *
 * The thread, the comment, the reward and the outbox rows for emails and
 * webhooks are written in one batch, which is one transaction: nothing is
 * half-written. "One reward per reader" is the unique index
 * rewards_one_per_reader, not a read-then-write, so it holds under any
 * concurrency and across processes.
 */
export async function postComment(ctx: Ctx, input: PostCommentInput): Promise<PostCommentAnswer> {
  const { site, threadKey, comment } = input
  const network = clientNetwork(input.ip)
  // Spam is judged before anything is spent: a caught comment uses none of real readers' allowance.
  const flag = await spamSignal(ctx, { site, threadKey, ...comment })
  if (flag) {
    log('info', 'comment held as spam', { site: site.id, flag })
    // Kept for a moderator while it is a trickle; a flood is dropped. The bot sees the same answer either way.
    if (!(await keepSpam(ctx, { site, network }))) return decoy(ctx, site, comment)
  } else {
    await checkCommentRate(ctx, { site, network, reader: await readerPseudonym(ctx, site.id, normalizeEmail(comment.email)) })
  }
  const target = await resolvePost(ctx, { site, key: threadKey, pageUrl: comment.url, network })
  const secret = await instanceSecret(ctx, 'network-key')
  const farming = {
    networkKey: networkKey(secret, network),
    wideNetworkKey: networkKey(secret, wideNetwork(input.ip)),
    emailDomain: emailDomain(normalizeEmail(comment.email)),
  }
  // The author's key to edit or delete it for a while, from this browser: only its hash is kept.
  const editToken = randomBytes(24).toString('base64url')
  let answer: PostCommentAnswer
  for (let attempt = 1; ; attempt++) {
    try {
      answer = await write(ctx, input, target, flag, farming, sha256(editToken))
      break
    } catch (error) {
      if (attempt >= CODE_ATTEMPTS || !isUniqueViolation(error)) throw error
    }
  }
  answer.edit = { token: editToken, until: editUntil(answer.comment.createdAt) }
  if (comment.notify && ctx.canEmail) {
    // Spam asks nobody's inbox for anything; it is told what a real comment would be.
    answer.notify = flag ? 'asked' : await askForReplies(ctx, { siteId: site.id, readerKey: normalizeEmail(comment.email), email: comment.email })
  }
  return answer
}

const editUntil = (createdAt: string) => new Date(Date.parse(createdAt) + LIMITS.editWindowMs).toISOString()

/**
 * What a comment caught as spam is told: what a comment held for a moderator
 * hears (which a false positive is, until rescued: then it is published and
 * its reward issued and emailed). A bot cannot tell it was caught.
 */
function spamReward(site: Site): PostCommentAnswer['reward'] {
  return site.reward?.enabled ? { status: 'pending', reason: 'approval' } : null
}

/** The same answer for spam that is dropped, not kept: with an id like the next real one. */
async function decoy(ctx: Ctx, site: Site, comment: PostCommentInput['comment']): Promise<PostCommentAnswer> {
  const [last] = await ctx.db.select({ id: sql<number>`coalesce(max(${comments.id}), 0)` }).from(comments)
  return {
    comment: {
      id: (last?.id ?? 0) + 1,
      parentId: comment.parentId ?? null,
      authorName: comment.authorName,
      body: comment.body,
      createdAt: ctx.clock().toISOString(),
      status: 'pending',
    },
    reward: spamReward(site),
    edit: { token: randomBytes(24).toString('base64url'), until: editUntil(ctx.clock().toISOString()) },
    ...(comment.notify && ctx.canEmail && { notify: 'asked' as const }),
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
  input: PostCommentInput,
  target: Target,
  flag: string | null,
  farming: { networkKey: string; wideNetworkKey: string; emailDomain: string },
  editHash: string,
): Promise<PostCommentAnswer> {
  const { db } = ctx
  const { site, threadKey, comment } = input
  const post = 'post' in target ? target.post : null
  const parent = comment.parentId ? await findParent(ctx, site.id, threadKey, comment.parentId) : undefined
  const now = ctx.clock()
  const at = now.toISOString()
  const status: CommentStatus = flag ? 'spam' : site.moderation === 'pre' ? 'pending' : 'published'
  const readerKey = normalizeEmail(comment.email)
  const scopeKey = site.reward?.scope === 'thread' ? threadKey : ''
  const published = status === 'published' ? 1 : 0
  const nonce = randomUUID()
  const threadId = sql`(select ${threads.id} from ${threads} where ${threads.siteId} = ${site.id} and ${threads.key} = ${threadKey})`
  const commentId = sql`(select id from comments where nonce = ${nonce})`

  const upsertThread = db
    .insert(threads)
    // Title and address come from the post's own page or the owner, never from the reader's request.
    .values({
      siteId: site.id,
      key: threadKey,
      title: post?.title ?? null,
      url: post?.url ?? null,
      source: post?.source ?? null,
      commentCount: published,
      revision: published,
      createdAt: at,
    })
    .onConflictDoUpdate({
      target: [threads.siteId, threads.key],
      set: {
        commentCount: sql`${threads.commentCount} + excluded.comment_count`,
        revision: sql`${threads.revision} + excluded.revision`,
      },
    })
  const insertComment = db
    .insert(comments)
    .values({
      siteId: site.id,
      threadId,
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      authorName: comment.authorName,
      email: comment.email,
      readerKey,
      body: comment.body,
      status,
      flag,
      bodyHash: bodyHash(comment.body),
      nonce,
      notify: Boolean(comment.notify && !flag),
      editHash,
      createdAt: at,
    })
    .returning()
  // Mails the comment causes: the parent's author hears of a published reply; admins of a held comment.
  const mails = ctx.canEmail
    ? {
        replyNotify: parent ? replyNotifyEntry(ctx, { replyId: commentId }) : undefined,
        heldMail: status === 'pending' ? heldCommentEntries(ctx, { commentId }) : undefined,
      }
    : {}

  const reward = site.reward
  const earns = reward && earnsReward(reward, { status, body: comment.body }) && !(await rewardedBeforeErasure(ctx, { siteId: site.id, readerKey, scopeKey }))
  if (!reward || !earns) {
    const results = await namedBatch(db, {
      thread: upsertThread,
      comment: insertComment,
      commentHook: webhookEntries(ctx, { siteId: site.id, event: 'comment.created', subject: sql`'comment:' || ${commentId}` }),
      ...mails,
    })
    const [row] = results.comment as (typeof comments.$inferSelect)[]
    return { comment: answerComment(row!), reward: flag ? spamReward(site) : null }
  }

  // Held for approval: the reader's one reward is reserved now and issued when a moderator approves.
  const awaitsApproval = status === 'pending' || reward.issueOn === 'approval'
  const source = awaitsApproval
    ? {
        before: [],
        fields: { status: 'pending' as const, pendingReason: 'approval' as const, code: null, codeKey: null, issuedAt: null, expiresAt: null },
        after: [],
      }
    : codeSource(ctx, site.id, reward, now)

  const insertReward = db
    .insert(rewards)
    .values({
      siteId: site.id,
      readerKey,
      scopeKey,
      threadId,
      commentId,
      email: comment.email,
      kind: reward.kind,
      label: reward.label,
      createdAt: at,
      networkKey: farming.networkKey,
      wideNetworkKey: farming.wideNetworkKey,
      emailDomain: farming.emailDomain,
      ...source.fields,
    })
    .onConflictDoNothing({ target: [rewards.siteId, rewards.readerKey, rewards.scopeKey] })
    .returning()
  // Runs after the reward's insert and before the pool's release, so a held pool code goes back to the pool.
  const hold = farmingHold(ctx, { site, commentId, ...farming, commonDomain: isCommonProvider(farming.emailDomain), now })

  const results = await namedBatch(db, {
    thread: upsertThread,
    comment: insertComment,
    poolClaim: source.before,
    reward: insertReward,
    hold,
    poolRelease: source.after,
    commentHook: webhookEntries(ctx, { siteId: site.id, event: 'comment.created', subject: sql`'comment:' || ${commentId}` }),
    rewardHook: rewardIssuedEntries(ctx, { siteId: site.id, commentId, issuedAt: at }),
    rewardEmail: reward.delivery === 'email' || ctx.canEmail ? rewardEmailEntry(ctx, { commentId, issuedAt: at }) : undefined,
    ...mails,
  })
  const row = (results.comment as (typeof comments.$inferSelect)[])[0]!
  // The farming check may have held the fresh reward back: then the answer is the row as held.
  const fresh = (results.hold as (typeof rewards.$inferSelect)[])[0] ?? (results.reward as (typeof rewards.$inferSelect)[])[0]
  if (fresh) return { comment: answerComment(row), reward: rewardAnswer(fresh, true, reward.delivery) }

  const existing = await db.query.rewards.findFirst({
    where: and(eq(rewards.siteId, site.id), eq(rewards.readerKey, readerKey), eq(rewards.scopeKey, scopeKey)),
  })
  return { comment: answerComment(row), reward: existing ? rewardAnswer(existing, false, reward.delivery) : null }
}

/** Spam is reported as pending: a bot learns nothing from the answer. */
function answerComment(row: typeof comments.$inferSelect): PostCommentAnswer['comment'] {
  return { ...publicComment(row), status: row.status === 'published' ? 'published' : 'pending' }
}

/** Only a code collision can raise this: the one-per-reader index is ON CONFLICT DO NOTHING. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { extendedCode?: string }).extendedCode === 'SQLITE_CONSTRAINT_UNIQUE'
}
