/**
 * The author fixes their comment within the edit window. The new text meets
 * the same rules as a new comment's (links, not a copy of another comment in
 * the thread); the comment is marked edited. On a site that approves comments
 * first, an edited comment goes back to the queue: what a moderator approved
 * is what readers see. Whether it earned a reward does not change: that was
 * decided when it was posted (moderation/moderate-comment.ts).
 */
import { and, eq, ne, sql } from 'drizzle-orm'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { comments, threads } from '../../db/schema.ts'
import { bodyHash } from '../abuse/judge-comment.ts'
import { limiter } from '../abuse/rate-limits.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { heldCommentEntries } from '../notifications/notify-entries.ts'
import type { Site } from '../sites/get-site.ts'
import { ownComment } from './own-comment.ts'
import { publicComment } from './public-comment.ts'

const URL_RE = /\bhttps?:\/\/|\bwww\./gi

/** Edits per comment in its window, and per client network an hour. */
export const EDITS = { perComment: 10, perNetworkPerHour: 30 }

export async function editOwnComment(ctx: Ctx, input: { site: Site; id: number; token: string; body: string; network: string }) {
  const { site } = input
  const row = await ownComment(ctx, { siteId: site.id, id: input.id, token: input.token })
  try {
    await limiter(ctx, 'edit-net', EDITS.perNetworkPerHour, 3600).consume(`${site.id}|${input.network}`)
    await limiter(ctx, 'edit-comment', EDITS.perComment, 3600).consume(String(row.id))
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    throw new DomainError('rate_limited', 'This comment was changed too often. Please wait a little.', undefined, Math.ceil(error.msBeforeNext / 1000))
  }
  if ((input.body.match(URL_RE)?.length ?? 0) > site.antiAbuse.maxLinks) {
    throw new DomainError('invalid_input', `At most ${site.antiAbuse.maxLinks} links in a comment.`, { body: 'too_many_links' })
  }
  const hash = bodyHash(input.body)
  if (site.antiAbuse.blockDuplicates) {
    const [copy] = await ctx.db
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.threadId, row.threadId), eq(comments.bodyHash, hash), ne(comments.id, row.id), ne(comments.status, 'deleted')))
      .limit(1)
    if (copy) throw new DomainError('invalid_input', 'This text is already in the thread.', { body: 'duplicate' })
  }
  // Spam stays spam (the author is told what a held comment hears); a published comment on an approve-first site is held again.
  const status = row.status === 'published' && site.moderation === 'pre' ? 'pending' : row.status
  const leaves = row.status === 'published' && status !== 'published' ? 1 : 0
  const editedAt = ctx.clock().toISOString()
  const [[updated]] = await ctx.db.batch([
    ctx.db
      .update(comments)
      .set({ body: input.body, bodyHash: hash, editedAt, status })
      .where(and(eq(comments.id, row.id), eq(comments.status, row.status)))
      .returning(),
    ctx.db
      .update(threads)
      .set({ revision: sql`${threads.revision} + 1`, commentCount: sql`${threads.commentCount} - ${leaves}` })
      .where(eq(threads.id, row.threadId)),
    ...(leaves && ctx.canEmail ? [heldCommentEntries(ctx, { commentId: sql`${row.id}` })] : []),
  ] as unknown as Parameters<typeof ctx.db.batch>[0])
  if (!updated) throw new DomainError('comment_not_found', 'This comment is not there any more.')
  const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.id, row.threadId) }))!
  const answer = updated as typeof comments.$inferSelect
  return { threadKey: thread.key, comment: { ...publicComment(answer), status: answer.status === 'published' ? ('published' as const) : ('pending' as const) } }
}
