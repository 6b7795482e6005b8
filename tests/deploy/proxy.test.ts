/**
 * The owner's proxy configurations (deploy/caddy/Caddyfile, deploy/nginx/inkind.conf) in front
 * of a real Inkind server, over HTTPS with a certificate only the test trusts, checked with curl
 * and in Chromium: TLS, HTTP/2, HSTS over https only, http redirected, the admin's cookie Secure
 * and __Host-, the client address from the proxy and never from the client, the proxy's request
 * id, compression of JSON and scripts, long cache lifetimes for hashed assets and short ones for
 * widget.js, no reader's link key in the access log; a reader comments and gets a code; the owner
 * logs in and finds it.
 * Run by `npm run test:deploy` (and .ci/run), which installs Debian's caddy and nginx when missing.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch } from '../helpers/browser.ts'
import { parsePrometheus, sampleValue } from '../helpers/prometheus.ts'
import { OWNER, type RunningServer, startServer } from '../helpers/server.ts'
import { ROOT } from '../helpers/test-app.ts'
import { writeComment } from '../helpers/widget.ts'
import { curl, type Proxy as ProxyServer, SETUP, startCaddy, startNginx } from './proxies.ts'

const run = promisify(execFile)
const METRICS_TOKEN = 'metrics-token-for-the-proxy-test'
const THREAD = '/blog/reciprocity'

beforeAll(async () => {
  await run('bash', [SETUP, 'packages'], { maxBuffer: 1 << 24 })
}, 900_000)

describe.each([
  ['caddy', startCaddy],
  ['nginx', startNginx],
] as const)('Inkind behind %s', (name, startProxy) => {
  let dir: string
  let server: RunningServer
  let proxy: ProxyServer
  let browser: Browser
  let code: string
  /** The server itself, behind the proxy (startServer's url names a port it did not use here). */
  let direct: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `inkind-${name}-`))
    // The server's public URL is the proxy's https address, which is only known once the proxy has its port:
    // start the server on a port of its own first, then the proxy in front, then the server again with PUBLIC_URL.
    const probe = await startServer()
    await probe.stop()
    const port = Number(new URL(probe.url).port)
    proxy = await startProxy(join(dir, name), port)
    direct = `http://127.0.0.1:${port}`
    server = await startServer({ ...OWNER, PORT: String(port), PUBLIC_URL: proxy.url, TRUST_PROXY: '1', METRICS_TOKEN })
    await run('bash', [SETUP, 'trust', proxy.ca, join(dir, 'chromium-home')])
    browser = await launch({ env: { HOME: join(dir, 'chromium-home') } })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await proxy?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('serves HTTPS with a certificate only its CA vouches for, over HTTP/2, with HSTS; plain http is redirected without HSTS', async () => {
    const health = await curl(`${proxy.url}/healthz`, proxy.ca)
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body)).toEqual({ ok: true, database: 'ok' })
    expect(health.httpVersion).toBe('2')
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    // The machine's own trust store does not know the test CA.
    await expect(curl(`${proxy.url}/healthz`, null)).rejects.toMatchObject({ stderr: expect.stringMatching(/certificate/i) })

    const plain = await curl(`${proxy.httpUrl}/healthz`, null)
    expect([301, 302, 307, 308]).toContain(plain.status)
    expect(plain.headers.location).toMatch(/^https:\/\/localhost(:\d+)?\/healthz$/)
    expect(plain.headers['strict-transport-security']).toBeUndefined()
    // Inkind itself, asked over plain http without a proxy saying https, sends no HSTS either.
    expect((await curl(`${direct}/healthz`, null)).headers['strict-transport-security']).toBeUndefined()
  })

  it('compresses JSON and scripts; hashed admin assets are cached for a year, widget.js for minutes', async () => {
    // (Answers under a few hundred bytes, like a site's config, are not worth compressing and are sent as they are.)
    for (const path of ['/api/v1/openapi.json', '/widget.js', '/count.js']) {
      const r = await curl(`${proxy.url}${path}`, proxy.ca, ['-H', 'Accept-Encoding: gzip'])
      expect(r.status, path).toBe(200)
      expect(r.headers['content-encoding'], path).toBe('gzip')
      expect(r.headers.vary?.toLowerCase(), path).toContain('accept-encoding')
    }
    if (name === 'caddy') expect((await curl(`${proxy.url}/widget.js`, proxy.ca, ['-H', 'Accept-Encoding: zstd'])).headers['content-encoding']).toBe('zstd')

    const widget = await curl(`${proxy.url}/widget.js`, proxy.ca)
    expect(widget.headers['content-type']).toMatch(/^text\/javascript/)
    expect(widget.headers['cache-control']).toMatch(/max-age=300\b/)
    expect(widget.headers['cache-control']).not.toContain('immutable')

    const asset = /\/admin\/assets\/index-[\w-]+\.js/.exec(readFileSync(join(ROOT, 'dist/admin/index.html'), 'utf8'))![0]
    const hashed = await curl(`${proxy.url}${asset}`, proxy.ca, ['-H', 'Accept-Encoding: gzip'])
    expect(hashed.status).toBe(200)
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(hashed.headers['content-encoding']).toBe('gzip')
  })

  it('gives the admin a Secure, HttpOnly __Host- cookie over https', async () => {
    const login = await curl(`${proxy.url}/api/v1/admin/session`, proxy.ca, [
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-H',
      `Origin: ${proxy.url}`,
      '--data',
      JSON.stringify({ email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }),
    ])
    expect(login.status).toBe(200)
    const session = login.headers['set-cookie']!.split('\n').find((c) => c.startsWith('__Host-inkind_session='))!
    expect(session).toBeDefined()
    expect(session).toMatch(/; Secure/i)
    expect(session).toMatch(/; HttpOnly/i)
    expect(session).toMatch(/; Path=\//i)
    expect(session).not.toMatch(/; Domain=/i)
  })

  it('in Chromium: a reader on the https page comments and gets a code', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    const answer = await page.goto(`${proxy.url}/`)
    expect(answer?.status()).toBe(200)
    expect((await answer?.securityDetails())?.protocol).toMatch(/TLS 1\.[23]/)
    await page.locator('#inkind').scrollIntoViewIfNeeded()
    await page.waitForSelector('#inkind[data-inkind-loaded]')
    await writeComment(page, { name: 'Ada Reader', email: 'ada.reader@example.com', body: `Read and commented through ${name}, over https.` })
    code = (await page.locator('#inkind .reward code').textContent())!
    expect(code).toMatch(/\S{8,}/)
    expect(errors).toEqual([])
    await context.close()
  })

  it('in Chromium: the owner logs in over https, holds a Secure __Host- cookie and finds the reader’s code', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${proxy.url}/admin`)
    await page.getByLabel('Email').fill(OWNER.INKIND_ADMIN_EMAIL)
    await page.getByLabel('Password').fill(OWNER.INKIND_ADMIN_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    // The admin opens on its start page; the codes are a menu item away.
    await page.waitForSelector('#start-title')
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Codes', exact: true }).click()
    await page.waitForSelector('table.codes')
    await page.locator(`tr[data-code="${code}"]`).waitFor()
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-inkind_session')
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/', domain: 'localhost' })
    expect((await context.cookies()).find((c) => c.name === 'inkind_session')).toBeUndefined()
    await context.close()
  })

  it('counts the client address the proxy saw, whatever X-Forwarded-For the client sends; passes the proxy’s request id', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const r = await curl(`${proxy.url}/api/v1/sites/demo/threads/${encodeURIComponent(THREAD)}/comments`, proxy.ca, [
        '-H',
        'Content-Type: application/json',
        '-H',
        `Origin: ${proxy.url}`,
        // A new "client" each time: if Inkind believed it, no limit would ever be reached.
        '-H',
        `X-Forwarded-For: 203.0.113.${i + 1}`,
        '-H',
        'X-Request-Id: chosen-by-the-client-0001',
        '--data',
        JSON.stringify({ authorName: `Forger ${i}`, email: `forger${i}@gmail.com`, body: `Forged address number ${i}.`, elapsedMs: 20_000 }),
      ])
      statuses.push(r.status)
      expect(r.headers['x-request-id']).not.toBe('chosen-by-the-client-0001')
      expect(r.headers['x-request-id']).toMatch(name === 'caddy' ? /^[0-9a-f-]{36}$/ : /^[0-9a-f]{32}$/)
      if (r.status === 429) expect(JSON.parse(r.body).error.requestId).toBe(r.headers['x-request-id'])
    }
    // 10 comments a minute per client network, one of them the Chromium reader's: every request is one network
    // (127.0.0.1, as the proxy saw it), so the limit is reached.
    expect(statuses[0]).toBe(201)
    expect(statuses).toContain(429)
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10)

    const metrics = await curl(`${proxy.url}/metrics`, proxy.ca, ['-H', `Authorization: Bearer ${METRICS_TOKEN}`])
    expect(metrics.status).toBe(200)
    const m = parsePrometheus(metrics.body)
    expect(sampleValue(m, 'inkind_rate_limited_total', { route: '/api/v1/sites/:site/threads/:thread/comments' })).toBeGreaterThanOrEqual(1)

    // A reader's link (its key in ?t=) answers with the request id on its page, and the key stays out of the access log.
    const secret = 'a-reader-link-key-that-stays-secret-0042'
    const link = await curl(`${proxy.url}/reader/data?t=${secret}`, proxy.ca)
    expect(link.status).toBe(404)
    expect(link.body).toContain(link.headers['x-request-id']!)
    await expect.poll(() => readFileSync(proxy.accessLog, 'utf8'), { timeout: 10_000 }).toContain('/reader/data')
    expect(readFileSync(proxy.accessLog, 'utf8')).not.toContain(secret)

    // The proxy's access log and Inkind's log name the same request.
    if (name === 'nginx') {
      const last = readFileSync(proxy.accessLog, 'utf8')
        .trim()
        .split('\n')
        .filter((l) => l.includes('/comments'))
        .at(-1)!
      const id = JSON.parse(last).request_id as string
      await expect.poll(() => server.output()).toContain(`"requestId":"${id}"`)
    }
  })
})
