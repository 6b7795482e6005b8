/**
 * The outbox's promises (README, "The shop side"): retries 5 s doubling to an
 * hour, 15 attempts, and a lease so two processes never send the same row at
 * once. A real receiver on loopback, a database file shared by two
 * connections, and time from the injected clock.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { openDb } from '../../db/client.ts'
import { outbox } from '../../db/schema.ts'
import { guardedFetch } from '../../outbound/guarded-fetch.ts'
import { SYSTEM } from '../audit/actor.ts'
import { createCaches } from '../caches.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { getSite } from '../sites/get-site.ts'
import { backoffMs, deliverDue, RETRY, type Transport } from './deliver-outbox.ts'
import { addWebhook } from './manage-webhooks.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** A webhook receiver on loopback; `answer` decides each request's fate (a status, or hold it until released). */
async function receiver(answer: (n: number, res: ServerResponse) => number | 'hold') {
  const hits: IncomingMessage['headers'][] = []
  const held: ServerResponse[] = []
  const server = createServer((req, res) => {
    hits.push(req.headers)
    req.resume()
    const a = answer(hits.length, res)
    if (a === 'hold') held.push(res)
    else res.writeHead(a).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanup.push(() => {
    for (const res of held) res.destroy()
    server.closeAllConnections()
    return new Promise((r) => server.close(r))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits, held }
}

const transport: Transport = { sendMail: null, fetch: guardedFetch({ allowPrivate: true }) }

/** A site with a webhook for comment.created and one comment: one outbox row, due now. */
async function oneDelivery(url: string) {
  const t = await testCtx({ file: true })
  cleanup.push(t.close)
  const ctx: Ctx = { ...t.ctx, canEmail: false, outbound: { allowPrivate: true } }
  await addSite(ctx)
  await addWebhook(ctx, { siteId: 'cpr', url, events: ['comment.created'], actor: SYSTEM })
  await postComment(ctx, { site: await getSite(ctx, 'cpr'), threadKey: '/p', comment: aComment(), ip: '192.0.2.1' })
  const rows = await ctx.db.select().from(outbox)
  expect(rows).toMatchObject([{ channel: 'webhook', event: 'comment.created', status: 'pending', attempts: 0 }])
  const row = async () => (await ctx.db.select().from(outbox).where(eq(outbox.id, rows[0]!.id)))[0]!
  return { ...t, ctx, row }
}

/** The delay before attempt n+1, without the ±20% jitter: 5 s doubling, capped at an hour. */
const nominal = (attempts: number) => Math.min(3_600_000, 5_000 * 2 ** (attempts - 1))

describe('backoff', () => {
  it('is 5 s after the first failure, doubling each time, never past an hour, with ±20% jitter', () => {
    expect(RETRY).toMatchObject({ baseMs: 5_000, capMs: 3_600_000, maxAttempts: 15 })
    for (let attempts = 1; attempts <= 20; attempts++) {
      for (let i = 0; i < 50; i++) {
        const ms = backoffMs(attempts)
        expect(ms, `attempt ${attempts}`).toBeGreaterThanOrEqual(nominal(attempts) * 0.8)
        expect(ms, `attempt ${attempts}`).toBeLessThanOrEqual(nominal(attempts) * 1.2)
      }
    }
    // The numbers the README states, for the record: 4–6 s, 8–12 s, and an hour from the 11th failure on.
    expect(nominal(1)).toBe(5_000)
    expect(nominal(2)).toBe(10_000)
    expect(nominal(10)).toBe(2_560_000)
    expect(nominal(11)).toBe(3_600_000)
  })

  it('follows the retry settings it is given (OUTBOX_RETRY_BASE_MS)', () => {
    const r = { ...RETRY, baseMs: 200 }
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, r)).toBeGreaterThanOrEqual(160)
      expect(backoffMs(1, r)).toBeLessThanOrEqual(240)
      expect(backoffMs(3, r)).toBeGreaterThanOrEqual(640)
      expect(backoffMs(3, r)).toBeLessThanOrEqual(960)
    }
  })
})

describe('a receiver that keeps failing', () => {
  it('is retried on that schedule, 15 attempts in all, then the delivery is failed and left alone', async () => {
    const rx = await receiver(() => 500)
    const { ctx, clock, row } = await oneDelivery(rx.url)
    for (let attempt = 1; attempt <= 15; attempt++) {
      expect(await deliverDue(ctx, transport), `attempt ${attempt}`).toBe(1)
      const r = await row()
      expect(r).toMatchObject({ attempts: attempt, status: attempt < 15 ? 'pending' : 'failed', lastError: 'HTTP 500', lockedUntil: null })
      const wait = new Date(r.nextAttemptAt).getTime() - clock().getTime()
      expect(wait, `after attempt ${attempt}`).toBeGreaterThanOrEqual(nominal(attempt) * 0.8)
      expect(wait, `after attempt ${attempt}`).toBeLessThanOrEqual(nominal(attempt) * 1.2)
      if (attempt === 15) break
      // Not a millisecond early…
      clock.advance(wait - 1)
      expect(await deliverDue(ctx, transport)).toBe(0)
      // …and due once its time comes.
      clock.advance(1)
    }
    expect(rx.hits).toHaveLength(15)
    clock.advance(30 * 86_400_000)
    expect(await deliverDue(ctx, transport)).toBe(0)
    expect(rx.hits).toHaveLength(15)
  })

  it('is sent once it answers, and not again', async () => {
    const rx = await receiver((n) => (n < 3 ? 503 : 204))
    const { ctx, clock, row } = await oneDelivery(rx.url)
    for (let i = 0; i < 3; i++) {
      expect(await deliverDue(ctx, transport)).toBe(1)
      clock.advance(3_600_000)
    }
    expect(await row()).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    expect(await deliverDue(ctx, transport)).toBe(0)
    // Every attempt carried the same delivery id, for the receiver to drop duplicates.
    expect(new Set(rx.hits.map((h) => h['inkind-delivery'])).size).toBe(1)
  })
})

describe('the lease', () => {
  it('lets two workers on one database send a due row once: the second skips what the first is sending', async () => {
    // The first call is held open by the receiver while the second worker runs.
    const rx = await receiver((n) => (n === 1 ? 'hold' : 204))
    const { ctx: a, url, row } = await oneDelivery(rx.url)
    const other = await openDb(url)
    cleanup.push(other.close)
    const b: Ctx = { ...a, db: other.db, caches: createCaches() }

    const first = deliverDue(a, transport)
    while (rx.held.length === 0) await new Promise((r) => setTimeout(r, 10))
    expect(await deliverDue(b, transport)).toBe(0)
    expect(rx.hits).toHaveLength(1)
    rx.held[0]!.writeHead(204).end()
    expect(await first).toBe(1)
    expect(await row()).toMatchObject({ status: 'sent', attempts: 1 })
    expect(await deliverDue(b, transport)).toBe(0)
    expect(rx.hits).toHaveLength(1)
  })

  it('passes after a minute: a row leased by a worker that died is sent by another', async () => {
    const rx = await receiver(() => 204)
    const { ctx, clock, row } = await oneDelivery(rx.url)
    // What a worker that leased the row and then died leaves behind.
    const leasedUntil = new Date(clock().getTime() + RETRY.leaseMs).toISOString()
    await ctx.db.update(outbox).set({ lockedUntil: leasedUntil })
    expect(await deliverDue(ctx, transport)).toBe(0)
    clock.advance(RETRY.leaseMs - 1)
    expect(await deliverDue(ctx, transport)).toBe(0)
    clock.advance(2)
    expect(await deliverDue(ctx, transport)).toBe(1)
    expect(await row()).toMatchObject({ status: 'sent' })
    expect(rx.hits).toHaveLength(1)
  })
})
