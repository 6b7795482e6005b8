/** Runs the outbox delivery in this process: a tick every second, never two at once; and the hourly sweep of old rows. */
import { createTransport } from 'nodemailer'
import type { Ctx } from './domain/context.ts'
import { deliverDue, RETRY, type Transport } from './domain/events/deliver-outbox.ts'
import { purgeExpired } from './domain/maintenance/purge-expired.ts'
import { log } from './log.ts'

export function smtpTransport(smtpUrl: string | undefined, from: string): Transport['sendMail'] {
  if (!smtpUrl) return null
  const smtp = createTransport(smtpUrl)
  return async (mail) => {
    // nodemailer encodes every header it writes, so a name or subject cannot inject a header (CRLF).
    await smtp.sendMail({
      from: { name: mail.fromName, address: from },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    })
  }
}

/** The sweep of old deliveries, sessions and counters runs this often (and once at start). */
const PURGE_EVERY_MS = 3_600_000

export function startOutboxWorker(ctx: Ctx, transport: Transport, opts: { retryBaseMs?: number; everyMs?: number } = {}) {
  const retry = { ...RETRY, baseMs: opts.retryBaseMs ?? RETRY.baseMs }
  let running: Promise<unknown> | null = null
  let purgedAt = 0
  const timer = setInterval(() => {
    if (running) return
    const purge = Date.now() - purgedAt > PURGE_EVERY_MS
    if (purge) purgedAt = Date.now()
    running = (purge ? purgeExpired(ctx) : Promise.resolve())
      .then(() => deliverDue(ctx, transport, { retry }))
      .catch((error) => log('error', 'outbox', { error: String(error) }))
      .finally(() => (running = null))
  }, opts.everyMs ?? 1000)
  timer.unref()
  return {
    /** Stops ticking and waits for the delivery under way. */
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
