/**
 * A comment its author may still change: the browser that posted it holds
 * the secret (its SHA-256 is on the row), and the window since posting has
 * not closed. Every other case is answered alike, so nobody learns from a
 * refusal which ids exist, are held or were caught as spam: a caught comment
 * is changed like a held one (a bot cannot tell it was caught).
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
  const given = Buffer.from(sha256(input.token))
  const held = row?.editHash ? Buffer.from(row.editHash) : null
  const mine = row && held && held.length === given.length && timingSafeEqual(given, held) && row.status !== 'deleted' && row.status !== 'rejected'
  if (!mine) throw new DomainError('comment_not_found', 'No comment of yours with this id can be changed from here.')
  if (ctx.clock().getTime() - Date.parse(row.createdAt) > LIMITS.editWindowMs) {
    throw new DomainError('edit_window_closed', `A comment can be changed for ${LIMITS.editWindowMs / 60_000} minutes after posting.`)
  }
  return row
}
