/**
 * The mails a new comment can cause, as statements for the batch that
 * publishes or holds it (see events/outbox-entries.ts): a reply notification
 * to the author of the comment replied to, and a mail to each admin who
 * wants to hear of comments held for approval. Raw statements (a comment's
 * own batch), and the same for a drizzle batch.
 */
import type { SQL } from 'drizzle-orm'
import { fromDrizzle, type Q, q, toDrizzle } from '../../db/raw.ts'
import type { Ctx } from '../context.ts'

/** Reply notifications one address gets at most, an hour and a day: past that, the thread itself is where the replies are. */
export const REPLY_MAILS = { perHour: 5, perDay: 20 }

/**
 * To the parent's author, if they asked for replies (notify) from a
 * confirmed address, the reply is published, it is not their own, and the
 * address is under its hourly and daily number of notifications (however
 * many replies, threads or networks: nobody can flood a reader's inbox).
 */
export function rawReplyNotifyEntry(now: Date, e: { replyId: Q }): Q {
  const at = now.toISOString()
  const sent = (ms: number) =>
    q`(select count(*) from outbox o where o.target = s.email and o.event = 'reply.notify' and o.created_at > ${new Date(now.getTime() - ms).toISOString()})`
  return q`
    insert into outbox (site_id, channel, event, target, subject, status, attempts, next_attempt_at, created_at)
    select r.site_id, 'email', 'reply.notify', s.email, 'comment:' || r.id, 'pending', 0, ${at}, ${at}
    from comments r
    join comments p on p.id = r.parent_id
    join subscribers s on s.site_id = p.site_id and s.reader_key = p.reader_key and s.status = 'confirmed'
    where r.id = ${e.replyId} and r.status = 'published' and p.notify = 1 and p.status = 'published' and p.reader_key <> r.reader_key
      and ${sent(3_600_000)} < ${REPLY_MAILS.perHour} and ${sent(86_400_000)} < ${REPLY_MAILS.perDay}`
}

export function replyNotifyEntry(ctx: Ctx, e: { replyId: SQL }) {
  return ctx.db.run(toDrizzle(rawReplyNotifyEntry(ctx.clock(), { replyId: fromDrizzle(e.replyId) })))
}

/** To every admin who asked for it, if the comment is held for approval (spam is not: it waits in its own list). */
export function rawHeldCommentEntries(at: string, e: { commentId: Q }): Q {
  return q`
    insert into outbox (site_id, channel, event, target, subject, status, attempts, next_attempt_at, created_at)
    select c.site_id, 'email', 'comment.held', a.email, 'comment:' || c.id, 'pending', 0, ${at}, ${at}
    from comments c join admin_users a on a.notify_held = 1
    where c.id = ${e.commentId} and c.status = 'pending'`
}

export function heldCommentEntries(ctx: Ctx, e: { commentId: SQL }) {
  return ctx.db.run(toDrizzle(rawHeldCommentEntries(ctx.clock().toISOString(), { commentId: fromDrizzle(e.commentId) })))
}
