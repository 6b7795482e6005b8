/**
 * A moderator changes a comment's text (a link to take out, a reader's own
 * request): readers see it marked edited, and the audit log keeps the text
 * before and after. The reward, earned by commenting, is not affected.
 */
import { and, eq, sql } from 'drizzle-orm'
import { comments, threads } from '../../db/schema.ts'
import { bodyHash } from '../abuse/judge-comment.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

export async function editComment(ctx: Ctx, input: { id: number; body: string; actor: Actor }) {
  const row = await ctx.db.query.comments.findFirst({ where: eq(comments.id, input.id) })
  if (!row) throw new DomainError('not_found', 'No such comment.')
  if (row.status === 'deleted') throw new DomainError('conflict', 'A deleted comment cannot be edited: restore it first.')
  if (row.body === input.body) return { comment: { id: row.id, body: row.body, editedAt: row.editedAt ?? row.createdAt }, thread: null }
  const editedAt = ctx.clock().toISOString()
  const [[updated]] = await ctx.db.batch([
    ctx.db
      .update(comments)
      .set({ body: input.body, bodyHash: bodyHash(input.body), editedAt })
      // Not over an edit made since it was read (by its author, or another moderator).
      .where(and(eq(comments.id, row.id), eq(comments.body, row.body)))
      .returning(),
    auditIfChanged(ctx, {
      actor: input.actor,
      action: 'comment.edit',
      siteId: row.siteId,
      subject: `comment:${row.id}`,
      detail: { before: row.body, after: input.body },
    }),
    ctx.db
      .update(threads)
      .set({ revision: sql`${threads.revision} + 1` })
      .where(eq(threads.id, row.threadId)),
  ])
  if (!updated) throw new DomainError('conflict', 'The comment was changed meanwhile: reload it and edit again.')
  const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.id, row.threadId) }))!
  return { comment: { id: updated.id, body: updated.body, editedAt }, thread: { siteId: thread.siteId, key: thread.key } }
}
