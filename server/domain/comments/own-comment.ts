/**
 * A comment its author may still change: the browser that posted it holds
 * the secret (its SHA-256 is on the row), and the window since posting has
 * not closed. Anyone else, or the author later, is refused.
 */
import { timingSafeEqual } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { LIMITS } from '../../../shared/limits.ts'
import { comments } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { sha256 } from '../readers/reader-links.ts'

export async function ownComment(ctx: Ctx, input: { siteId: string; id: number; token: string }) {
  const row = await ctx.db.query.comments.findFirst({ where: and(eq(comments.id, input.id), eq(comments.siteId, input.siteId)) })
  if (!row || row.status === 'deleted' || row.status === 'rejected') throw new DomainError('comment_not_found', 'This comment is not there any more.')
  const given = Buffer.from(sha256(input.token))
  if (!row.editHash || row.status === 'spam' || !timingSafeEqual(given, Buffer.from(row.editHash))) {
    throw new DomainError('forbidden', 'Only its author can change a comment, from the browser it was written in.')
  }
  if (ctx.clock().getTime() - Date.parse(row.createdAt) > LIMITS.editWindowMs) {
    throw new DomainError('edit_window_closed', `A comment can be changed for ${LIMITS.editWindowMs / 60_000} minutes after posting.`)
  }
  return row
}
