/** The Inkind server the benchmark and the profiles load, and the requests they send. */
import type autocannon from 'autocannon'
import { listDemoPosts, type RunningServer, startServer } from '../tests/helpers/server.ts'

let reader = 0
/** Each request a new reader from a new address, as a viral post brings them. */
export function commentRequest(thread: string, origin: string) {
  return {
    method: 'POST' as const,
    path: `/api/v1/sites/demo/threads/${encodeURIComponent(thread)}/comments`,
    setupRequest: (req: autocannon.Request) => {
      const n = ++reader
      return {
        ...req,
        headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        body: JSON.stringify({
          authorName: `Reader ${n}`,
          email: `reader${n}@example.com`,
          body: `Comment number ${n}: giving first works.`,
          elapsedMs: 20_000,
        }),
      }
    },
  }
}

export async function relaxDemoLimits(server: RunningServer) {
  const { adminSession, OWNER } = await import('../tests/helpers/server.ts')
  const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const site = await admin<Record<string, unknown> & { antiAbuse: object }>('GET', '/sites/demo')
  const { id: _, ...settings } = site
  // Thousands of readers a second from a handful of proxies: the limits are for abuse, not for this.
  await admin('PUT', '/sites/demo', { ...settings, antiAbuse: { ...site.antiAbuse, perSitePerMinute: 10_000_000, shopRequestsPerMinute: 10_000_000 } })
  return admin
}

/** The Inkind server of the main table: a 50-comment thread to read, and a post to comment on. */
export async function benchServer(env: Record<string, string> = {}) {
  const { OWNER } = await import('../tests/helpers/server.ts')
  const server = await startServer({ ...OWNER, ...env })
  await relaxDemoLimits(server)
  // The demo site takes comments only on posts it knows: its owner lists them.
  await listDemoPosts(server, ['/bench/read', '/bench/write'])
  const thread = `${server.url}/api/v1/sites/demo/threads/%2Fbench%2Fread/comments`
  for (let i = 0; i < 50; i++) {
    const res = await fetch(thread, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': `172.16.0.${i}` },
      body: JSON.stringify({
        authorName: `Reader ${i}`,
        email: `seed${i}@example.com`,
        body: `Seed comment ${i}: giving first is the whole trick.`,
        elapsedMs: 20_000,
      }),
    })
    if (res.status !== 201) throw new Error(`seeding the read thread: ${res.status} ${await res.text()}`)
  }
  const read = await fetch(thread)
  const { comments } = (await read.json()) as { comments: unknown[] }
  if (comments.length !== 50) throw new Error(`the read thread has ${comments.length} comments, not 50`)
  const probe = await fetch(`${server.url}/api/v1/sites/demo/threads/%2Fbench%2Fwrite/comments`, commentProbe(server.url))
  if (probe.status !== 201) throw new Error(`a comment on the write thread: ${probe.status} ${await probe.text()}`)
  return { server, thread, etag: read.headers.get('etag')! }
}

const commentProbe = (origin: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': '172.17.0.1' },
  body: JSON.stringify({ authorName: 'Probe', email: 'probe@example.com', body: 'Probing the write path.', elapsedMs: 20_000 }),
})
