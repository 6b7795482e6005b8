/**
 * An outbox email row made into the mail to send, by its event. Rendered at
 * delivery from what the database says then: a reader who unsubscribed or
 * erased their data in the meantime gets nothing (NotToSend), and a link's
 * token, carried in the row's payload, is dropped once the mail is sent.
 */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { MailEvent } from '../../../shared/values.ts'
import { adminInvites, adminUsers, comments, rewards, sites, subscribers, threads } from '../../db/schema.ts'
import { inviteLink } from '../admin/invites.ts'
import type { Ctx } from '../context.ts'
import { knownPublicUrl } from '../instance/public-url.ts'
import { unsubscribeToken } from '../notifications/unsubscribe.ts'
import { siteOriginOf } from '../posts/resolve-post.ts'
import { sha256 } from '../readers/reader-links.ts'
import { findSite } from '../sites/get-site.ts'
import type { Mail } from './deliver-outbox.ts'
import { renderConfirmEmail, renderDataLinkEmail, renderDigestEmail, renderHeldEmail, renderInviteEmail, renderReplyEmail } from './notice-emails.ts'
import { renderRewardEmail } from './reward-email.ts'

/** The mail has no reason to go any more (revoked, unsubscribed, erased): the row is closed without sending. */
export class NotToSend extends Error {}

type Row = { siteId: string; event: string; target: string; subject: string; payload: string | null }

const idOf = (subject: string) => Number(subject.split(':')[1])

async function linkBase(ctx: Ctx) {
  return (ctx.publicUrl ?? (await knownPublicUrl(ctx)) ?? '').replace(/\/$/, '')
}

/** The post's address, only if it is on one of the site's own origins (never a reader's link). */
async function postOf(ctx: Ctx, threadId: number) {
  const thread = await ctx.db.query.threads.findFirst({ where: eq(threads.id, threadId) })
  return thread
}

export async function composeEmail(ctx: Ctx, row: Row): Promise<Omit<Mail, 'to'>> {
  const site = await findSite(ctx, row.siteId)
  const siteName = site?.name ?? row.siteId
  const base = await linkBase(ctx)
  const token = row.payload ? (JSON.parse(row.payload) as { token?: string }).token : undefined
  switch (row.event as MailEvent) {
    case 'reward.issued':
    case 'reward.resent': {
      const reward = await ctx.db.query.rewards.findFirst({ where: eq(rewards.id, idOf(row.subject)) })
      if (!reward?.code || reward.status === 'revoked' || !reward.email) throw new NotToSend('the reward is no longer issued')
      const comment = await ctx.db.query.comments.findFirst({ where: eq(comments.id, reward.commentId) })
      const thread = await postOf(ctx, reward.threadId)
      const postUrl = thread?.url && site && siteOriginOf(site, thread.url) ? thread.url : null
      const mail = renderRewardEmail({
        siteName,
        readerName: comment?.authorName ?? null,
        code: reward.code,
        label: reward.label,
        expiresAt: reward.expiresAt,
        postTitle: thread?.title ?? null,
        postUrl,
      })
      return { fromName: siteName, ...mail }
    }
    case 'subscription.confirm': {
      const sub = await ctx.db.query.subscribers.findFirst({ where: and(eq(subscribers.siteId, row.siteId), eq(subscribers.email, row.target)) })
      if (sub?.status !== 'pending' || !token) throw new NotToSend('nothing to confirm any more')
      const [last] = await ctx.db
        .select({ name: comments.authorName })
        .from(comments)
        .where(and(eq(comments.siteId, row.siteId), eq(comments.readerKey, sub.readerKey)))
        .orderBy(desc(comments.id))
        .limit(1)
      return { fromName: siteName, ...renderConfirmEmail({ siteName, readerName: last?.name ?? null, confirmUrl: `${base}/reader/confirm?t=${token}` }) }
    }
    case 'reply.notify': {
      const reply = await ctx.db.query.comments.findFirst({ where: eq(comments.id, idOf(row.subject)) })
      const parent = reply?.parentId ? await ctx.db.query.comments.findFirst({ where: eq(comments.id, reply.parentId) }) : undefined
      if (reply?.status !== 'published' || !parent?.notify) throw new NotToSend('the reply or the request for it is gone')
      const sub = await ctx.db.query.subscribers.findFirst({
        where: and(eq(subscribers.siteId, parent.siteId), eq(subscribers.readerKey, parent.readerKey), eq(subscribers.status, 'confirmed')),
      })
      if (!sub) throw new NotToSend('unsubscribed')
      const thread = await postOf(ctx, reply.threadId)
      const postUrl = thread?.url && site && siteOriginOf(site, thread.url) ? thread.url : null
      const stop = (threadId: number | null) => unsubscribeToken(ctx, { subscriberId: sub.id, threadId })
      const [stopPost, stopSite] = await Promise.all([stop(reply.threadId), stop(null)])
      return {
        fromName: siteName,
        ...renderReplyEmail({
          siteName,
          readerName: parent.authorName,
          replierName: reply.authorName,
          byAuthor: reply.adminUserId !== null,
          reply: reply.body,
          postTitle: thread?.title ?? null,
          commentUrl: postUrl ? `${postUrl}#inkind-c${reply.id}` : null,
          stopPostUrl: `${base}/reader/unsubscribe?t=${stopPost}`,
          stopSiteUrl: `${base}/reader/unsubscribe?t=${stopSite}`,
          oneClickUrl: `${base}/reader/unsubscribe?t=${stopSite}`,
        }),
      }
    }
    case 'reader.data-link': {
      if (!token) throw new NotToSend('the link was already sent')
      return { fromName: siteName, ...renderDataLinkEmail({ siteName, dataUrl: `${base}/reader/data?t=${token}` }) }
    }
    case 'comment.held': {
      const comment = await ctx.db.query.comments.findFirst({ where: eq(comments.id, idOf(row.subject)) })
      const admin = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.email, row.target) })
      if (comment?.status !== 'pending' || !admin?.notifyHeld) throw new NotToSend('already decided, or no longer wanted')
      const thread = await postOf(ctx, comment.threadId)
      return {
        fromName: 'Inkind',
        ...renderHeldEmail({
          siteName,
          authorName: comment.authorName,
          body: comment.body,
          postTitle: thread?.title ?? thread?.key ?? null,
          reviewUrl: `${base}/admin/comments?id=${comment.id}`,
        }),
      }
    }
    case 'digest': {
      const admin = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, idOf(row.subject)) })
      const period = row.payload ? (JSON.parse(row.payload) as { from: string; to: string }) : null
      if (!admin?.notifyDigest || !period) throw new NotToSend('the digest was turned off')
      const window = and(gt(comments.createdAt, period.from), sql`${comments.createdAt} <= ${period.to}`, isNull(comments.adminUserId))
      const [{ count } = { count: 0 }] = await ctx.db.select({ count: sql<number>`count(*)` }).from(comments).where(window)
      const latest = await ctx.db
        .select({
          id: comments.id,
          author: comments.authorName,
          body: comments.body,
          site: sites.name,
          post: sql<string>`coalesce(${threads.title}, ${threads.key})`,
        })
        .from(comments)
        .innerJoin(threads, eq(threads.id, comments.threadId))
        .innerJoin(sites, eq(sites.id, comments.siteId))
        .where(window)
        .orderBy(desc(comments.id))
        .limit(30)
      if (!count) throw new NotToSend('no new comments')
      return {
        fromName: 'Inkind',
        ...renderDigestEmail({
          count,
          lines: latest.map((l) => ({
            site: l.site,
            post: l.post,
            author: l.author,
            excerpt: l.body.length > 280 ? `${l.body.slice(0, 279)}…` : l.body,
            url: `${base}/admin/comments?id=${l.id}`,
          })),
          adminUrl: `${base}/admin/comments`,
        }),
      }
    }
    case 'admin.invite': {
      const invite = token ? await ctx.db.query.adminInvites.findFirst({ where: eq(adminInvites.tokenHash, sha256(token)) }) : undefined
      if (!invite || invite.expiresAt <= ctx.clock().toISOString()) throw new NotToSend('the invitation was used, cancelled or has expired')
      const inviter = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, invite.invitedBy) })
      return {
        fromName: 'Inkind',
        ...renderInviteEmail({
          inviter: inviter?.name && inviter.name !== inviter.email.split('@')[0] ? `${inviter.name} (${inviter.email})` : (inviter?.email ?? 'An owner'),
          role: invite.role,
          server: base,
          link: await inviteLink(ctx, token!),
          expiresAt: invite.expiresAt,
        }),
      }
    }
  }
  throw new NotToSend(`no mail for the event ${row.event}`)
}
