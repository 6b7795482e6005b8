/**
 * The Ghost guide's snippet on a real Ghost 5 (from the npm registry, SQLite;
 * tests/platforms/ghost/setup.sh installs it once and starts it): set as the
 * site footer through Ghost's Admin API, as an owner pastes it into Code
 * injection. A reader comments on a post and gets a code under Casper, and
 * again under Source; the home page gets no widget. Run by `npm run test:ghost`
 * (and .ci/run).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch } from '../helpers/browser.ts'
import { guideScreenshot, guideSnippet } from '../helpers/guide.ts'
import { freePort, OWNER, type RunningServer, startServer } from '../helpers/server.ts'
import { addSiteWithCli } from '../helpers/site.ts'
import { ROOT } from '../helpers/test-app.ts'
import { writeComment } from '../helpers/widget.ts'

const run = promisify(execFile)
const SCRIPTS = join(ROOT, 'tests/platforms/ghost')
const GHOST_OWNER = { email: 'owner@example.com', password: 'Inkind-test-pass-1234' }

let inkind: RunningServer
let browser: Browser
let dir: string
let ghost: string

/** Ghost's Admin API with the owner's session, as Ghost Admin itself calls it. */
let cookie = ''
async function ghostApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${ghost}/ghost/api/admin${path}`, {
    method,
    headers: { origin: ghost, 'accept-version': 'v5.0', 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  const session = res.headers.getSetCookie().find((c) => c.startsWith('ghost-admin-api-session='))
  if (session) cookie = session.split(';')[0]!
  return ((res.headers.get('content-type') ?? '').includes('json') ? await res.json() : null) as T
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkind-ghost-'))
  const port = await freePort()
  ghost = `http://127.0.0.1:${port}`
  const started = Date.now()
  const [setup, server, chromium] = await Promise.all([
    run('bash', [join(SCRIPTS, 'setup.sh'), dir, String(port)], { maxBuffer: 1 << 24 }),
    startServer({ ...OWNER }),
    launch(),
  ])
  inkind = server
  browser = chromium

  // The owner's first steps in Ghost Admin, through its API: the account, a session, two posts, the snippet.
  await ghostApi('POST', '/authentication/setup/', { setup: [{ name: 'Maren Holt', ...GHOST_OWNER, blogTitle: 'Northwind Ghost' }] })
  // Ghost sometimes answers the next request before the new session is stored: log in until it knows us.
  for (let attempt = 1; ; attempt++) {
    await ghostApi('POST', '/session/', { username: GHOST_OWNER.email, password: GHOST_OWNER.password })
    await new Promise((r) => setTimeout(r, 200))
    const me = await ghostApi('GET', '/users/me/').catch((e: Error) => (attempt < 10 ? null : Promise.reject(e)))
    if (me) break
  }
  for (const [title, slug] of [
    ['Giving first', 'giving-first'],
    ['Asking well', 'asking-well'],
  ]) {
    await ghostApi('POST', '/posts/?source=html', {
      posts: [
        {
          title,
          slug,
          status: 'published',
          html: `<p>The people who get furthest in a network are rarely the ones who ask first.</p><p>A useful introduction, an honest answer: small gifts, remembered for years.</p>`,
        },
      ],
    })
  }
  await ghostApi('PUT', '/settings/', { settings: [{ key: 'codeinjection_foot', value: guideSnippet('ghost', 'site-wide', inkind.url) }] })
  await ghostApi('PUT', '/themes/casper/activate/')
  console.log(`${setup.stderr.trim()}\nGhost ready in ${Date.now() - started} ms`)
  await addSiteWithCli(inkind, 'cpr', [ghost], 'Northwind Ghost')
})

afterAll(async () => {
  await browser?.close()
  await inkind?.stop()
  if (dir) {
    await run('bash', [join(SCRIPTS, 'stop.sh'), dir]).catch((e) => console.error(e))
    rmSync(dir, { recursive: true, force: true })
  }
})

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
  // Ghost's themes load jQuery and Portal from CDNs, which this machine cannot reach: only errors from Inkind's scripts count.
  const errors: string[] = []
  page.on('pageerror', (e) => e.stack?.includes(inkind.url) && errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && m.location().url.startsWith(inkind.url) && errors.push(m.text()))
  await page.goto(ghost + path, { waitUntil: 'load' })
  return { page, errors }
}

async function commentOn(path: string, who: string) {
  const { page, errors } = await open(path)
  await page.locator('#inkind').scrollIntoViewIfNeeded()
  await page.waitForSelector('#inkind[data-inkind-loaded]')
  expect(await page.locator('.gh-content > #inkind:last-child').count()).toBe(1)
  expect(await page.locator('script[src$="/widget.js"]').getAttribute('data-thread')).toBe(path)
  await writeComment(page, { name: who, email: `${who.toLowerCase().replace(' ', '.')}@gmail.com`, body: `${who} read this on Ghost.` })
  expect(await page.locator('#inkind .reward code').textContent()).toMatch(/^[0-9A-Z]{12}$/)
  expect(errors).toEqual([])
  return page
}

describe('the Ghost guide’s snippet on a real Ghost', () => {
  it('leaves Ghost’s own comments off, as the guide says', async () => {
    const { settings } = await ghostApi<{ settings: { key: string; value: unknown }[] }>('GET', '/settings/')
    expect(settings.find((s) => s.key === 'comments_enabled')?.value).toBe('off')
  })

  it('puts the comments below a post in Casper, and a reader gets a code', async () => {
    const page = await commentOn('/giving-first/', 'Casper Reader')
    await guideScreenshot(page, 'ghost-post', { fullPage: true })
    await page.close()
  })

  it('does nothing on the home page', async () => {
    const { page } = await open('/')
    await page.waitForTimeout(300)
    expect(await page.locator('#inkind').count()).toBe(0)
    await page.close()
  })

  it('keeps working after the owner switches to the Source theme', async () => {
    await ghostApi('PUT', '/themes/source/activate/')
    const page = await commentOn('/asking-well/', 'Source Reader')
    await page.close()
    const counts = await (await fetch(`${inkind.url}/api/v1/sites/cpr/counts?threads=/giving-first/,/asking-well/`)).json()
    expect(counts).toEqual({ counts: { '/giving-first/': 1, '/asking-well/': 1 } })
  })
})
