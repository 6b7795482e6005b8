/**
 * What a process crash, a restart and a second process must not cost: every
 * comment and code the server acknowledged with a 201 is there afterwards,
 * the database is intact, and two processes on one file agree.
 */
import { createClient } from '@libsql/client'
import { afterEach, describe, expect, it } from 'vitest'
import { listDemoPosts, OWNER, postDemoComment, type RunningServer, startServer } from './helpers/server.ts'

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
  it('on SIGTERM finishes the requests in flight, then exits cleanly', async () => {
    const s = await server()
    const inFlight = Array.from({ length: 30 }, (_, i) =>
      postDemoComment(s.url, '/term', { authorName: 'T', email: `t${i}@gmail.com`, body: `Term ${i}` }).catch(() => null),
    )
    await new Promise((r) => setTimeout(r, 5))
    const exited = new Promise<number | null>((r) => s.process.once('exit', (code) => r(code)))
    s.process.kill('SIGTERM')
    const answers = await Promise.all(inFlight)
    expect(await exited).toBe(0)
    expect(s.output()).toContain('SIGTERM: shutting down')
    const ok = answers.filter((a) => a?.status === 201)
    const after = await inspect(s.databaseUrl)
    expect(after.integrity).toBe('ok')
    for (const a of ok) expect(after.codes.has(a!.body.reward!.code!)).toBe(true)
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
