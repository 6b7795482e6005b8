import { randomBytes, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { PostCommentAnswer, PostCommentBody } from '../../../shared/comments.ts'
import { LIMITS } from '../../../shared/limits.ts'
import type { CommentStatus } from '../../../shared/values.ts'
import { namedRawBatch } from '../../db/named-batch.ts'
import { q, type RawResult, rawRows } from '../../db/raw.ts'
import { comments, rewards } from '../../db/schema.ts'
import { log } from '../../log.ts'
import { clientNetwork, networkKey, wideNetwork } from '../abuse/client-network.ts'
import { bodyHash, spamSignal } from '../abuse/judge-comment.ts'
import { commentRate, keepSpam } from '../abuse/rate-limits.ts'
import { findBlock } from '../blocks/find-block.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { rawRewardEmailEntry, rawWebhookEntries, rewardIssuedHook } from '../events/outbox-entries.ts'
import { instanceSecret } from '../instance/instance-secret.ts'
import { askForReplies } from '../notifications/ask-for-replies.ts'
import { rawHeldCommentEntries, rawReplyNotifyEntry } from '../notifications/notify-entries.ts'
import { type NewPost, resolvePost } from '../posts/resolve-post.ts'
import { emailDomain, isCommonProvider } from '../readers/email-domain.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { sha256 } from '../readers/reader-links.ts'
import { erasedReaderKey, readerPseudonym } from '../readers/reader-subject.ts'
import { rawCodeSource } from '../rewards/code-source.ts'
import { farmingReason } from '../rewards/farming-hold.ts'
import { earnsReward } from '../rewards/plan-reward.ts'
import { REWARD_ANSWER_COLUMNS, rewardAnswer } from '../rewards/reward-answer.ts'
import type { Site } from '../sites/get-site.ts'
import { findThread, type Thread } from './find-thread.ts'
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
 * A remote libSQL server (sqld, Turso) answers SQLITE_BUSY when other
 * processes' writes hold its lock longer than it waits: the batch was rolled
 * back whole, so it is sent again after a short, jittered pause. (A local
 * file waits inside SQLite: busy_timeout, server/db/client.ts.)
 */
const BUSY_ATTEMPTS = 5

/**
 * A reader posts a comment and, if it earns one, gets their reward.
 *
 * The rate-limit counters, the thread, the comment, the reward and the
 * outbox rows for emails and webhooks are written in one batch, which is one
 * transaction: nothing is half-written, and a comment past a limit writes
 * nothing but its counters. "One reward per reader" is the unique index
 * rewards_one_per_reader, not a read-then-write, so it holds under any
 * concurrency and across processes. The batch is raw SQL (server/db/raw.ts):
 * the hottest write there is, built without drizzle.
 */
export async function postComment(ctx: Ctx, input: PostCommentInput): Promise<PostCommentAnswer> {
  const { site, threadKey, comment } = input
  const network = clientNetwork(input.ip)
  const readerKey = normalizeEmail(comment.email)
  // A closed post takes nothing, from anyone: said before anything is judged or spent.
  const thread = (await findThread(ctx, { site, key: threadKey })) ?? null
  if (thread?.closedAt) {
    throw new DomainError('thread_closed', 'Comments are closed on this post.')
  }
  const secret = await instanceSecret(ctx, 'network-key')
  const farming = {
    networkKey: networkKey(secret, network),
    wideNetworkKey: networkKey(secret, wideNetwork(input.ip)),
    emailDomain: emailDomain(readerKey),
  }
  // The owner's blocks come first: a refused reader spends nothing and is told so.
  const block = await findBlock(ctx, site.id, { readerKey, ...comment, ...farming })
  if (block?.action === 'refuse') {
    throw new DomainError(
      'blocked',
      block.kind === 'word' ? 'This site does not accept comments with some of these words.' : 'This site does not accept comments from you.',
    )
  }
  // Spam is judged before anything is spent: a caught comment uses none of real readers' allowance.
  const flag = await spamSignal(ctx, { site, threadKey, ...comment })
  if (flag) {
    log('info', 'comment held as spam', { site: site.id, flag, requestId: ctx.requestId })
    // Kept for a moderator while it is a trickle; a flood is dropped. The bot sees the same answer either way.
    if (!(await keepSpam(ctx, { site, network }))) return decoy(ctx, site, comment)
  }
  // A real comment's rate limits are counted in its own batch (write).
  const target = await resolvePost(ctx, { site, key: threadKey, pageUrl: comment.url, network, thread })
  // Held for a moderator: a block that holds, or every comment (unless the site lets readers approved before through).
  const hold = block ? 'blocked' : site.moderation === 'pre' && !(site.approveKnownReaders && (await approvedBefore(ctx, site.id, readerKey))) ? 'pre' : null
  // The author's key to edit or delete it for a while, from this browser: only its hash is kept.
  const editToken = randomBytes(24).toString('base64url')
  let answer: PostCommentAnswer
  for (let collisions = 0, busy = 0; ; ) {
    try {
      answer = await write(ctx, input, target, { flag, hold }, farming, sha256(editToken), network)
      break
    } catch (error) {
      if (isUniqueViolation(error) && ++collisions < CODE_ATTEMPTS) continue
      if (isBusy(error) && ++busy < BUSY_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 20 * 2 ** busy * (0.5 + Math.random())))
        continue
      }
      throw error
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
  const [parent] = await rawRows<{ id: number; rootId: number | null }>(
    ctx.db,
    q`select c.id, c.root_id as rootId from comments c join threads t on t.id = c.thread_id
      where c.id = ${parentId} and t.site_id = ${siteId} and t.key = ${threadKey} and c.status = 'published'`,
  )
  if (!parent) {
    throw new DomainError('parent_not_found', 'The comment you reply to is not in this thread.', { parentId: 'not_found' })
  }
  return parent
}

/** A comment of this reader's was approved here before (published, by a moderator or at once). */
async function approvedBefore(ctx: Ctx, siteId: string, readerKey: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.siteId, siteId), eq(comments.readerKey, readerKey), eq(comments.status, 'published')))
    .limit(1)
  return Boolean(row)
}

async function write(
  ctx: Ctx,
  input: PostCommentInput,
  target: Target,
  judged: { flag: string | null; hold: 'blocked' | 'pre' | null },
  farming: { networkKey: string; wideNetworkKey: string; emailDomain: string },
  editHash: string,
  network: string,
): Promise<PostCommentAnswer> {
  const { db } = ctx
  const { site, threadKey, comment } = input
  const { flag } = judged
  const post = 'post' in target ? target.post : null
  const parent = comment.parentId ? await findParent(ctx, site.id, threadKey, comment.parentId) : undefined
  const now = ctx.clock()
  const at = now.toISOString()
  const status: CommentStatus = flag ? 'spam' : judged.hold ? 'pending' : 'published'
  const readerKey = normalizeEmail(comment.email)
  const scopeKey = site.reward?.scope === 'thread' ? threadKey : ''
  const published = status === 'published' ? 1 : 0
  const nonce = randomUUID()
  const pseudonym = await readerPseudonym(ctx, site.id, readerKey)
  // Counted first, in this transaction; spam was counted apart (keepSpam). The thread and the comment are written only within the limits.
  const rate = flag ? undefined : commentRate({ site, network, reader: pseudonym, now, requestId: ctx.requestId })
  const allowed = rate?.allowed ?? q`1`
  const threadId = q`(select id from threads where site_id = ${site.id} and key = ${threadKey})`
  const commentId = q`(select id from comments where nonce = ${nonce})`
  // What follows the comment hangs on its having been written.
  const written = q`exists (select 1 from comments where nonce = ${nonce})`

  // Title and address come from the post's own page or the owner, never from the reader's request.
  const upsertThread = q`insert into threads (site_id, key, title, url, source, comment_count, revision, created_at)
    select ${site.id}, ${threadKey}, ${post?.title ?? null}, ${post?.url ?? null}, ${post?.source ?? null}, ${published}, ${published}, ${at} where ${allowed}
    on conflict (site_id, key) do update set comment_count = threads.comment_count + excluded.comment_count, revision = threads.revision + excluded.revision`
  // Why it waits or was caught is kept for the moderator.
  const insertComment = q`insert into comments (site_id, thread_id, parent_id, root_id, author_name, email, reader_key, body, status, flag, body_hash, nonce, notify, edit_hash,
      network_key, wide_network_key, created_at)
    select ${site.id}, ${threadId}, ${parent?.id ?? null}, ${parent ? (parent.rootId ?? parent.id) : null}, ${comment.authorName}, ${comment.email}, ${readerKey},
      ${comment.body}, ${status}, ${flag ?? (judged.hold === 'blocked' ? 'blocked' : null)}, ${bodyHash(comment.body)}, ${nonce}, ${comment.notify && !flag ? 1 : 0}, ${editHash},
      ${farming.networkKey}, ${farming.wideNetworkKey}, ${at}
    where ${allowed}
    returning id, parent_id as parentId, author_name as authorName, body, status, created_at as createdAt`
  // Mails the comment causes: the parent's author hears of a published reply; admins of a held comment.
  const mails = ctx.canEmail
    ? {
        replyNotify: parent ? rawReplyNotifyEntry(now, { replyId: commentId }) : undefined,
        heldMail: status === 'pending' ? rawHeldCommentEntries(at, { commentId }) : undefined,
      }
    : {}
  const commentHook = { event: 'comment.created' as const, subject: q`'comment:' || ${commentId}`, when: written }
  /** The comment as written, or the refusal its counters call for. */
  const writtenRow = (results: { rate?: RawResult[]; comment: RawResult }) => {
    const row = results.comment.rows[0] as unknown as CommentRow | undefined
    if (row) return row
    throw rate?.refusal(results.rate ?? []) ?? new Error('the comment was not written')
  }

  const reward = site.reward
  const earns = reward && earnsReward(reward, { status, body: comment.body })
  if (!reward || !earns) {
    const results = await namedRawBatch(db, {
      rate: rate?.statements,
      thread: upsertThread,
      comment: insertComment,
      hooks: rawWebhookEntries(at, site.id, [commentHook]),
      ...mails,
    })
    return { comment: answerComment(writtenRow(results)), reward: flag ? spamReward(site) : null }
  }

  // Held for approval: the reader's one reward is reserved now and issued when a moderator approves.
  const awaitsApproval = status === 'pending' || reward.issueOn === 'approval'
  const source = awaitsApproval
    ? { before: [], fields: { status: 'pending', pendingReason: 'approval', code: null, codeKey: null, issuedAt: null, expiresAt: null }, after: [] }
    : rawCodeSource(site.id, reward, now)
  const f = source.fields
  // A reward that would be issued waits for the owner when the day's counts for its network, domain or site are full (rewards/farming-hold.ts).
  const reason =
    awaitsApproval || reward.kind === 'static' ? q`null` : farmingReason({ site, ...farming, commonDomain: isCommonProvider(farming.emailDomain), now })
  const held = q`(status = 'issued' and reason is not null)`
  // Not for a reader who erased their data after earning: that reward stays theirs under their pseudonym (readers/erase-reader.ts).
  const insertReward = q`with fresh as materialized (
      select ${f.status} as status, ${f.pendingReason} as pending_reason, ${f.code} as code, ${f.codeKey} as code_key,
        ${f.issuedAt} as issued_at, ${f.expiresAt} as expires_at, ${reason} as reason)
    insert into rewards (site_id, reader_key, scope_key, thread_id, comment_id, email, kind, label, created_at,
      network_key, wide_network_key, email_domain, status, pending_reason, code, code_key, issued_at, expires_at)
    select ${site.id}, ${readerKey}, ${scopeKey}, ${threadId}, ${commentId}, ${comment.email}, ${reward.kind}, ${reward.label}, ${at},
      ${farming.networkKey}, ${farming.wideNetworkKey}, ${farming.emailDomain},
      iif(${held}, 'pending', status), iif(${held}, reason, pending_reason), iif(${held}, null, code), iif(${held}, null, code_key),
      iif(${held}, null, issued_at), iif(${held}, null, expires_at)
    from fresh
    where ${written}
      and not exists (select 1 from rewards where site_id = ${site.id} and reader_key = ${erasedReaderKey(pseudonym)} and scope_key = ${scopeKey})
    on conflict (site_id, reader_key, scope_key) do nothing
    returning ${REWARD_ANSWER_COLUMNS}`

  const results = await namedRawBatch(db, {
    rate: rate?.statements,
    thread: upsertThread,
    comment: insertComment,
    poolClaim: source.before,
    reward: insertReward,
    // After the reward's insert, so a pool code it did not take (held, or the reader had one) goes back to the pool.
    poolRelease: source.after,
    hooks: rawWebhookEntries(at, site.id, [commentHook, rewardIssuedHook({ commentId, issuedAt: at })]),
    rewardEmail: reward.delivery === 'email' || ctx.canEmail ? rawRewardEmailEntry({ commentId, issuedAt: at }) : undefined,
    ...mails,
  })
  const row = writtenRow(results)
  // As written: issued, or held back by the farming check.
  const fresh = results.reward.rows[0] as unknown as RewardRow | undefined
  if (fresh) return { comment: answerComment(row), reward: rewardAnswer(fresh, true, reward.delivery) }

  const existing = await db.query.rewards.findFirst({
    where: and(eq(rewards.siteId, site.id), eq(rewards.readerKey, readerKey), eq(rewards.scopeKey, scopeKey)),
  })
  return { comment: answerComment(row), reward: existing ? rewardAnswer(existing, false, reward.delivery) : null }
}

type CommentRow = Pick<typeof comments.$inferSelect, 'id' | 'parentId' | 'authorName' | 'body' | 'status' | 'createdAt'>
type RewardRow = Parameters<typeof rewardAnswer>[0]

/** Spam is reported as pending: a bot learns nothing from the answer. */
function answerComment(row: CommentRow): PostCommentAnswer['comment'] {
  return { ...publicComment(row), status: row.status === 'published' ? 'published' : 'pending' }
}

/** Only a code collision can raise this: the one-per-reader index is ON CONFLICT DO NOTHING. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { extendedCode?: string }).extendedCode === 'SQLITE_CONSTRAINT_UNIQUE'
}

function isBusy(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_BUSY'
}
