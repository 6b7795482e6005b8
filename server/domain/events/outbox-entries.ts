/**
 * Outbox rows as statements, to go into the batch of the event they report:
 * the event and its deliveries commit together or not at all. Each is a raw
 * statement (server/db/raw.ts), for a comment's own batch, and the same
 * statement for a drizzle batch.
 */
import type { SQL } from 'drizzle-orm'
import type { WebhookEvent } from '../../../shared/values.ts'
import { fromDrizzle, joinQ, type Q, q, toDrizzle } from '../../db/raw.ts'
import type { Ctx } from '../context.ts'

interface HookEntry {
  event: WebhookEvent
  subject: Q
  /** Gates the rows on what the batch did. */
  when?: Q
}

/**
 * One row per enabled webhook of the site that subscribes to the event, for
 * each event in order: every webhook's first event, then every webhook's
 * second. One statement however many events a batch reports, and next to
 * nothing for a site without webhooks: the webhooks are read first, and the
 * events (their subjects and conditions) only for a site that has one.
 */
export function rawWebhookEntries(at: string, siteId: string, entries: HookEntry[]): Q {
  const events = entries.map(
    (e, n) => q`select ${e.event} as event, ${n} as n, ${`%,${e.event},%`} as pattern, ${e.subject} as subject where ${e.when ?? q`1`}`,
  )
  return q`
    insert into outbox (site_id, channel, event, target, subject, status, attempts, next_attempt_at, created_at)
    select w.site_id, 'webhook', e.event, w.id, e.subject, 'pending', 0, ${at}, ${at}
    from webhooks w join (${joinQ(events, ' union all ')}) e on (',' || w.events || ',') like e.pattern
    where w.site_id = ${siteId} and w.disabled_at is null
    order by e.n, w.id`
}

/** One row per enabled webhook of the site that subscribes to the event; `when` gates it on what the batch did. */
export function webhookEntries(ctx: Ctx, e: { siteId: string; event: WebhookEvent; subject: SQL | string; when?: SQL }) {
  const entry = { event: e.event, subject: fromDrizzle(e.subject), when: e.when && fromDrizzle(e.when) }
  return ctx.db.run(toDrizzle(rawWebhookEntries(ctx.clock().toISOString(), e.siteId, [entry])))
}

/**
 * The reader's code by email, if the comment's reward was issued by this
 * batch: `issuedAt` is the timestamp the batch issued it with.
 */
export function rawRewardEmailEntry(e: { commentId: Q; issuedAt: string }): Q {
  const at = e.issuedAt
  return q`
    insert into outbox (site_id, channel, event, target, subject, status, attempts, next_attempt_at, created_at)
    select site_id, 'email', 'reward.issued', email, 'reward:' || id, 'pending', 0, ${at}, ${at}
    from rewards where comment_id = ${e.commentId} and status = 'issued' and issued_at = ${at}`
}

export function rewardEmailEntry(ctx: Ctx, e: { commentId: SQL; issuedAt: string }) {
  return ctx.db.run(toDrizzle(rawRewardEmailEntry({ commentId: fromDrizzle(e.commentId), issuedAt: e.issuedAt })))
}

/** The reward.issued webhook, if this batch issued the comment's reward (at `issuedAt`). */
export function rewardIssuedHook(e: { commentId: Q; issuedAt: string }): HookEntry {
  return {
    event: 'reward.issued',
    subject: q`'comment:' || ${e.commentId}`,
    when: q`exists (select 1 from rewards where comment_id = ${e.commentId} and status = 'issued' and issued_at = ${e.issuedAt})`,
  }
}

export function rewardIssuedEntries(ctx: Ctx, e: { siteId: string; commentId: SQL; issuedAt: string }) {
  const hook = rewardIssuedHook({ commentId: fromDrizzle(e.commentId), issuedAt: e.issuedAt })
  return ctx.db.run(toDrizzle(rawWebhookEntries(ctx.clock().toISOString(), e.siteId, [hook])))
}
