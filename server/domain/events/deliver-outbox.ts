/**
 * Delivers what the outbox holds: emails (composeEmail) and signed webhook calls.
 * Any number of server processes run this; a row is leased by one at a time
 * (an atomic UPDATE … RETURNING), retried with exponential backoff and
 * jitter up to a cap, and marked failed (visible in the admin, retryable
 * there) only after many attempts. Nothing is lost when the receiver is down
 * or a server restarts: the row stays in the database until it is sent.
 */
import { eq, sql } from 'drizzle-orm'
import { outbox, webhooks } from '../../db/schema.ts'
import { type OutboundFetch, outboundError } from '../../outbound/guarded-fetch.ts'
import type { Ctx } from '../context.ts'
import { composeEmail, NotToSend } from './compose-email.ts'
import { eventPayload } from './event-payload.ts'
import { signWebhook } from './sign-webhook.ts'

export interface Mail {
  to: string
  fromName: string
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. List-Unsubscribe on a notification. */
  headers?: Record<string, string>
}

export interface Transport {
  /** null when SMTP is not configured: email rows wait until it is. */
  sendMail: ((mail: Mail) => Promise<void>) | null
  fetch: OutboundFetch
}

export const RETRY = { baseMs: 5_000, capMs: 3_600_000, maxAttempts: 15, leaseMs: 60_000, timeoutMs: 10_000 }
type Retry = typeof RETRY
type Row = typeof outbox.$inferSelect

class Permanent extends Error {}
class HttpStatus extends Error {}

export function backoffMs(attempts: number, r: Retry = RETRY): number {
  const base = Math.min(r.capMs, r.baseMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

/** Leases and delivers up to `limit` due rows; returns how many it tried. */
export async function deliverDue(ctx: Ctx, transport: Transport, opts: { limit?: number; retry?: Retry } = {}): Promise<number> {
  const r = opts.retry ?? RETRY
  const now = ctx.clock()
  const at = now.toISOString()
  const lease = new Date(now.getTime() + r.leaseMs).toISOString()
  const due = await ctx.db
    .update(outbox)
    .set({ lockedUntil: lease })
    .where(
      sql`${outbox.id} in (select id from outbox where status = 'pending' and next_attempt_at <= ${at}
          and (locked_until is null or locked_until < ${at}) order by next_attempt_at limit ${opts.limit ?? 20})`,
    )
    .returning()
  await Promise.all(due.map((row) => deliverOne(ctx, transport, row, r)))
  return due.length
}

async function deliverOne(ctx: Ctx, transport: Transport, row: Row, r: Retry) {
  const attempts = row.attempts + 1
  try {
    if (row.channel === 'email') {
      if (!transport.sendMail) {
        // Not an attempt: the mail waits for SMTP to be configured.
        await ctx.db
          .update(outbox)
          .set({ lockedUntil: null, lastError: 'SMTP_URL is not configured', nextAttemptAt: new Date(ctx.clock().getTime() + 5 * 60_000).toISOString() })
          .where(eq(outbox.id, row.id))
        return
      }
      await transport.sendMail({ to: row.target, ...(await composeEmail(ctx, row)) })
    } else {
      await callWebhook(ctx, transport, row, r)
    }
    await ctx.db
      .update(outbox)
      // A mailed link's token leaves the database once the mail is out: only the mail has it.
      .set({
        status: 'sent',
        attempts,
        sentAt: ctx.clock().toISOString(),
        lockedUntil: null,
        lastError: null,
        ...(row.channel === 'email' && { payload: null }),
      })
      .where(eq(outbox.id, row.id))
  } catch (error) {
    const failed =
      error instanceof Permanent ||
      error instanceof NotToSend ||
      attempts >= r.maxAttempts ||
      (row.channel === 'webhook' && outboundError(error).startsWith('refused'))
    await ctx.db
      .update(outbox)
      .set({
        status: failed ? 'failed' : 'pending',
        attempts,
        lockedUntil: null,
        // Said without the network's details (which address, which port, refused or reset): the log is not a port scanner.
        // (SMTP is the operator's own server: its error is kept as said.)
        lastError:
          row.channel === 'email' || error instanceof Permanent || error instanceof NotToSend || error instanceof HttpStatus
            ? String((error as Error).message ?? error).slice(0, 500)
            : outboundError(error),
        nextAttemptAt: new Date(ctx.clock().getTime() + backoffMs(attempts, r)).toISOString(),
      })
      .where(eq(outbox.id, row.id))
  }
}

async function callWebhook(ctx: Ctx, transport: Transport, row: Row, r: Retry) {
  const hook = await ctx.db.query.webhooks.findFirst({ where: eq(webhooks.id, Number(row.target)) })
  if (!hook || hook.disabledAt) throw new Permanent('the webhook was removed')
  let body = row.payload
  if (!body) {
    body = JSON.stringify(await eventPayload(ctx, row))
    await ctx.db.update(outbox).set({ payload: body }).where(eq(outbox.id, row.id))
  }
  const res = await transport.fetch(hook.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Inkind-Webhook/1',
      'Inkind-Event': row.event,
      'Inkind-Delivery': `evt_${row.id}`,
      'Inkind-Signature': signWebhook(hook.secret, body, Math.floor(ctx.clock().getTime() / 1000)),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(r.timeoutMs),
  })
  await res.body?.cancel()
  if (res.status < 200 || res.status >= 300) throw new HttpStatus(`HTTP ${res.status}`)
}
