import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, lt } from 'drizzle-orm'
import type { Page } from '../../../shared/admin.ts'
import type { Delivery, NewWebhook, Webhook } from '../../../shared/shop.ts'
import type { OutboxStatus, WebhookEvent } from '../../../shared/values.ts'
import { outbox, webhooks } from '../../db/schema.ts'
import { assertPublicUrl } from '../../outbound/public-address.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { keysetPage } from '../keyset-page.ts'

/** The events column (comma-separated, written only from WebhookEvent values). */
const eventsOf = (column: string) => column.split(',') as WebhookEvent[]

/** A webhook URL as the audit log keeps it: scheme and host only, never a path or query that may carry a token. */
export const redactUrl = (url: string) => new URL(url).origin

/**
 * Adds a receiver. Its host must be, and resolve to, public addresses only
 * (checked again at every delivery), unless WEBHOOKS_ALLOW_PRIVATE: a webhook
 * is never a way into the server's own network.
 */
export async function addWebhook(ctx: Ctx, input: { siteId: string; url: string; events: WebhookEvent[]; actor: Actor }): Promise<NewWebhook> {
  if (!ctx.outbound?.allowPrivate) {
    try {
      await assertPublicUrl(input.url, ctx.outbound?.resolve)
    } catch {
      throw new DomainError('invalid_input', 'A webhook must go to a public address on the internet.', { url: 'not_public' })
    }
  }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const [[row]] = await ctx.db.batch([
    ctx.db
      .insert(webhooks)
      .values({ siteId: input.siteId, url: input.url, secret, events: [...new Set(input.events)].join(','), createdAt: ctx.clock().toISOString() })
      .returning(),
    auditEntry(ctx, { actor: input.actor, action: 'webhook.added', siteId: input.siteId, subject: redactUrl(input.url) }),
  ])
  return { id: row!.id, url: row!.url, events: eventsOf(row!.events), createdAt: row!.createdAt, secret }
}

export async function listWebhooks(ctx: Ctx, siteId: string): Promise<Webhook[]> {
  const rows = await ctx.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.siteId, siteId), isNull(webhooks.disabledAt)))
    .orderBy(desc(webhooks.id))
  return rows.map((w) => ({ id: w.id, url: w.url, events: eventsOf(w.events), createdAt: w.createdAt }))
}

export async function removeWebhook(ctx: Ctx, input: { siteId: string; id: number; actor: Actor }) {
  const [[row]] = await ctx.db.batch([
    ctx.db
      .update(webhooks)
      .set({ disabledAt: ctx.clock().toISOString() })
      .where(and(eq(webhooks.id, input.id), eq(webhooks.siteId, input.siteId), isNull(webhooks.disabledAt)))
      .returning(),
    auditEntry(ctx, { actor: input.actor, action: 'webhook.removed', siteId: input.siteId, subject: `webhook:${input.id}` }),
  ])
  if (!row) throw new DomainError('not_found', 'No such webhook.')
}

/** Deliveries, newest first: what was sent, what waits and why, what failed. */
export async function listDeliveries(ctx: Ctx, q: { site?: string; status?: OutboxStatus; cursor?: string; limit: number }): Promise<Page<Delivery>> {
  const rows = await ctx.db
    .select({
      id: outbox.id,
      siteId: outbox.siteId,
      channel: outbox.channel,
      event: outbox.event,
      target: outbox.target,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(
      and(
        q.site ? eq(outbox.siteId, q.site) : undefined,
        q.status ? eq(outbox.status, q.status) : undefined,
        q.cursor ? lt(outbox.id, Number(q.cursor)) : undefined,
      ),
    )
    .orderBy(desc(outbox.id))
    .limit(q.limit + 1)
  return keysetPage(rows, q.limit)
}

/** Sends a failed delivery again, now. */
export async function retryDelivery(ctx: Ctx, input: { id: number; actor: Actor }) {
  const at = ctx.clock().toISOString()
  const [row] = await ctx.db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lockedUntil: null })
    .where(and(eq(outbox.id, input.id), eq(outbox.status, 'failed')))
    .returning()
  if (!row) throw new DomainError('conflict', 'Only a failed delivery can be retried.')
  await auditEntry(ctx, { actor: input.actor, action: 'delivery.retried', siteId: row.siteId, subject: `delivery:${row.id}` })
}
