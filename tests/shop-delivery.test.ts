/**
 * The shop side with real parts: a local SMTP server receives the reader's
 * code; a local webhook receiver gets signed events even though it was down
 * and Inkind restarted meanwhile; redemptions and pool draws hold under
 * concurrency across two server processes sharing one database file.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { SITE_TTL_MS } from '../server/domain/caches.ts'
import { verifyWebhook } from '../server/domain/events/sign-webhook.ts'
import { adminSession, freePort, listDemoPosts, OWNER, postDemoComment, startServer } from './helpers/server.ts'

const running: { stop: () => Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()))
})

async function server(env: Record<string, string> = {}) {
  const s = await startServer({ ...OWNER, ...env })
  running.push(s)
  return s
}

const demoSettings = async (admin: Awaited<ReturnType<typeof adminSession>>, reward: Record<string, unknown>) => {
  const site = await admin<Record<string, unknown>>('GET', '/sites/demo')
  const { id: _, ...settings } = site
  await admin('PUT', '/sites/demo', { ...settings, reward: { ...(site.reward as object), ...reward } })
}

function until<T>(probe: () => T | undefined, ms = 15_000): Promise<T> {
  const start = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      const v = probe()
      if (v !== undefined) return resolve(v)
      if (Date.now() - start > ms) return reject(new Error('timed out waiting'))
      setTimeout(tick, 50)
    }
    tick()
  })
}

describe('email delivery', () => {
  it('sends the code only by email when the site says so, as a well-formed message', async () => {
    const mails: string[] = []
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, done) {
        let raw = ''
        stream.on('data', (d: Buffer) => (raw += d.toString()))
        stream.on('end', () => {
          mails.push(raw)
          done()
        })
      },
    })
    const port = await freePort()
    await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r))
    running.push({ stop: () => new Promise((r) => smtp.close(() => r())) })

    const s = await server({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'shop@northwind.example' })
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await demoSettings(admin, { delivery: 'email' })
    const { body } = await postDemoComment(s.url, '/blog/reciprocity', {
      authorName: 'Mia\r\nBcc: victim@example.com',
      email: 'mia@example.com',
      body: 'Lovely.',
      title: 'Networking and the art of reciprocity',
    })
    expect(body.reward).toEqual({ status: 'sent', label: '10% off your next order' })
    expect(JSON.stringify(body)).not.toMatch(/THANKS-/)

    const raw = await until(() => mails[0])
    const [headers, ...rest] = raw.split('\r\n\r\n')
    expect(headers).toMatch(/^To: mia@example\.com$/m)
    expect(headers).toMatch(/^From: Northwind Consulting <shop@northwind\.example>$/m)
    expect(headers).toMatch(/^Subject: Your code for 10% off your next order from Northwind Consulting$/m)
    expect(headers).not.toMatch(/^Bcc:/im)
    expect(headers).toMatch(/multipart\/alternative/)
    const codes = await admin<{ items: { code: string; email: string }[] }>('GET', '/codes?q=mia%40example.com')
    expect(rest.join('\n')).toContain(codes.items[0]!.code)
    const deliveries = await admin<{ items: { channel: string; status: string }[] }>('GET', '/deliveries?site=demo')
    expect(deliveries.items).toEqual([expect.objectContaining({ channel: 'email', status: 'sent' })])
  })
})

describe('webhooks', () => {
  it('arrive signed, even after the receiver was down and Inkind restarted', async () => {
    const port = await freePort()
    const received: { headers: IncomingMessage['headers']; body: string }[] = []
    const receiver: Server = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(204).end()
      })
    })

    const first = await server({ OUTBOX_RETRY_BASE_MS: '200', WEBHOOKS_ALLOW_PRIVATE: '1' })
    const admin = await adminSession(first.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    const hook = await admin<{ secret: string }>('POST', '/sites/demo/webhooks', {
      url: `http://127.0.0.1:${port}/hooks`,
      events: ['comment.created', 'reward.issued', 'code.redeemed'],
    })
    const { key } = await admin<{ key: string }>('POST', '/sites/demo/api-keys', { name: 'Checkout' })

    // The receiver is down: the events wait in the outbox and are retried.
    const { body } = await postDemoComment(first.url, '/blog/reciprocity', { authorName: 'Noor', email: 'noor@example.com', body: 'Give first.' })
    const code = body.reward!.code!
    type Delivery = { status: string; attempts: number; lastError: string }
    let waiting: Delivery[] = []
    for (let i = 0; i < 100 && !(waiting.length === 2 && waiting.every((d) => d.attempts >= 2)); i++) {
      await new Promise((r) => setTimeout(r, 100))
      waiting = (await admin<{ items: Delivery[] }>('GET', '/deliveries?site=demo')).items
    }
    expect(waiting).toHaveLength(2)
    expect(waiting.every((d) => d.status === 'pending' && d.attempts >= 2 && d.lastError)).toBe(true)

    // Inkind restarts on the same database; then the receiver comes up.
    await first.stop()
    running.splice(running.indexOf(first), 1)
    const second = await server({ OUTBOX_RETRY_BASE_MS: '200', WEBHOOKS_ALLOW_PRIVATE: '1', DATABASE_URL: first.databaseUrl })
    await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r))
    running.push({ stop: () => new Promise((r) => receiver.close(() => r())) })

    const redeemed = await fetch(`${second.url}/api/v1/codes/${code}/redeem`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderRef: 'order-1' }),
    })
    expect(redeemed.status).toBe(200)

    await until(() => (received.length >= 3 ? true : undefined), 20_000)
    const events = received.map((r) => JSON.parse(r.body))
    expect(events.map((e) => e.type).sort()).toEqual(['code.redeemed', 'comment.created', 'reward.issued'])
    for (const r of received) {
      expect(verifyWebhook(hook.secret, r.body, String(r.headers['inkind-signature']), Math.floor(Date.now() / 1000))).toBe(true)
      expect(verifyWebhook(hook.secret, r.body.replace('Noor', 'Eve'), String(r.headers['inkind-signature']), Math.floor(Date.now() / 1000))).toBe(false)
    }
    const issued = events.find((e) => e.type === 'reward.issued')
    expect(issued.data.reward).toMatchObject({ code, email: 'noor@example.com', readerName: 'Noor' })
    expect(events.find((e) => e.type === 'code.redeemed').data.reward).toMatchObject({ code, orderRef: 'order-1', status: 'redeemed' })
    expect(events.find((e) => e.type === 'comment.created').data.comment).toMatchObject({ authorName: 'Noor', body: 'Give first.' })
  })
})

describe('across two server processes on one database', () => {
  async function twoServers() {
    const a = await server()
    const b = await server({ DATABASE_URL: a.databaseUrl })
    return [a, b] as const
  }

  it('30 concurrent redemptions of one code give exactly one success', async () => {
    const [a, b] = await twoServers()
    const admin = await adminSession(a.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    const { key } = await admin<{ key: string }>('POST', '/sites/demo/api-keys', { name: 'Checkout' })
    const { body } = await postDemoComment(a.url, '/blog/reciprocity', { authorName: 'Kai', email: 'kai@example.com', body: 'Hi' })
    const code = body.reward!.code!
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${(i % 2 ? a : b).url}/api/v1/codes/${code}/redeem`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ orderRef: `order-${i}` }),
        }).then((r) => r.status),
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(29)
  })

  it('an imported pool is handed out exactly once each under concurrency', async () => {
    const [a, b] = await twoServers()
    const admin = await adminSession(a.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await demoSettings(admin, { kind: 'pool' })
    const codes = Array.from({ length: 40 }, (_, i) => `POOL-${String(i).padStart(4, '0')}`)
    await admin('POST', '/sites/demo/code-pool', { csv: `Code\n${codes.join('\n')}\n` })
    await listDemoPosts(a, ['/post-0', '/post-1', '/post-2', '/post-3'])
    // The other process sees the new settings once its cached copy expires (SITE_TTL_MS).
    await new Promise((r) => setTimeout(r, SITE_TTL_MS))
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        postDemoComment((i % 2 ? a : b).url, `/post-${i % 4}`, { authorName: `R${i}`, email: `r${i}@gmail.com`, body: `Hello from ${i}` }),
      ),
    )
    const issued = answers.filter((x) => x.body.reward?.status === 'issued').map((x) => x.body.reward!.code)
    expect(issued).toHaveLength(40)
    expect(new Set(issued)).toEqual(new Set(codes))
    expect(answers.filter((x) => x.body.reward?.status === 'pending')).toHaveLength(20)
    expect(await admin('GET', '/sites/demo/code-pool')).toEqual({ available: 0, handedOut: 40, waiting: 20 })
  })
})
