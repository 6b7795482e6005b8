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
import { freePort } from '../../../tests/helpers/server.ts'
import { smtpServer } from '../../../tests/helpers/smtp.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { openDb } from '../../db/client.ts'
import { outbox, rewards } from '../../db/schema.ts'
import { guardedFetch } from '../../outbound/guarded-fetch.ts'
import { smtpTransport } from '../../outbox-worker.ts'
import { SYSTEM } from '../audit/actor.ts'
import { createCaches } from '../caches.ts'
import { redeemCode } from '../codes/change-code.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { addPosts } from '../posts/add-post.ts'
import { getSite } from '../sites/get-site.ts'
import { backoffMs, deliverDue, RETRY, type Transport } from './deliver-outbox.ts'
import { addWebhook, listWebhooks, removeWebhook } from './manage-webhooks.ts'
import { verifyWebhook } from './sign-webhook.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f()
})

/** A webhook receiver on loopback; `answer` decides each request's fate (a status, or hold it until released). */
async function receiver(answer: (n: number, res: ServerResponse) => number | 'hold') {
  const hits: IncomingMessage['headers'][] = []
  const bodies: string[] = []
  const held: ServerResponse[] = []
  const server = createServer((req, res) => {
    hits.push(req.headers)
    const n = hits.length
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      bodies[n - 1] = body
      const a = answer(n, res)
      if (a === 'hold') held.push(res)
      else res.writeHead(a, a >= 300 && a < 400 ? { location: 'http://127.0.0.1:9/elsewhere' } : {}).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanup.push(() => {
    for (const res of held) res.destroy()
    server.closeAllConnections()
    return new Promise((r) => server.close(r))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits, bodies, held }
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

/**
 * Rows that must not be mistaken for the event's own (the tests make another site first): two
 * comments held as spam (no reward) and another reader's reward on another
 * thread, so no comment id equals its reward's id and no first row is the
 * right one by chance.
 */
async function otherRows(ctx: Ctx) {
  const site = await getSite(ctx, 'cpr')
  for (const over of [{ website: 'http://spam.example' }, { website: 'http://spam.example' }, {}]) {
    await postComment(ctx, { site, threadKey: '/other', comment: aComment(over) as never, ip: '192.0.2.50' })
  }
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
    // The body stays with the sent row: it is what the receiver got (a mail's link token is what leaves, below).
    expect(await row()).toMatchObject({ status: 'sent', attempts: 3, lastError: null, payload: rx.bodies[0] })
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

describe('what a webhook call is', () => {
  it('a signed POST of the event, with its delivery id; the body is fixed at the first attempt and every retry sends it again', async () => {
    const rx = await receiver((n) => (n === 1 ? 500 : 204))
    const t = await testCtx({ file: true })
    cleanup.push(t.close)
    const ctx: Ctx = { ...t.ctx, canEmail: false, outbound: { allowPrivate: true } }
    await addSite(ctx, 'alpha', { name: 'Alpha Blog' })
    await addSite(ctx)
    await otherRows(ctx)
    const hook = await addWebhook(ctx, { siteId: 'cpr', url: rx.url, events: ['reward.issued'], actor: SYSTEM })
    const { comment, reward } = await postComment(ctx, {
      site: await getSite(ctx, 'cpr'),
      threadKey: '/p',
      comment: aComment({ authorName: 'Ann Lee', email: 'Ann@Example.com' }) as never,
      ip: '192.0.2.1',
    })
    const code = (reward as { code: string }).code
    const [row] = await ctx.db.select().from(outbox)
    expect(row).toMatchObject({ event: 'reward.issued', payload: null })

    expect(await deliverDue(ctx, transport)).toBe(1)
    const [h] = rx.hits
    expect(h).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Inkind-Webhook/1',
      'inkind-event': 'reward.issued',
      'inkind-delivery': `evt_${row!.id}`,
    })
    const seconds = Math.floor(t.clock().getTime() / 1000)
    expect(verifyWebhook(hook.secret, rx.bodies[0]!, h!['inkind-signature'] as string, seconds)).toBe(true)
    expect(JSON.parse(rx.bodies[0]!)).toEqual({
      id: `evt_${row!.id}`,
      type: 'reward.issued',
      site: { id: 'cpr', name: 'CPR Blog' },
      createdAt: row!.createdAt,
      data: {
        thread: { key: '/p', title: null, url: null },
        reward: {
          code,
          label: '10% off',
          status: 'issued',
          email: 'Ann@Example.com',
          readerName: 'Ann Lee',
          commentId: comment.id,
          issuedAt: '2026-11-26T10:00:00.000Z',
          expiresAt: '2026-12-26T10:00:00.000Z',
          redeemedAt: null,
          orderRef: null,
          orderTotal: null,
          orderCurrency: null,
        },
      },
    })
    // The reward changes before the retry; the retry still sends what the event was, signed at its own time.
    await ctx.db.update(rewards).set({ status: 'revoked' })
    t.clock.advance(3_600_000)
    expect(await deliverDue(ctx, transport)).toBe(1)
    expect(rx.bodies[1]).toBe(rx.bodies[0])
    const later = Math.floor(t.clock().getTime() / 1000)
    expect(verifyWebhook(hook.secret, rx.bodies[1]!, rx.hits[1]!['inkind-signature'] as string, later)).toBe(true)
    expect(verifyWebhook(hook.secret, rx.bodies[1]!, rx.hits[0]!['inkind-signature'] as string, later)).toBe(false)
  })

  it('for comment.created carries the comment and no reward; for code.redeemed the redemption', async () => {
    const rx = await receiver(() => 204)
    const t = await testCtx({ file: true })
    cleanup.push(t.close)
    const ctx: Ctx = { ...t.ctx, canEmail: false, outbound: { allowPrivate: true } }
    await addSite(ctx, 'alpha', { name: 'Alpha Blog' })
    await addSite(ctx)
    await otherRows(ctx)
    await addWebhook(ctx, { siteId: 'cpr', url: rx.url, events: ['comment.created', 'code.redeemed'], actor: SYSTEM })
    const site = await getSite(ctx, 'cpr')
    const { comment, reward } = await postComment(ctx, {
      site,
      threadKey: '/p',
      comment: aComment({ body: 'Well said.', email: 'ann@example.com' }) as never,
      ip: '192.0.2.1',
    })
    // Her own reply earns nothing more: a comment.created without a reward of its own.
    const reply = await postComment(ctx, {
      site,
      threadKey: '/p',
      comment: aComment({ parentId: comment.id, email: 'ann@example.com' }) as never,
      ip: '192.0.2.2',
    })
    expect(reply.reward).toMatchObject({ status: 'already' })
    await redeemCode(ctx, { code: (reward as { code: string }).code, siteId: 'cpr', actor: { kind: 'shop', keyId: 1 }, orderRef: '#1001' })
    expect(await deliverDue(ctx, transport)).toBe(3)
    const events = rx.bodies.map((b) => JSON.parse(b)).sort((a, b) => a.id.localeCompare(b.id))
    expect(events.map((e) => e.type)).toEqual(['comment.created', 'comment.created', 'code.redeemed'])
    expect(events[0].data).toEqual({
      thread: { key: '/p', title: null, url: null },
      comment: { id: comment.id, parentId: null, authorName: comment.authorName, body: 'Well said.', status: 'published', createdAt: comment.createdAt },
    })
    expect(events[1].data.comment).toMatchObject({ id: reply.comment.id, parentId: comment.id })
    expect(events[2].data.comment).toBeUndefined()
    expect(events[2].data.thread).toEqual({ key: '/p', title: null, url: null })
    expect(events[2].data.reward).toMatchObject({
      code: (reward as { code: string }).code,
      status: 'redeemed',
      orderRef: '#1001',
      redeemedAt: '2026-11-26T10:00:00.000Z',
      commentId: comment.id,
      readerName: comment.authorName,
    })
  })

  it('goes to the webhook that asked for the event, signed with that webhook’s secret', async () => {
    const comments = await receiver(() => 204)
    const issued = await receiver(() => 204)
    const t = await testCtx({ file: true })
    cleanup.push(t.close)
    const ctx: Ctx = { ...t.ctx, canEmail: false, outbound: { allowPrivate: true } }
    await addSite(ctx)
    const a = await addWebhook(ctx, { siteId: 'cpr', url: comments.url, events: ['comment.created'], actor: SYSTEM })
    const b = await addWebhook(ctx, { siteId: 'cpr', url: issued.url, events: ['reward.issued'], actor: SYSTEM })
    await postComment(ctx, { site: await getSite(ctx, 'cpr'), threadKey: '/p', comment: aComment() as never, ip: '192.0.2.1' })
    expect(await deliverDue(ctx, transport)).toBe(2)
    expect(comments.hits.map((h) => h['inkind-event'])).toEqual(['comment.created'])
    expect(issued.hits.map((h) => h['inkind-event'])).toEqual(['reward.issued'])
    const seconds = Math.floor(t.clock().getTime() / 1000)
    expect(verifyWebhook(a.secret, comments.bodies[0]!, comments.hits[0]!['inkind-signature'] as string, seconds)).toBe(true)
    expect(verifyWebhook(b.secret, issued.bodies[0]!, issued.hits[0]!['inkind-signature'] as string, seconds)).toBe(true)
    expect(verifyWebhook(b.secret, comments.bodies[0]!, comments.hits[0]!['inkind-signature'] as string, seconds)).toBe(false)
  })

  it('counts only a 2xx as delivered: a redirect is not followed, and 300 is a failure', async () => {
    for (const [status, outcome] of [
      [200, 'sent'],
      [299, 'sent'],
      [300, 'pending'],
      [302, 'pending'],
      [404, 'pending'],
    ] as const) {
      const rx = await receiver(() => status)
      const { ctx, row } = await oneDelivery(rx.url)
      expect(await deliverDue(ctx, transport)).toBe(1)
      expect(await row(), String(status)).toMatchObject({ status: outcome, attempts: 1, lastError: outcome === 'sent' ? null : `HTTP ${status}` })
      expect(rx.hits, String(status)).toHaveLength(1)
    }
  })
})

describe('a delivery that cannot succeed', () => {
  it('fails at once when its webhook was removed, without calling it', async () => {
    const rx = await receiver(() => 204)
    const { ctx, row } = await oneDelivery(rx.url)
    const [hook] = await listWebhooks(ctx, 'cpr')
    await removeWebhook(ctx, { siteId: 'cpr', id: hook!.id, actor: SYSTEM })
    expect(await deliverDue(ctx, transport)).toBe(1)
    expect(await row()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the webhook was removed' })
    expect(rx.hits).toHaveLength(0)
  })

  it('fails at once when the address is refused as private, and says only that', async () => {
    const rx = await receiver(() => 204)
    const { ctx, row } = await oneDelivery(rx.url)
    const guarded: Transport = { sendMail: null, fetch: guardedFetch({ allowPrivate: false }) }
    expect(await deliverDue(ctx, guarded)).toBe(1)
    expect(await row()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'refused: not a public address' })
    expect(rx.hits).toHaveLength(0)
  })

  it('is retried when nothing answers, with an error that names no address or port', async () => {
    const rx = await receiver(() => 204)
    const { ctx, row } = await oneDelivery(rx.url)
    // The receiver goes away: the port refuses connections.
    await cleanup.shift()!()
    expect(await deliverDue(ctx, transport)).toBe(1)
    const r = await row()
    expect(r).toMatchObject({ status: 'pending', attempts: 1, lastError: 'could not connect' })
    expect(r.lastError).not.toMatch(/127\.0\.0\.1|\d{4,5}|ECONN/)
  })
})

describe('a reward email', () => {
  /** A site whose reader earned a code: one email row (reward.issued) and no webhook. */
  async function oneMail() {
    const t = await testCtx({ file: true })
    cleanup.push(t.close)
    await addSite(t.ctx)
    const { reward } = await postComment(t.ctx, {
      site: await getSite(t.ctx, 'cpr'),
      threadKey: '/p',
      comment: aComment({ authorName: 'Ann Lee', email: 'ann@example.com' }) as never,
      ip: '192.0.2.1',
    })
    const rows = await t.ctx.db.select().from(outbox)
    expect(rows).toMatchObject([{ channel: 'email', event: 'reward.issued', target: 'ann@example.com', status: 'pending' }])
    const row = async () => (await t.ctx.db.select().from(outbox).where(eq(outbox.id, rows[0]!.id)))[0]!
    return { ...t, row, code: (reward as { code: string }).code }
  }

  it('goes out over SMTP with the reader’s code, and is sent once', async () => {
    const mailbox = await smtpServer()
    cleanup.push(mailbox.stop)
    const { ctx, row, code } = await oneMail()
    const smtp: Transport = { sendMail: smtpTransport(mailbox.url, 'inkind@blog.example'), fetch: transport.fetch }
    expect(await deliverDue(ctx, smtp)).toBe(1)
    expect(await row()).toMatchObject({ status: 'sent', attempts: 1, lastError: null, lockedUntil: null })
    expect(mailbox.mails).toHaveLength(1)
    expect(mailbox.texts()[0]).toContain('To: ann@example.com')
    expect(mailbox.texts()[0]).toContain(code)
    expect(await deliverDue(ctx, smtp)).toBe(0)
    expect(mailbox.mails).toHaveLength(1)
  })

  it('greets the reader and names the post by what the owner’s side says, linking only to the site’s own origins', async () => {
    const mailbox = await smtpServer()
    cleanup.push(mailbox.stop)
    const t = await testCtx({ file: true })
    cleanup.push(t.close)
    await addSite(t.ctx, 'cpr', { posts: { check: 'listed' } })
    await addPosts(t.ctx, {
      siteId: 'cpr',
      actor: SYSTEM,
      posts: [
        { path: '/elsewhere', title: 'Moved away', url: 'https://elsewhere.example/moved' },
        { path: '/p', title: 'Give first', url: 'https://blog.example/p' },
      ],
    })
    const site = await getSite(t.ctx, 'cpr')
    const earn = async (threadKey: string, authorName: string, email: string) =>
      ((await postComment(t.ctx, { site, threadKey, comment: aComment({ authorName, email }) as never, ip: '192.0.2.1' })).reward as { code: string }).code
    const bobs = await earn('/elsewhere', 'Bob', 'bob@example.com')
    const anns = await earn('/p', 'Ann Lee', 'ann@example.com')
    const smtp: Transport = { sendMail: smtpTransport(mailbox.url, 'inkind@blog.example'), fetch: transport.fetch }
    expect(await deliverDue(t.ctx, smtp)).toBe(2)
    const mail = (to: string) => mailbox.texts().find((m) => m.includes(`To: ${to}`))!
    const ann = mail('ann@example.com')
    expect(ann).toMatch(/^From: "?CPR Blog"? <inkind@blog\.example>/m)
    expect(ann).toContain('Hello Ann Lee,')
    expect(ann).toContain('Give first')
    expect(ann).toContain('The post: https://blog.example/p')
    expect(ann).toContain(anns)
    expect(ann).not.toContain(bobs)
    const bob = mail('bob@example.com')
    expect(bob).toContain('Hello Bob,')
    expect(bob).toContain('Moved away')
    expect(bob).toContain(bobs)
    expect(bob).not.toContain('elsewhere.example')
    expect(bob).not.toContain('The post:')
  })

  it('takes a mailed link’s token out of the database once the mail is out: only the reader’s mailbox has it', async () => {
    const mailbox = await smtpServer()
    cleanup.push(mailbox.stop)
    const t = await testCtx({ file: true })
    cleanup.push(t.close)
    await addSite(t.ctx)
    await postComment(t.ctx, {
      site: await getSite(t.ctx, 'cpr'),
      threadKey: '/p',
      comment: aComment({ email: 'ann@example.com', notify: true }) as never,
      ip: '192.0.2.1',
    })
    const [confirm] = await t.ctx.db.select().from(outbox).where(eq(outbox.event, 'subscription.confirm'))
    const { token } = JSON.parse(confirm!.payload!)
    const smtp: Transport = { sendMail: smtpTransport(mailbox.url, 'inkind@blog.example'), fetch: transport.fetch }
    expect(await deliverDue({ ...t.ctx, publicUrl: 'https://comments.example' }, smtp)).toBe(2)
    const sent = mailbox.texts().find((m) => m.includes('Confirm reply notifications'))!
    // (Quoted-printable: the link's "=" travels as "=3D".)
    expect(sent.replaceAll('=3D', '=')).toContain(`https://comments.example/reader/confirm?t=${token}`)
    expect((await t.ctx.db.select().from(outbox).where(eq(outbox.id, confirm!.id)))[0]).toMatchObject({ status: 'sent', payload: null })
  })

  it('waits for SMTP to be configured without spending an attempt', async () => {
    const { ctx, row, clock } = await oneMail()
    expect(await deliverDue(ctx, transport)).toBe(1)
    const r = await row()
    expect(r).toMatchObject({ status: 'pending', attempts: 0, lastError: 'SMTP_URL is not configured', lockedUntil: null })
    expect(new Date(r.nextAttemptAt).getTime() - clock().getTime()).toBe(5 * 60_000)
  })

  it('is not sent once its code was revoked: failed at once', async () => {
    const mailbox = await smtpServer()
    cleanup.push(mailbox.stop)
    const { ctx, row } = await oneMail()
    await ctx.db.update(rewards).set({ status: 'revoked' })
    const smtp: Transport = { sendMail: smtpTransport(mailbox.url, 'inkind@blog.example'), fetch: transport.fetch }
    expect(await deliverDue(ctx, smtp)).toBe(1)
    expect(await row()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the reward is no longer issued' })
    expect(mailbox.mails).toHaveLength(0)
  })

  it('is retried when the SMTP server is down, keeping its error as said (the operator’s own server)', async () => {
    const { ctx, row } = await oneMail()
    const smtp: Transport = { sendMail: smtpTransport(`smtp://127.0.0.1:${await freePort()}`, 'inkind@blog.example'), fetch: transport.fetch }
    expect(await deliverDue(ctx, smtp)).toBe(1)
    const r = await row()
    expect(r).toMatchObject({ status: 'pending', attempts: 1 })
    expect(r.lastError).toMatch(/ECONNREFUSED/)
  })
})
