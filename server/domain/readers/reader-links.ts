/**
 * Links mailed to a reader that act for their address on one site: confirming
 * reply notifications, and opening their data. The token exists only in the
 * mail; the database keeps its SHA-256, its purpose and when it expires.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { ReaderLinkPurpose } from '../../../shared/values.ts'
import { readerLinks } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

const HOUR = 3_600_000
/** A confirmation waits a week; a link to someone's data works for a day. */
export const LINK_TTL_MS: Record<ReaderLinkPurpose, number> = { confirm: 7 * 24 * HOUR, data: 24 * HOUR }

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A new link's token, and the statement that stores its hash (for the batch that also queues the mail). */
export function newReaderLink(ctx: Ctx, input: { purpose: ReaderLinkPurpose; siteId: string; readerKey: string }) {
  const token = randomBytes(24).toString('base64url')
  const now = ctx.clock()
  const statement = ctx.db.insert(readerLinks).values({
    tokenHash: sha256(token),
    purpose: input.purpose,
    siteId: input.siteId,
    readerKey: input.readerKey,
    expiresAt: new Date(now.getTime() + LINK_TTL_MS[input.purpose]).toISOString(),
    createdAt: now.toISOString(),
  })
  return { token, statement }
}

/** Whose link this is, or why it no longer works. */
export async function openReaderLink(ctx: Ctx, token: string, purpose: ReaderLinkPurpose): Promise<{ siteId: string; readerKey: string }> {
  const row = await ctx.db.query.readerLinks.findFirst({ where: and(eq(readerLinks.tokenHash, sha256(token)), eq(readerLinks.purpose, purpose)) })
  if (!row) throw new DomainError('not_found', 'This link is not valid (it may have been used up, or the data it opened was deleted).')
  if (row.expiresAt <= ctx.clock().toISOString()) throw new DomainError('link_expired', 'This link has expired. Ask for a new one from the comments.')
  return { siteId: row.siteId, readerKey: row.readerKey }
}
