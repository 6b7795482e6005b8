/** One reader, one code — under real concurrency, over real HTTP, on the embedded database file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listDemoPosts, type RunningServer, readerIp, startServer } from './helpers/server.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
  await listDemoPosts(server, ['/thread-0', '/thread-1', '/thread-2'])
})
afterAll(() => server?.stop())

function post(thread: string, body: Record<string, unknown>) {
  return fetch(`${server.url}/api/v1/sites/demo/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': readerIp() },
    body: JSON.stringify({ elapsedMs: 20_000, ...body }),
  })
}

describe('rewards under concurrency', () => {
  it('20 concurrent comments by one reader issue exactly one code', async () => {
    const spellings = ['Same.Reader@gmail.com', 'samereader@gmail.com', 'same.reader+a@googlemail.com', ' SAMEREADER+b@GMAIL.COM ']
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('/blog/reciprocity', { authorName: 'Sam', email: spellings[i % spellings.length], body: `Comment ${i}` }).then(async (r) => {
          expect(r.status).toBe(201)
          return r.json()
        }),
      ),
    )
    const statuses = answers.map((a) => a.reward.status).sort()
    expect(statuses.filter((s) => s === 'issued')).toHaveLength(1)
    expect(statuses.filter((s) => s === 'already')).toHaveLength(19)
  })

  it('many readers at once each get a distinct code', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        post(`/thread-${i % 3}`, { authorName: `Reader ${i}`, email: `reader${i}@gmail.com`, body: `Thank you, ${i}!` }).then((r) => r.json()),
      ),
    )
    const codes = answers.map((a) => a.reward.code)
    expect(codes.every((c) => /^THANKS-[0-9A-HJKMNP-TV-Z]{12}$/.test(c))).toBe(true)
    expect(new Set(codes).size).toBe(60)
    const counts = await (await fetch(`${server.url}/api/v1/sites/demo/counts?threads=/thread-0,/thread-1,/thread-2`)).json()
    expect(counts.counts).toEqual({ '/thread-0': 20, '/thread-1': 20, '/thread-2': 20 })
  })
})
