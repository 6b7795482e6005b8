/**
 * Unsubscribe links: one for the post a notification is about, one for the
 * whole site. Signed, not stored: a link in any mail ever sent keeps working,
 * and says nothing about the address it unsubscribes (a subscriber's row id
 * and a thread id, under an HMAC of this installation's key). RFC 8058
 * one-click: a POST to the link unsubscribes, a GET only shows a page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { comments, subscribers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { instanceSecret } from '../instance/instance-secret.ts'

export interface UnsubscribeScope {
  subscriberId: number
  /** The post's thread; null for every notification of the site. */
  threadId: number | null
}

const sign = (key: string, s: UnsubscribeScope) =>
  createHmac('sha256', key)
    .update(`unsubscribe:${s.subscriberId}:${s.threadId ?? 0}`)
    .digest('base64url')
    .slice(0, 32)

export async function unsubscribeToken(ctx: Ctx, scope: UnsubscribeScope): Promise<string> {
  return `${scope.subscriberId}.${scope.threadId ?? 0}.${sign(await instanceSecret(ctx, 'unsubscribe-key'), scope)}`
}

export async function readUnsubscribeToken(ctx: Ctx, token: string): Promise<UnsubscribeScope> {
  const [id, thread, mac] = token.split('.')
  const scope = { subscriberId: Number(id), threadId: Number(thread) || null }
  const expected = Buffer.from(sign(await instanceSecret(ctx, 'unsubscribe-key'), scope))
  const given = Buffer.from(mac ?? '')
  // Lengths compared in bytes: a 32-character token with one non-ASCII character is 33 bytes.
  if (!Number.isSafeInteger(scope.subscriberId) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError('not_found', 'This unsubscribe link is not valid.')
  }
  return scope
}

/** Stops the notifications the link names. Unsubscribing twice, or after the data was deleted, is fine. */
export async function unsubscribe(ctx: Ctx, scope: UnsubscribeScope): Promise<{ siteId: string | null; scope: 'thread' | 'site' }> {
  const sub = await ctx.db.query.subscribers.findFirst({ where: eq(subscribers.id, scope.subscriberId) })
  if (!sub) return { siteId: null, scope: scope.threadId ? 'thread' : 'site' }
  const mine = and(eq(comments.siteId, sub.siteId), eq(comments.readerKey, sub.readerKey))
  if (scope.threadId) {
    await ctx.db
      .update(comments)
      .set({ notify: false })
      .where(and(mine, eq(comments.threadId, scope.threadId)))
    return { siteId: sub.siteId, scope: 'thread' }
  }
  await ctx.db.batch([ctx.db.update(comments).set({ notify: false }).where(mine), ctx.db.delete(subscribers).where(eq(subscribers.id, sub.id))])
  return { siteId: sub.siteId, scope: 'site' }
}
