/**
 * What a process crash, a restart and a second process must not cost: every
 * comment and code the server acknowledged with a 201 is there afterwards,
 * the database is intact, and two processes on one file agree.
 */
import { once } from 'node:events'
import { Agent, request } from 'node:http'
import type { Socket } from 'node:net'
import { createClient } from '@libsql/client'
import { afterEach, describe, expect, it } from 'vitest'
import { listDemoPosts, OWNER, postDemoComment, type RunningServer, readerIp, startServer } from './helpers/server.ts'

const running: RunningServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')))
})
async function server(env: Record<string, string> = {}) {
  const s = await startServer({ ...OWNER, ...env })
  running.push(s)
  await listDemoPosts(s, ['/crash', '/term', '/limit', ...[0, 1, 2, 3, 4].map((i) => `/hammer-${i}`)])
  return s
}

async function inspect(databaseUrl: string) {
  const db = createClient({ url: databaseUrl })
  const integrity = (await db.execute('pragma integrity_check')).rows[0]![0]
  const comments = (await db.execute('select id, body from comments')).rows.map((r) => String(r.body))
  const codes = (await db.execute('select code from rewards where code is not null')).rows.map((r) => String(r.code))
  db.close()
  return { integrity, comments: new Set(comments), codes: new Set(codes) }
}

describe('a killed server', () => {
  it('loses nothing it acknowledged: SIGKILL in the middle of concurrent writes', async () => {
    const s = await server()
    const acknowledged: { body: string; code: string | undefined }[] = []
    let n = 0
    let stop = false
    const writer = async () => {
      while (!stop) {
        const body = `Crash test comment ${++n}`
        try {
          const res = await postDemoComment(s.url, '/crash', { authorName: 'C', email: `c${n}@gmail.com`, body })
          // Past the site's daily reward budget a reward waits (no code yet): the comment must still survive.
          if (res.status === 201) acknowledged.push({ body, code: res.body.reward?.code })
        } catch {
          return // the server is gone
        }
      }
    }
    const writers = Array.from({ length: 16 }, writer)
    // Killed once enough writes were acknowledged, with 16 more in flight: how long that takes does not matter.
    while (acknowledged.filter((a) => a.code).length < 60) await new Promise((r) => setTimeout(r, 20))
    s.process.kill('SIGKILL')
    stop = true
    await Promise.all(writers)
    await s.stop('SIGKILL')
    expect(acknowledged.length).toBeGreaterThan(50)
    expect(acknowledged.filter((a) => a.code).length).toBeGreaterThan(50)

    const after = await inspect(s.databaseUrl)
    expect(after.integrity).toBe('ok')
    for (const a of acknowledged) {
      expect(after.comments.has(a.body), a.body).toBe(true)
      if (a.code) expect(after.codes.has(a.code), a.code).toBe(true)
    }

    // And it starts again on the same file and serves them.
    const again = await server({ DATABASE_URL: s.databaseUrl })
    const list = await (await fetch(`${again.url}/api/v1/sites/demo/threads/%2Fcrash/comments?limit=100`)).json()
    expect(list.thread.commentCount).toBeGreaterThanOrEqual(acknowledged.length)
  })
})

describe('graceful shutdown', () => {
  /**
   * A comment whose headers go now (Expect: 100-continue) and whose body goes
   * when the test says: the server's "100 Continue" proves it accepted the
   * request. Each on a keep-alive connection of its own.
   */
  function heldComment(url: string, i: number) {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const body = JSON.stringify({ authorName: 'T', email: `held${i}@gmail.com`, body: `Held ${i}`, elapsedMs: 20_000 })
    const req = request(`${url}/api/v1/sites/demo/threads/%2Fterm/comments`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        origin: url,
        'x-forwarded-for': readerIp(),
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    })
    const accepted = once(req, 'continue')
    const socketClosed = once(req, 'socket').then(([socket]) => once(socket as Socket, 'close'))
    const answer = new Promise<{ status: number; connection: string | undefined; body: { reward: { code: string } } }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }))
      })
      req.on('error', reject)
    })
    req.flushHeaders()
    return { accepted, answer, socketClosed, send: () => req.end(body) }
  }

  it('on SIGTERM answers every request it accepted, closes keep-alive sockets instead of waiting on them, then exits cleanly', async () => {
    const s = await server()
    const exited = new Promise<number | null>((r) => s.process.once('exit', (code) => r(code)))

    // An idle keep-alive connection: one answer, then nothing.
    const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 })
    const idle = await new Promise<Socket>((resolve, reject) => {
      const req = request(`${s.url}/healthz`, { agent: idleAgent }, (res) => {
        res.resume()
        res.on('end', () => resolve(req.socket!))
      })
      req.on('error', reject).end()
    })
    const idleClosed = once(idle, 'close')

    // Twelve requests the server has accepted, their bodies not yet sent.
    const held = Array.from({ length: 12 }, (_, i) => heldComment(s.url, i))
    await Promise.all(held.map((h) => h.accepted))

    s.process.kill('SIGTERM')
    // New connections are refused from now on; the idle one is closed by the server, not left to its timeout…
    await idleClosed
    expect(s.output()).toContain('SIGTERM: shutting down')
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow()
    // …while the accepted requests keep it running.
    expect(s.process.exitCode).toBeNull()

    // All but the last are answered, and each connection is closed by the server right after its answer
    // (the last request still holds the server up, so the process has not exited).
    const [last, ...rest] = held
    for (const h of rest) h.send()
    const answers = await Promise.all(rest.map((h) => h.answer))
    for (const a of answers) {
      expect(a.status).toBe(201)
      expect(a.connection).toBe('close')
    }
    await Promise.all(rest.map((h) => h.socketClosed))
    expect(s.process.exitCode).toBeNull()

    last!.send()
    const lastAnswer = await last!.answer
    const answeredAt = Date.now()
    expect(lastAnswer.status).toBe(201)
    expect(await exited).toBe(0)
    console.log(`SIGTERM: exited ${Date.now() - answeredAt} ms after the last answer`)

    const after = await inspect(s.databaseUrl)
    expect(after.integrity).toBe('ok')
    expect(after.comments.size).toBe(held.length)
    for (const a of [...answers, lastAnswer]) expect(after.codes.has(a.body.reward.code)).toBe(true)
  })

  it('on SIGTERM in the middle of a burst, stores nothing it did not answer', async () => {
    const s = await server()
    const exited = new Promise<number | null>((r) => s.process.once('exit', (code) => r(code)))
    const burst = Array.from({ length: 30 }, (_, i) =>
      postDemoComment(s.url, '/term', { authorName: 'T', email: `t${i}@gmail.com`, body: `Term ${i}` }).then(
        (a) => ({ status: a.status, code: a.body.reward?.code }),
        (error: Error) => ({ status: 0, error }),
      ),
    )
    // Once the server has written one of them, the rest are in flight, queued, or not yet connected.
    while ((await inspect(s.databaseUrl)).comments.size === 0) await new Promise((r) => setTimeout(r, 5))
    s.process.kill('SIGTERM')
    const answers = await Promise.all(burst)
    expect(await exited).toBe(0)
    // Each was answered 201, or never reached a request handler (a refused or reset connection): nothing in between.
    for (const a of answers) expect(a.status === 201 || ('error' in a && a.error instanceof TypeError), JSON.stringify(a)).toBe(true)
    const ok = answers.filter((a) => a.status === 201)
    expect(ok.length).toBeGreaterThan(0)
    const after = await inspect(s.databaseUrl)
    expect(after.integrity).toBe('ok')
    // Every comment the server wrote was answered, with its code.
    expect(after.comments.size).toBe(ok.length)
    for (const a of ok) expect(after.codes.has((a as { code: string }).code)).toBe(true)
  })
})

describe('two server processes on one database file', () => {
  it('share sessions, rate limits and rewards, and agree on every count', async () => {
    const a = await server()
    const b = await server({ DATABASE_URL: a.databaseUrl })

    // A session made by one process works on the other.
    const login = await fetch(`${a.url}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url },
      body: JSON.stringify({ email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    expect((await fetch(`${b.url}/api/v1/admin/codes`, { headers: { cookie } })).status).toBe(200)

    // Hammer both: 200 readers (some twice, under other spellings) on 5 posts, reads in between.
    const posts = []
    for (let i = 0; i < 200; i++) {
      const target = i % 2 ? a : b
      posts.push(postDemoComment(target.url, `/hammer-${i % 5}`, { authorName: `H${i}`, email: `h${i % 150}@gmail.com`, body: `Hammer ${i}` }))
      if (i % 10 === 0)
        posts.push(
          fetch(`${(i % 4 ? a : b).url}/api/v1/sites/demo/threads/%2Fhammer-0/comments`).then((r) => ({
            status: r.status === 404 ? 201 : r.status,
            body: null,
          })) as never,
        )
    }
    const answers = (await Promise.all(posts)) as { status: number; body: { reward: { status: string; code?: string } | null } | null }[]
    expect(answers.every((x) => x.status === 201 || x.status === 200)).toBe(true)
    const rewards = answers.flatMap((x) => (x.body?.reward ? [x.body.reward] : []))
    const issued = rewards.filter((r) => r.status === 'issued').map((r) => r.code)
    expect(issued).toHaveLength(150)
    expect(new Set(issued).size).toBe(150)
    expect(rewards.filter((r) => r.status === 'already')).toHaveLength(50)

    // Both processes report the same counts (after the list micro-cache's second).
    await new Promise((r) => setTimeout(r, 1100))
    const counts = async (s: RunningServer) =>
      (await (await fetch(`${s.url}/api/v1/sites/demo/counts?threads=${[0, 1, 2, 3, 4].map((i) => `/hammer-${i}`).join(',')}`)).json()).counts
    const [ca, cb] = await Promise.all([counts(a), counts(b)])
    expect(ca).toEqual(cb)
    expect(Object.values(ca as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(200)

    // A per-IP limit holds across both: 10 a minute, whichever process is asked.
    const statuses = []
    for (let i = 0; i < 16; i++)
      statuses.push(
        (await postDemoComment((i % 2 ? a : b).url, '/limit', { authorName: 'L', email: `l${i}@gmail.com`, body: `Limit ${i}` }, '192.0.2.99')).status,
      )
    expect(statuses.filter((s) => s === 201)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(6)
  })
})
