/**
 * /metrics: refused without the token, off when not configured, and with the
 * token a whole Prometheus exposition (read by a strict parser) with the
 * families an owner alerts on, labelled by route pattern, never by raw path.
 * Request ids: made or taken from our proxy, in the answer header, the error
 * body and the log.
 */
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../server/app.ts'
import { openDb } from '../server/db/client.ts'
import { createCaches } from '../server/domain/caches.ts'
import type { Ctx } from '../server/domain/context.ts'
import { createMetrics } from '../server/metrics.ts'
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts'
import { freePort, type RunningServer, startServer } from './helpers/server.ts'
import { aComment, addSite, fixedClock, PUBLIC_URL, postJson, ROOT, threadPath } from './helpers/test-app.ts'

const TOKEN = 'a-metrics-token-of-some-length'
const COMMENTS_ROUTE = '/api/v1/sites/:site/threads/:thread/comments'

async function appWithMetrics(metricsToken: string | null = TOKEN) {
  const metrics = createMetrics()
  const { db, close } = await openDb(':memory:', undefined, 'normal', { observe: metrics.observeQuery })
  const ctx: Ctx = { db, clock: fixedClock(), caches: createCaches(), canEmail: true }
  metrics.watchOutbox(ctx)
  await addSite(ctx, 'cpr', { antiAbuse: { perIpPerMinute: 2 } as never })
  const app = createApp({
    ...ctx,
    config: { publicUrl: PUBLIC_URL, trustProxy: 1 },
    metrics,
    metricsToken: metricsToken ?? undefined,
    assets: { distDir: join(ROOT, 'dist'), demoDir: join(ROOT, 'server/demo'), i18nDir: join(ROOT, 'widget/i18n') },
  })
  return { app, close }
}

describe('/metrics on the main server', () => {
  it('is not there unless a token is configured', async () => {
    const { app, close } = await appWithMetrics(null)
    const res = await app.request('/metrics')
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
    close()
  })

  it('refuses a request without the token, or with another, in the JSON error body', async () => {
    const { app, close } = await appWithMetrics()
    for (const headers of [{}, { authorization: 'Bearer wrong-token-of-some-length' }, { authorization: `Basic ${TOKEN}` }] as Record<string, string>[]) {
      const res = await app.request('/metrics', { headers })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
      const body = await res.json()
      expect(body.error.code).toBe('unauthorized')
      expect(body.error.requestId).toBe(res.headers.get('x-request-id'))
    }
    close()
  })

  it('answers the token with a whole exposition: requests by route pattern, latency, comments, rewards, refusals, database, outbox', async () => {
    const { app, close } = await appWithMetrics()
    // Two comments from one network; the third is over its limit of 2 a minute.
    const thread = '/blog/a-post-with-a-secret-path'
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await postJson(app, threadPath(thread), aComment(), { 'x-forwarded-for': '198.51.100.7' })).status)
    expect(statuses).toEqual([201, 201, 429])
    expect((await app.request(threadPath(thread))).status).toBe(200)
    expect((await app.request('/no/such/page')).status).toBe(404)

    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    const m = parsePrometheus(text)

    for (const [name, type] of [
      ['inkind_http_requests_total', 'counter'],
      ['inkind_http_request_duration_seconds', 'histogram'],
      ['inkind_comments_posted_total', 'counter'],
      ['inkind_comment_rewards_total', 'counter'],
      ['inkind_rate_limited_total', 'counter'],
      ['inkind_db_query_duration_seconds', 'histogram'],
      ['inkind_outbox_messages', 'gauge'],
      ['inkind_outbox_oldest_pending_seconds', 'gauge'],
      ['inkind_backups_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
    ] as const) {
      expect(m.get(name)?.type, name).toBe(type)
      expect(m.get(name)?.help, name).not.toBe('')
    }
    // Route patterns only: the thread's path, the made-up page, never appear.
    expect(text).not.toContain('secret-path')
    expect(text).not.toContain('/no/such/page')
    const routes = new Set(m.get('inkind_http_requests_total')!.samples.map((s) => s.labels.route))
    expect(routes).toContain(COMMENTS_ROUTE)
    for (const s of m.get('inkind_http_requests_total')!.samples) expect(Object.keys(s.labels).sort()).toEqual(['method', 'route', 'status'])
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'POST', route: COMMENTS_ROUTE, status: '201' })).toBe(2)
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'POST', route: COMMENTS_ROUTE, status: '429' })).toBe(1)
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'GET', route: COMMENTS_ROUTE, status: '200' })).toBe(1)
    expect(
      sampleValue(m, 'inkind_http_request_duration_seconds', { method: 'POST', route: COMMENTS_ROUTE }, 'inkind_http_request_duration_seconds_count'),
    ).toBe(3)
    expect(sampleValue(m, 'inkind_comments_posted_total', { status: 'published' })).toBe(2)
    expect(sampleValue(m, 'inkind_comment_rewards_total', { status: 'issued' })).toBe(2)
    expect(sampleValue(m, 'inkind_rate_limited_total', { route: COMMENTS_ROUTE })).toBe(1)
    expect(sampleValue(m, 'inkind_db_query_duration_seconds', { op: 'batch' }, 'inkind_db_query_duration_seconds_count')).toBeGreaterThan(0)
    expect(sampleValue(m, 'inkind_db_query_duration_seconds', { op: 'execute' }, 'inkind_db_query_duration_seconds_count')).toBeGreaterThan(0)
    // Instant rewards with SMTP configured send a copy: two emails wait in the outbox.
    expect(sampleValue(m, 'inkind_outbox_messages', { status: 'pending' })).toBe(2)
    expect(sampleValue(m, 'inkind_outbox_messages', { status: 'failed' })).toBe(0)
    close()
  })
})

describe('the reader loop’s routes', () => {
  it('are counted by their patterns (never a comment id or a link’s token), and their errors carry the request id, JSON or page', async () => {
    const { app, close } = await appWithMetrics()
    const thread = '/blog/another-secret-path'
    const posted = await (await postJson(app, threadPath(thread), aComment())).json()
    const id: number = posted.comment.id
    const token: string = posted.edit.token
    const send = (method: string, path: string, body: unknown) =>
      app.request(path, { method, headers: { 'content-type': 'application/json', origin: 'https://blog.example' }, body: JSON.stringify(body) })
    expect((await send('PATCH', `/api/v1/sites/cpr/comments/${id}`, { token, body: 'A genuine thought, said better.' })).status).toBe(200)
    expect((await send('DELETE', `/api/v1/sites/cpr/comments/${id}`, { token })).status).toBe(200)
    const missing = await send('PATCH', '/api/v1/sites/cpr/comments/987654', { token, body: 'Where did it go?' })
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.requestId).toBe(missing.headers.get('x-request-id'))
    expect((await send('POST', '/api/v1/sites/cpr/readers/data-link', { email: 'nobody@example.com' })).status).toBe(202)
    const madeUp = 'a-made-up-link-token-0123456789'
    const page = await app.request(`/reader/confirm?t=${madeUp}`)
    expect(page.status).toBeGreaterThanOrEqual(400)
    expect(await page.text()).toContain(page.headers.get('x-request-id')!)

    const text = await (await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).text()
    const m = parsePrometheus(text)
    const ITEM = '/api/v1/sites/:site/comments/:id'
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'PATCH', route: ITEM, status: '200' })).toBe(1)
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'PATCH', route: ITEM, status: '404' })).toBe(1)
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'DELETE', route: ITEM, status: '200' })).toBe(1)
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'POST', route: '/api/v1/sites/:site/readers/data-link', status: '202' })).toBe(1)
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'GET', route: '/reader/confirm', status: String(page.status) })).toBe(1)
    for (const secret of [madeUp, token, 'another-secret-path', '987654', `/comments/${id}`]) expect(text).not.toContain(secret)
    close()
  })
})

describe('the strict exposition reader', () => {
  it('refuses what is not a whole exposition', () => {
    const ok = '# HELP x_seconds h\n# TYPE x_seconds histogram\nx_seconds_bucket{le="1"} 1\nx_seconds_bucket{le="+Inf"} 2\nx_seconds_sum 3\nx_seconds_count 2\n'
    expect(parsePrometheus(ok).get('x_seconds')?.samples).toHaveLength(4)
    expect(() => parsePrometheus(ok.replace('x_seconds_count 2', 'x_seconds_count 3'))).toThrow(/not _count/)
    expect(() => parsePrometheus(ok.replace('{le="1"} 1', '{le="1"} 5'))).toThrow(/cumulative/)
    expect(() => parsePrometheus('y 1\n')).toThrow(/no HELP and TYPE/)
    expect(() => parsePrometheus('# HELP y h\n# TYPE y counter\ny{a="1} 1\n')).toThrow(/unterminated/)
    expect(parsePrometheus('# HELP y h\n# TYPE y counter\ny{a="q\\"\\n"} 1\n').get('y')?.samples[0]?.labels.a).toBe('q"\n')
  })
})

describe('the real server', () => {
  let server: RunningServer
  let metricsPort: number
  afterAll(() => server?.stop())

  it('serves metrics on its loopback listener without a token, and on the main port only with it', async () => {
    metricsPort = await freePort()
    server = await startServer({ METRICS_PORT: String(metricsPort), METRICS_TOKEN: TOKEN })
    expect(server.output()).toContain(`http://127.0.0.1:${metricsPort}/metrics`)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const loopback = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
    expect(loopback.status).toBe(200)
    const m = parsePrometheus(await loopback.text())
    expect(sampleValue(m, 'inkind_http_requests_total', { method: 'GET', route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1)
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404)
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
  })

  it('names each request with an id: its proxy’s, if sane, else its own; in the header, the error body and the log', async () => {
    const fromProxy = 'f3a9c2e1d4b5a6978812ab34cd56ef90'
    const res = await fetch(`${server.url}/api/v1/sites/nope/config`, { headers: { 'x-request-id': fromProxy } })
    expect(res.status).toBe(404)
    expect(res.headers.get('x-request-id')).toBe(fromProxy)
    expect((await res.json()).error).toMatchObject({ code: 'site_not_found', requestId: fromProxy })
    const forged = await fetch(`${server.url}/api/v1/sites/nope/config`, { headers: { 'x-request-id': 'bad id\u00e9 "injected"' } })
    const made = forged.headers.get('x-request-id')!
    expect(made).toMatch(/^[0-9a-f-]{36}$/)
    expect((await forged.json()).error.requestId).toBe(made)
    await expect.poll(() => server.output()).toContain(made)
    const line = server
      .output()
      .split('\n')
      .find((l) => l.includes(fromProxy))!
    expect(JSON.parse(line)).toMatchObject({ level: 'info', msg: 'request', requestId: fromProxy, route: '/api/v1/sites/:site/config', status: 404 })
    expect(JSON.parse(line).time).toMatch(/^\d{4}-\d\d-\d\dT/)
  })
})
