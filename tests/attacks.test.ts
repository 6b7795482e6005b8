/**
 * The outside attack of issue "reward farming and denial of service", replayed
 * against a real server over real HTTP with default settings: one test per
 * attack that worked before, each asserting what stops it now.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import autocannon from 'autocannon'
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'
import { adminSession, freePort, OWNER, postDemoComment, type RunningServer, startServer } from './helpers/server.ts'

const running: { stop: () => Promise<unknown> }[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()))
})
async function server(env: Record<string, string> = {}) {
  const s = await startServer({ ...OWNER, ...env })
  running.push(s)
  return s
}

/** The server process's resident memory, as the kernel counts it. */
function rssMb(s: RunningServer): number {
  const status = readFileSync(`/proc/${s.process.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

type Settings = { origins: string[]; reward: Record<string, unknown>; antiAbuse: Record<string, unknown> } & Record<string, unknown>
const demoSettings = async (admin: Awaited<ReturnType<typeof adminSession>>, change: (s: Settings) => Record<string, unknown>) => {
  const { id: _, ...site } = await admin<Settings>('GET', '/sites/demo')
  await admin('PUT', '/sites/demo', change(site))
}

const login = (url: string, body: { email: string; password: string }, ip: string, cookie = '') =>
  fetch(`${url}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': ip, ...(cookie && { cookie }) },
    body: JSON.stringify(body),
  })

describe('1. memory: a flood of distinct cursors and thread keys', () => {
  it('leaves the process alive with RSS under 150 MB after 200,000 requests', { timeout: 300_000 }, async () => {
    const s = await server({ LOG_REQUESTS: '0' })
    // A thread with comments, so its pages are cached.
    for (let i = 0; i < 3; i++) await postDemoComment(s.url, '/blog/reciprocity', { authorName: `R${i}`, email: `flood${i}@gmail.com`, body: `Comment ${i}` })
    let peak = rssMb(s)
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(s))), 250)
    let n = 0
    const result = await autocannon({
      url: s.url,
      connections: 64,
      amount: 200_000,
      requests: [
        {
          setupRequest: (req) => {
            n++
            // Half distinct cursors on a real thread, half made-up thread keys, each with its own cursor.
            const path =
              n % 2
                ? `/api/v1/sites/demo/threads/%2Fblog%2Freciprocity/comments?cursor=${n}`
                : `/api/v1/sites/demo/threads/%2Fno-such-thread-${n}/comments?cursor=${n}`
            return { ...req, path }
          },
        },
      ],
    })
    clearInterval(sampler)
    peak = Math.max(peak, rssMb(s))
    console.log(
      `flood: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, non-2xx ${result.non2xx}, peak RSS ${peak.toFixed(0)} MB`,
    )
    expect(result.requests.total).toBeGreaterThanOrEqual(200_000)
    expect(s.process.exitCode).toBeNull()
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
    // Peaks of 137 MB measured on 27 Nov 2026 (150–152 before request ids left AsyncLocalStorage and log lines were batched).
    expect(peak).toBeLessThan(150)
    // A cursor that is not one is refused before anything is cached.
    const bad = await fetch(`${s.url}/api/v1/sites/demo/threads/%2Fblog%2Freciprocity/comments?cursor=${'9'.repeat(40)}`)
    expect(bad.status).toBe(400)
  })
})

describe('2. one thread per real post', () => {
  it('gives ten spellings of a post and made-up posts one code, with a reward per post', async () => {
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await demoSettings(admin, (site) => ({ ...site, reward: { ...site.reward, scope: 'thread' } }))
    const variants = [
      '/blog/reciprocity',
      '/blog/reciprocity/',
      '/blog/reciprocity?x=1',
      '/Blog/Reciprocity',
      '/blog/reciprocity#c',
      '//blog//reciprocity',
      '/blog/x/../reciprocity',
      'totally-made-up-1',
      'totally-made-up-2',
      '/blog/reciprocity/index.html',
    ]
    const answers = []
    for (const [i, v] of variants.entries()) {
      answers.push(await postDemoComment(s.url, v, { authorName: 'Farmer', email: 'farmer@gmail.com', body: `Variant number ${i}`, url: `${s.url}/` }))
    }
    const codes = answers.filter((a) => a.body.reward?.status === 'issued')
    expect(codes).toHaveLength(1)
    // The genuine reader's first comment got its code at once, in one request.
    expect(answers[0]!.status).toBe(201)
    expect(answers[0]!.body.reward).toMatchObject({ status: 'issued', code: expect.stringMatching(/^THANKS-/) })
    // Spellings of the post are the same thread; pages that are not posts of the site are refused.
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 404, 201, 201, 201, 404, 404, 201])
    expect(answers[3]!.body).toMatchObject({ error: { code: 'thread_not_found' } })
    const list = await (await fetch(`${s.url}/api/v1/sites/demo/threads/%2Fblog%2Freciprocity%2F/comments`)).json()
    expect(list.thread).toMatchObject({ key: '/blog/reciprocity', title: 'Networking and the art of reciprocity', commentCount: 7 })
  })

  it('creates a thread for a new post only after checking its page on the site’s own origin', async () => {
    const pages: Record<string, string> = {
      '/new-post/':
        '<html><head><title>A new post</title><link rel="canonical" href="/new-post/"></head><body><div id="inkind"></div><script src="x/widget.js" data-site="demo" async></script></body></html>',
      '/other-site/': '<html><head><title>Elsewhere</title></head><body><script src="x/widget.js" data-site="someone-else"></script></body></html>',
    }
    const blog = createServer((req, res) => {
      const html = pages[req.url ?? '']
      res.writeHead(html ? 200 : 404, { 'content-type': 'text/html' }).end(html ?? 'no')
    })
    const port = await freePort()
    await new Promise<void>((r) => blog.listen(port, '127.0.0.1', r))
    running.push({ stop: () => new Promise((r) => blog.close(r)) })
    const origin = `http://127.0.0.1:${port}`
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await demoSettings(admin, (site) => ({ ...site, origins: [...site.origins, origin] }))
    const post = (thread: string, ip: string) =>
      fetch(`${s.url}/api/v1/sites/demo/threads/${encodeURIComponent(thread)}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': ip },
        body: JSON.stringify({
          authorName: 'Ann',
          email: `ann${ip}@gmail.com`,
          body: 'Hello',
          elapsedMs: 20_000,
          url: `${origin}${thread}`,
          title: 'Claim your prize at evil.example',
        }),
      })
    expect((await post('/new-post/', '198.18.9.1')).status).toBe(201)
    expect((await post('/other-site/', '198.18.9.2')).status).toBe(404)
    expect((await post('/gone/', '198.18.9.3')).status).toBe(404)
    const threads = await admin<{ items: { thread: { key: string; title: string | null; url: string | null } }[] }>(
      'GET',
      '/comments?site=demo&status=published',
    )
    expect(threads.items.map((c) => c.thread)).toEqual([{ key: '/new-post', title: 'A new post', url: `${origin}/new-post/` }])
  })
})

describe('3. farming with made-up addresses', () => {
  it('counts an IPv6 /64 as one client, holds a network’s and a domain’s burst for the owner, who revokes it in bulk', async () => {
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    // Twelve addresses of one /64, each a new reader: the per-network comment limit (10 a minute) holds.
    const v6 = []
    for (let i = 1; i <= 12; i++)
      v6.push(
        await postDemoComment(
          s.url,
          '/blog/reciprocity',
          { authorName: `V${i}`, email: `v6-${i}@gmail.com`, body: `From v6 ${i}` },
          `2001:db8:aa:bb::${i.toString(16)}`,
        ),
      )
    expect(v6.map((a) => a.status)).toEqual([...Array(10).fill(201), 429, 429])
    // Rewards per network per day (3): the rest wait for the owner.
    expect(v6.slice(0, 10).map((a) => a.body.reward?.status)).toEqual(['issued', 'issued', 'issued', ...Array(7).fill('pending')])
    expect(v6[3]!.body.reward).toEqual({ status: 'pending', reason: 'review' })

    // Rotating networks but one rare domain (subdomains count as their owner): 5 a day, then held.
    const farm = []
    for (let i = 0; i < 8; i++)
      farm.push(await postDemoComment(s.url, '/blog/reciprocity', { authorName: `F${i}`, email: `ann-promo${i}@sub${i}.farm-domain.biz`, body: `Farm ${i}` }))
    expect(farm.map((a) => a.body.reward?.status)).toEqual([...Array(5).fill('issued'), 'pending', 'pending', 'pending'])

    // The owner sees both and acts in bulk.
    const signals = await admin<{
      held: { review: number }
      networks: { network: string; rewards: number; held: number }[]
      domains: { domain: string; rewards: number }[]
    }>('GET', '/sites/demo/farming')
    expect(signals.held.review).toBe(10)
    expect(signals.networks[0]).toMatchObject({ rewards: 10, held: 7 })
    expect(signals.domains.find((d) => d.domain === 'farm-domain.biz')).toMatchObject({ rewards: 8 })
    expect(JSON.stringify(signals)).not.toContain('2001:db8')
    const revoked = await admin<{ revoked: number }>('POST', '/sites/demo/rewards/revoke', { domain: 'farm-domain.biz', reason: 'farm' })
    expect(revoked.revoked).toBe(8)
    const released = await admin<{ released: number }>('POST', '/sites/demo/rewards/release', { network: signals.networks[0]!.network })
    expect(released.released).toBe(7)
  })

  it('holds rewards past the site’s daily budget', async () => {
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await demoSettings(admin, (site) => ({ ...site, antiAbuse: { ...site.antiAbuse, rewardBudgetPerDay: 3 } }))
    const answers = []
    for (let i = 0; i < 5; i++)
      answers.push(await postDemoComment(s.url, '/blog/reciprocity', { authorName: `B${i}`, email: `budget${i}@gmail.com`, body: `Budget ${i}` }))
    expect(answers.map((a) => a.body.reward)).toMatchObject([
      { status: 'issued' },
      { status: 'issued' },
      { status: 'issued' },
      { status: 'pending', reason: 'budget' },
      { status: 'pending', reason: 'budget' },
    ])
    expect((await admin<{ held: { budget: number } }>('GET', '/sites/demo/farming')).held.budget).toBe(2)
  })
})

describe('3b. farming across many networks of one customer', () => {
  it('counts the /64s of one IPv6 /48 together, and the email aliases of one mailbox as one reader', async () => {
    const s = await server()
    const answers = []
    for (let i = 1; i <= 16; i++) {
      answers.push(
        await postDemoComment(
          s.url,
          '/blog/reciprocity',
          { authorName: `W${i}`, email: `wide${i}@gmail.com`, body: `From /64 number ${i}` },
          `2001:db8:77:${i.toString(16)}::1`,
        ),
      )
    }
    const statuses = answers.map((a) => a.body.reward?.status)
    expect(statuses.filter((x) => x === 'issued')).toHaveLength(10)
    expect(statuses.filter((x) => x === 'pending')).toHaveLength(6)
    const aliases = []
    for (const email of ['sam@icloud.com', 'sam@me.com', 'sam@mac.com', 'sam-shop@yahoo.com', 'sam@yahoo.com', 'x@sam.fastmail.com', 'sam@fastmail.com']) {
      aliases.push((await postDemoComment(s.url, '/blog/reciprocity', { authorName: 'Sam', email, body: `Alias ${email}` })).body.reward?.status)
    }
    expect(aliases).toEqual(['issued', 'already', 'already', 'issued', 'already', 'issued', 'already'])
  })
})

describe('4. the owner’s emails carry only the owner’s words', () => {
  it('mails the post’s own title and link, and no link or long text from a reader', async () => {
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
    running.push({ stop: () => new Promise<void>((r) => smtp.close(() => r())) })
    const s = await server({ SMTP_URL: `smtp://127.0.0.1:${port}` })
    // A honeypot hit first, trying to rename the post.
    await postDemoComment(s.url, '/blog/reciprocity', {
      authorName: 'Bot',
      email: 'bot@gmail.com',
      body: 'x',
      website: 'spam',
      title: 'Your account is locked',
      url: 'https://evil.example/claim',
    })
    await postDemoComment(s.url, '/blog/reciprocity', {
      authorName: 'customer. Your account is locked, restore it here: https://evil.example/claim',
      email: 'stranger@gmail.com',
      body: 'A comment',
      title: 'Your account is locked',
      url: 'https://evil.example/claim',
    })
    await postDemoComment(s.url, '/blog/reciprocity', {
      authorName: 'Maren Lindqvist-Abernathy of the Northern Reading Circle',
      email: 'maren@gmail.com',
      body: 'Lovely.',
    })
    const start = Date.now()
    while (mails.length < 2 && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 100))
    expect(mails).toHaveLength(2)
    // Quoted-printable soft line breaks undone, so phrases read whole.
    const texts = mails.map((m) => m.replace(/=\r?\n/g, ''))
    const all = texts.join('\n')
    expect(all).not.toMatch(/evil\.example|account is locked/i)
    expect(all).toContain('Networking and the art of reciprocity')
    expect(all).toContain(`${s.url}/`)
    expect(texts.some((t) => t.includes('Hello,'))).toBe(true)
    expect(all).toMatch(/Hello Maren Lindqvist-Abernathy of the Nort/)
    expect(all).not.toContain('Northern Reading Circle')
  })
})

describe('5 and 6. login throttling', () => {
  it('counts 60 parallel guesses: at most the limit reach the password check', async () => {
    const s = await server()
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: 'wrong password!' }, '203.0.113.50')),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(55)
    expect(answers.find((a) => a.status === 429)!.headers.get('retry-after')).toMatch(/^\d+$/)
    // The operator can see who was tried from where.
    expect(s.output()).toMatch(/"msg":"admin login (failed|refused)[^"]*","account":"owner@example.com","network":"203.0.113.50","device":"new"/)
  })

  it('never locks the owner’s own browser out, while strangers are slowed', { timeout: 120_000 }, async () => {
    const s = await server()
    const first = await login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }, '198.51.100.1')
    expect(first.status).toBe(200)
    const device = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('inkind_device='))!
      .split(';')[0]!
    // 125 wrong logins for the owner's email from 25 addresses.
    for (let ip = 0; ip < 25; ip++) {
      await Promise.all(Array.from({ length: 5 }, () => login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: 'not it at all' }, `203.0.113.${ip + 1}`)))
    }
    // A stranger with the right password from a fresh address waits…
    expect((await login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }, '192.0.2.77')).status).toBe(429)
    // …the owner's browser, from yet another address, does not.
    expect((await login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }, '192.0.2.78', device)).status).toBe(200)
    // A device cookie of another account, or a forged one, counts for nothing.
    const forged = device.replace(/\.[^.]+$/, '.AAAA')
    expect((await login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }, '192.0.2.79', forged)).status).toBe(429)
  })
})

describe('7. spam does not spend real readers’ allowance', () => {
  it('lets a genuine reader through after 61 networks sent 10 honeypot posts each', async () => {
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await demoSettings(admin, (site) => ({ ...site, antiAbuse: { ...site.antiAbuse, perSitePerMinute: 600 } }))
    for (let ip = 0; ip < 61; ip++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postDemoComment(
            s.url,
            '/blog/reciprocity',
            { authorName: 'Bot', email: `bot${ip}-${i}@gmail.com`, body: `Buy ${ip} ${i}`, website: 'x' },
            `100.${ip}.0.1`,
          ),
        ),
      )
      // Bots see success and learn nothing.
      expect(answers.every((a) => a.status === 201 && a.body.reward?.status === 'pending')).toBe(true)
    }
    const reader = await postDemoComment(
      s.url,
      '/blog/reciprocity',
      { authorName: 'Real', email: 'real.reader@gmail.com', body: 'A genuine thought.' },
      '192.0.2.200',
    )
    expect(reader.status).toBe(201)
    expect(reader.body.reward).toMatchObject({ status: 'issued' })
  })
})

describe('7b. one network cannot lock a site out', () => {
  it('leaves the site’s allowance to others when one network is past its own limit', async () => {
    const s = await server()
    const flood = await Promise.all(
      Array.from({ length: 650 }, (_, i) =>
        postDemoComment(s.url, '/blog/reciprocity', { authorName: 'F', email: `flood${i}@gmail.com`, body: `Flood ${i}` }, '203.0.113.66'),
      ),
    )
    expect(flood.filter((a) => a.status === 201)).toHaveLength(10)
    expect(flood.filter((a) => a.status === 429)).toHaveLength(640)
    const reader = await postDemoComment(s.url, '/blog/reciprocity', { authorName: 'Real', email: 'real.one@gmail.com', body: 'Still here.' }, '192.0.2.10')
    expect(reader.status).toBe(201)
  })
})

describe('7c. slow uploads and made-up logins', () => {
  it('survives 1,500 half-sent comment bodies, and answers again once they are gone', { timeout: 120_000 }, async () => {
    const s = await server({ LOG_REQUESTS: '0' })
    const { connect } = await import('node:net')
    const port = Number(new URL(s.url).port)
    const body = 'x'.repeat(31_999)
    const sockets = Array.from({ length: 1500 }, () => {
      const socket = connect(port, '127.0.0.1')
      socket.on('error', () => {})
      socket.write(
        `POST /api/v1/sites/demo/threads/%2Fblog%2Freciprocity/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 32000\r\n\r\n${body}`,
      )
      return socket
    })
    await new Promise((r) => setTimeout(r, 5000))
    expect(s.process.exitCode).toBeNull()
    expect(rssMb(s)).toBeLessThan(150)
    for (const socket of sockets) socket.destroy()
    await new Promise((r) => setTimeout(r, 1000))
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
  })

  it('keeps password checks to a few at once, and the owner’s browser ahead of strangers', { timeout: 120_000 }, async () => {
    const s = await server()
    const first = await login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }, '198.51.100.1')
    const device = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('inkind_device='))!
      .split(';')[0]!
    const strangers = Array.from({ length: 120 }, (_, i) =>
      login(s.url, { email: `nobody${i}@example.com`, password: 'guess guess guess' }, `2001:db8:${i.toString(16)}::1`),
    )
    const owner = await login(s.url, { email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }, '198.51.100.2', device)
    expect(owner.status).toBe(200)
    const statuses = (await Promise.all(strangers)).map((r) => r.status)
    // Past the line's length, strangers are told to come back (503 with Retry-After) instead of queueing forever.
    expect(statuses.filter((x) => x === 503).length).toBeGreaterThan(0)
    expect(statuses.every((x) => x === 401 || x === 503)).toBe(true)
  })
})

describe('8. webhooks cannot reach private networks', () => {
  it('refuses loopback, private, link-local and metadata receivers at save time, before any connection', async () => {
    let hits = 0
    const receiver = createServer((_req, res) => {
      hits++
      res.end('ok')
    })
    const port = await freePort()
    await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r))
    running.push({ stop: () => new Promise((r) => receiver.close(r)) })
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    const targets = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://127.1:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f000001:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/',
      'http://100.64.1.1/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
    ]
    for (const url of targets) {
      const res = await fetch(`${s.url}/api/v1/admin/sites/demo/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
        body: JSON.stringify({ url, events: ['comment.created'] }),
      })
      expect(res.status, url).toBe(400)
      expect((await res.json()).error.fields).toEqual({ url: 'not_public' })
    }
    await postDemoComment(s.url, '/blog/reciprocity', { authorName: 'A', email: 'a@gmail.com', body: 'Hi' })
    await new Promise((r) => setTimeout(r, 1500))
    expect(hits).toBe(0)
  })
})

describe('9. the smaller points', () => {
  it('a new owner password from the environment ends the old sessions; the same one keeps them', async () => {
    const first = await server()
    const old = await adminSession(first.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await first.stop()
    const same = await server({ DATABASE_URL: first.databaseUrl })
    const who = async (url: string) => (await (await fetch(`${url}/api/v1/admin/session`, { headers: { cookie: old.cookie } })).json()).user
    expect(await who(same.url)).toMatchObject({ email: OWNER.INKIND_ADMIN_EMAIL })
    await same.stop()
    const reset = await server({ DATABASE_URL: first.databaseUrl, INKIND_ADMIN_PASSWORD: 'a brand new owner password' })
    expect(await who(reset.url)).toBeNull()
    expect((await fetch(`${reset.url}/api/v1/admin/codes`, { headers: { cookie: old.cookie } })).status).toBe(401)
  })

  it('keeps a webhook’s path and token out of the audit log that moderators read', async () => {
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    await admin('POST', '/sites/demo/webhooks', { url: 'https://93.184.216.34/hooks/inkind?token=s3cr3t-t0ken', events: ['reward.issued'] })
    const audit = JSON.stringify(await admin('GET', '/audit?site=demo'))
    expect(audit).toContain('https://93.184.216.34')
    expect(audit).not.toContain('s3cr3t')
  })

  it('answers a stats range of centuries or a day that does not exist with 400, not a crash', async () => {
    const s = await server()
    const admin = await adminSession(s.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    for (const q of ['from=0001-01-01&to=9999-12-31', 'from=0001-01-01', 'from=2020-99-99', 'from=2026-02-30']) {
      const res = await fetch(`${s.url}/api/v1/admin/stats?site=demo&${q}`, { headers: { cookie: admin.cookie } })
      expect(res.status, q).toBe(400)
    }
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
  })

  it('sends HSTS only over HTTPS, a CSP with comments.html, and never trusts the Host header for origins', async () => {
    const s = await server()
    expect((await fetch(`${s.url}/healthz`)).headers.get('strict-transport-security')).toBeNull()
    expect((await fetch(`${s.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    const html = await fetch(`${s.url}/api/v1/sites/demo/threads/%2Fblog%2Freciprocity/comments.html`)
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
    // A DNS-rebinding page: Host and Origin both name the attacker's domain.
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.url}/api/v1/sites/demo/threads/%2Fblog%2Freciprocity/comments`, {
        method: 'POST',
        headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/json' },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      req.end(JSON.stringify({ authorName: 'E', email: 'e@gmail.com', body: 'x', elapsedMs: 9000 }))
    })
    expect(status).toBe(403)
    // The newcomer's loopback spellings of the demo's own origin still work.
    const local = await postDemoComment(s.url, '/blog/reciprocity', { authorName: 'L', email: 'l@gmail.com', body: 'Hi' })
    expect(local.status).toBe(201)
  })
})
