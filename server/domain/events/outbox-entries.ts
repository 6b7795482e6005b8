/**
 * Outbox rows as statements, to go into the batch of the event they report:
 * the event and its deliveries commit together or not at all.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { WebhookEvent } from '../../../shared/values.ts'
import type { Ctx } from '../context.ts'

/** One row per enabled webhook of the site that subscribes to the event; `when` gates it on what the batch did. */
export function webhookEntries(ctx: Ctx, e: { siteId: string; event: WebhookEvent; subject: SQL | string; when?: SQL }) {
  const at = ctx.clock().toISOString()
  return ctx.db.run(sql`
    insert into outbox (site_id, channel, event, target, subject, status, attempts, next_attempt_at, created_at)
    select site_id, 'webhook', ${e.event}, id, ${e.subject}, 'pending', 0, ${at}, ${at}
    from webhooks
    where site_id = ${e.siteId} and disabled_at is null and (',' || events || ',') like ${`%,${e.event},%`}
    ${e.when ? sql`and ${e.when}` : sql``}`)
}

/**
 * The reader's code by email, if the comment's reward was issued by this
 * batch: `issuedAt` is the timestamp the batch issued it with.
 */
export function rewardEmailEntry(ctx: Ctx, e: { commentId: SQL; issuedAt: string }) {
  const at = e.issuedAt
  return ctx.db.run(sql`
    insert into outbox (site_id, channel, event, target, subject, status, attempts, next_attempt_at, created_at)
    select site_id, 'email', 'reward.issued', email, 'reward:' || id, 'pending', 0, ${at}, ${at}
    from rewards where comment_id = ${e.commentId} and status = 'issued' and issued_at = ${at}`)
}

/** The reward.issued webhook, if this batch issued the comment's reward (at `issuedAt`). */
export function rewardIssuedEntries(ctx: Ctx, e: { siteId: string; commentId: SQL; issuedAt: string }) {
  const at = e.issuedAt
  return webhookEntries(ctx, {
    siteId: e.siteId,
    event: 'reward.issued',
    subject: sql`'comment:' || ${e.commentId}`,
    when: sql`exists (select 1 from rewards where comment_id = ${e.commentId} and status = 'issued' and issued_at = ${at})`,
  })
}
