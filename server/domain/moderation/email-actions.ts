/**
 * Approve or mark as spam straight from the held-comment email. Each mail to
 * an admin carries two signed links (the comment, the admin, the action and
 * an expiry, under an HMAC of this installation's key): nothing is stored
 * until one is used. Following a link only shows a page with a button (a GET
 * changes nothing, so a mail scanner that opens links decides nothing); the
 * button's POST acts as that admin, once: a used link is remembered until it
 * expires, and a comment already decided is left as it is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { EMAIL_MODERATION_ACTIONS, type EmailModerationAction } from '../../../shared/values.ts'
import { adminUsers, comments, threads, usedLinks } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { instanceSecret } from '../instance/instance-secret.ts'
import { sha256 } from '../readers/reader-links.ts'
import { findSite } from '../sites/get-site.ts'
import { moderateComment } from './moderate-comment.ts'

/** A held comment usually waits a day or two; a week covers a holiday weekend. */
export const MODERATION_LINK_TTL_MS = 7 * 86_400_000

interface LinkScope {
  commentId: number
  adminId: number
  action: EmailModerationAction
  /** Seconds since the epoch. */
  expires: number
}

const sign = (key: string, s: LinkScope) =>
  createHmac('sha256', key).update(`moderate:${s.commentId}:${s.adminId}:${s.action}:${s.expires}`).digest('base64url').slice(0, 32)

export async function moderationLinkToken(ctx: Ctx, input: { commentId: number; adminId: number; action: EmailModerationAction }): Promise<string> {
  const scope = { ...input, expires: Math.floor((ctx.clock().getTime() + MODERATION_LINK_TTL_MS) / 1000) }
  return `${scope.commentId}.${scope.adminId}.${scope.action}.${scope.expires}.${sign(await instanceSecret(ctx, 'moderation-link-key'), scope)}`
}

/** What the link does, on which comment, for whom; or why it does not work. */
export async function openModerationLink(ctx: Ctx, token: string) {
  const [c, a, action, e, mac] = token.split('.')
  const scope = { commentId: Number(c), adminId: Number(a), action: action as EmailModerationAction, expires: Number(e) }
  const expected = Buffer.from(sign(await instanceSecret(ctx, 'moderation-link-key'), scope))
  if (
    !EMAIL_MODERATION_ACTIONS.includes(scope.action) ||
    ![scope.commentId, scope.adminId, scope.expires].every(Number.isSafeInteger) ||
    !mac ||
    mac.length !== expected.length ||
    !timingSafeEqual(Buffer.from(mac), expected)
  ) {
    throw new DomainError('not_found', 'This link is not valid: copy the whole address from the email.')
  }
  if (scope.expires * 1000 <= ctx.clock().getTime()) {
    throw new DomainError('link_expired', 'This link has expired. Decide on the comment in the admin.')
  }
  const admin = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, scope.adminId) })
  if (!admin) throw new DomainError('not_found', 'This link belonged to an admin account that no longer exists.')
  const comment = await ctx.db.query.comments.findFirst({ where: eq(comments.id, scope.commentId) })
  if (!comment) throw new DomainError('not_found', 'This comment is not there any more.')
  const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.id, comment.threadId) }))!
  const site = await findSite(ctx, comment.siteId)
  const used = await ctx.db.query.usedLinks.findFirst({ where: eq(usedLinks.tokenHash, sha256(token)) })
  return {
    ...scope,
    used: Boolean(used),
    admin: { id: admin.id, name: admin.name },
    comment: { id: comment.id, authorName: comment.authorName, body: comment.body, status: comment.status },
    post: thread.title ?? thread.key,
    siteName: site?.name ?? comment.siteId,
  }
}

/** The button was pressed: the decision is made as the admin the mail went to, once. */
export async function actOnModerationLink(ctx: Ctx, token: string) {
  const link = await openModerationLink(ctx, token)
  if (link.used) throw new DomainError('conflict', 'This link was used already.')
  if (link.comment.status !== 'pending') {
    throw new DomainError(
      'conflict',
      `This comment was decided already: it is ${link.comment.status === 'published' ? 'published' : `marked ${link.comment.status}`}.`,
    )
  }
  const [spent] = await ctx.db
    .insert(usedLinks)
    .values({ tokenHash: sha256(token), usedAt: ctx.clock().toISOString(), expiresAt: new Date(link.expires * 1000).toISOString() })
    .onConflictDoNothing()
    .returning()
  if (!spent) throw new DomainError('conflict', 'This link was used already.')
  const done = await moderateComment(ctx, { id: link.commentId, action: link.action, actor: { kind: 'admin', id: link.adminId }, detail: { via: 'email' } })
  return { ...done, link }
}
