/**
 * The author fixes their comment within the edit window. The new text meets
 * the same rules as a new comment's; the comment is marked edited. Whether it
 * earned a reward does not change: the reward was for commenting.
 */
import { and, eq, sql } from 'drizzle-orm'
import { comments, threads } from '../../db/schema.ts'
import { bodyHash } from '../abuse/judge-comment.ts'
import { findBlock } from '../blocks/find-block.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import type { Site } from '../sites/get-site.ts'
import { ownComment } from './own-comment.ts'
import { publicComment } from './public-comment.ts'

const URL_RE = /\bhttps?:\/\/|\bwww\./gi

export async function editOwnComment(ctx: Ctx, input: { site: Site; id: number; token: string; body: string }) {
  const row = await ownComment(ctx, { siteId: input.site.id, id: input.id, token: input.token })
  if ((input.body.match(URL_RE)?.length ?? 0) > input.site.antiAbuse.maxLinks) {
    throw new DomainError('invalid_input', `At most ${input.site.antiAbuse.maxLinks} links in a comment.`, { body: 'too_many_links' })
  }
  // What a block refuses in a new comment, it refuses in an edit.
  const block = await findBlock(ctx, input.site.id, { ...row, body: input.body })
  if (block?.action === 'refuse') {
    throw new DomainError(
      'blocked',
      block.kind === 'word' ? 'This site does not accept comments with some of these words.' : 'This site does not accept comments from you.',
    )
  }
  const editedAt = ctx.clock().toISOString()
  const [[updated]] = await ctx.db.batch([
    ctx.db
      .update(comments)
      .set({ body: input.body, bodyHash: bodyHash(input.body), editedAt })
      .where(and(eq(comments.id, row.id), eq(comments.status, row.status)))
      .returning(),
    ctx.db
      .update(threads)
      .set({ revision: sql`${threads.revision} + 1` })
      .where(eq(threads.id, row.threadId)),
  ])
  if (!updated) throw new DomainError('comment_not_found', 'This comment is not there any more.')
  const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.id, row.threadId) }))!
  return { threadKey: thread.key, comment: { ...publicComment(updated), status: updated.status as 'published' | 'pending' } }
}
