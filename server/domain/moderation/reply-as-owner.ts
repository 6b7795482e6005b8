/**
 * The blog's author answers a comment from the admin. The reply is published
 * at once under the admin's name and marked as theirs (adminUserId), which is
 * what the widget's "Author" badge shows: a reader cannot set it, whatever
 * name they type. It earns no reward, and notifies the comment's author like
 * any reply.
 */
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { namedBatch } from '../../db/named-batch.ts'
import { adminUsers, comments, threads } from '../../db/schema.ts'
import { bodyHash } from '../abuse/judge-comment.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import { publicComment } from '../comments/public-comment.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { webhookEntries } from '../events/outbox-entries.ts'
import { replyNotifyEntry } from '../notifications/notify-entries.ts'
import { getSite } from '../sites/get-site.ts'

export async function replyAsOwner(ctx: Ctx, input: { parentId: number; body: string; actor: Extract<Actor, { kind: 'admin' }> }) {
  const parent = await ctx.db.query.comments.findFirst({ where: eq(comments.id, input.parentId) })
  if (!parent) throw new DomainError('not_found', 'No such comment.')
  if (parent.status !== 'published') throw new DomainError('conflict', 'Only a published comment can be answered: approve it first.')
  const admin = (await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, input.actor.id) }))!
  // An admin who never chose a name has the part of their address before the @: readers see the blog's name instead.
  const name = admin.name === admin.email.split('@')[0] ? (await getSite(ctx, parent.siteId)).name : admin.name
  const at = ctx.clock().toISOString()
  const nonce = randomUUID()
  const replyId = sql`(select id from comments where nonce = ${nonce})`
  const results = await namedBatch(ctx.db, {
    reply: ctx.db
      .insert(comments)
      .values({
        siteId: parent.siteId,
        threadId: parent.threadId,
        parentId: parent.id,
        rootId: parent.rootId ?? parent.id,
        authorName: name,
        email: admin.email,
        // Never a reader's key: no reward, and never "the same reader" as anyone who comments.
        readerKey: `admin:${admin.id}`,
        body: input.body,
        status: 'published',
        bodyHash: bodyHash(input.body),
        nonce,
        adminUserId: admin.id,
        createdAt: at,
      })
      .returning(),
    thread: ctx.db
      .update(threads)
      .set({ commentCount: sql`${threads.commentCount} + 1`, revision: sql`${threads.revision} + 1` })
      .where(eq(threads.id, parent.threadId))
      .returning(),
    hook: webhookEntries(ctx, { siteId: parent.siteId, event: 'comment.created', subject: sql`'comment:' || ${replyId}` }),
    notify: ctx.canEmail ? replyNotifyEntry(ctx, { replyId }) : undefined,
    audit: auditEntry(ctx, { actor: input.actor, action: 'comment.reply', siteId: parent.siteId, subject: `comment:${parent.id}` }),
  })
  const [reply] = results.reply as (typeof comments.$inferSelect)[]
  const [thread] = results.thread as (typeof threads.$inferSelect)[]
  return { thread: { siteId: parent.siteId, key: thread!.key }, comment: publicComment(reply!) }
}
