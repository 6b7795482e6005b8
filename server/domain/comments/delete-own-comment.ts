/**
 * The author takes their comment back within the edit window: its text goes,
 * and it leaves the thread (or an empty "comment deleted" where replies hang
 * under it). A reward still waiting for this comment is dropped; a code
 * already shown stays valid, as the reader has it.
 */
import { and, eq, sql } from 'drizzle-orm'
import { comments, rewards, threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import type { Site } from '../sites/get-site.ts'
import { ownComment } from './own-comment.ts'

export async function deleteOwnComment(ctx: Ctx, input: { site: Site; id: number; token: string }) {
  const row = await ownComment(ctx, { siteId: input.site.id, id: input.id, token: input.token })
  const delta = row.status === 'published' ? 1 : 0
  await ctx.db.batch([
    ctx.db
      .update(comments)
      .set({ status: 'deleted', body: '', notify: false, editHash: null, editedAt: ctx.clock().toISOString() })
      .where(and(eq(comments.id, row.id), eq(comments.status, row.status))),
    ctx.db
      .update(threads)
      .set({ commentCount: sql`${threads.commentCount} - ${delta}`, revision: sql`${threads.revision} + 1` })
      .where(and(eq(threads.id, row.threadId), sql`changes() > 0`)),
    ctx.db.delete(rewards).where(and(eq(rewards.commentId, row.id), eq(rewards.status, 'pending'))),
  ])
  const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.id, row.threadId) }))!
  return {
    threadKey: thread.key,
    comment: { id: row.id, parentId: row.parentId, authorName: '', body: '', createdAt: row.createdAt, deleted: true as const, status: 'deleted' as const },
  }
}
