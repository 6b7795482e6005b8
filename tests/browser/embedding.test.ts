/**
 * The built widget.js embedded in host pages nobody at Inkind wrote, served
 * from another origin the site allows: hostile CSS, a dark theme, a 320 px
 * phone, a strict CSP, a German page, the script twice, an index page with
 * counts. In each a reader comments and sees their code, and the host's own
 * elements keep their styles. Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { type HostSite, hostSite } from '../helpers/host-site.ts'
import { adminSession, OWNER, type RunningServer, startServer } from '../helpers/server.ts'
import { ENGLISH, writeComment } from '../helpers/widget.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
let inkind: RunningServer
let host: HostSite
let browser: Browser

const article = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} of a post about giving first, long enough to fill a line or two of the page.</p>`).join('\n')

function page(opts: { lang?: string; head?: string; body?: string; theme?: string; thread: string; scripts?: number }) {
  const tag = `<script src="${inkind.url}/widget.js" data-site="blog" data-thread="${opts.thread}"${opts.theme ? ` data-theme="${opts.theme}"` : ''} async></script>`
  return `<!doctype html><html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Host page</title>${opts.head ?? ''}</head>
<body><h1 id="host-title">A post on the host blog</h1>${article(3)}${opts.body ?? ''}<div id="inkind"></div>${tag.repeat(opts.scripts ?? 1)}<footer id="host-footer">Host footer</footer></body></html>`
}

beforeAll(async () => {
  ;[inkind, browser] = await Promise.all([startServer({ ...OWNER }), launch()])
  const pages: Record<string, { html: string; csp?: string }> = {}
  host = await hostSite(pages)
  // The host blog's site, made as an owner would, with the CLI: its origin allowed.
  await cliAddSite(host.url)
  // Every reader of this suite is the one browser on 127.0.0.1: one client network, allowed many rewards.
  const admin = await adminSession(inkind.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const { id: _, ...site } = await admin<{ antiAbuse: object } & Record<string, unknown>>('GET', '/sites/blog')
  await admin('PUT', '/sites/blog', { ...site, antiAbuse: { ...site.antiAbuse, rewardsPerNetworkPerDay: 1000, rewardsPerWideNetworkPerDay: 1000 } })

  Object.assign(pages, {
    '/hostile': {
      html: page({
        thread: '/hostile',
        head: `<style>* { all: unset; } html, body { display: block; } div { float: left !important; width: 10px !important; display: inline !important; }
          input, textarea, button { display: none !important; } p { color: rgb(200, 0, 0); text-transform: uppercase; letter-spacing: 3px; font: 30px/3 serif; }
          #host-title { display: block; color: rgb(0, 0, 255); font-size: 40px; }</style>`,
      }),
    },
    '/dark': {
      html: page({
        thread: '/dark',
        head: `<style>:root { color-scheme: dark; } body { background: #111; color: #eee; font-family: Georgia, serif; } #host-title { color: rgb(255, 200, 0); }</style>`,
      }),
    },
    '/mobile': { html: page({ thread: '/mobile', head: '<style>body { margin: 8px; font-family: sans-serif; }</style>' }) },
    '/csp': {
      html: page({ thread: '/csp' }),
      csp: `default-src 'none'; script-src ${'INKIND'}; connect-src ${'INKIND'}; style-src 'self'; img-src 'self'`,
    },
    '/german': { html: page({ thread: '/german', lang: 'de' }) },
    '/twice': { html: page({ thread: '/twice', scripts: 2 }) },
    '/index': {
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Index</title></head><body><h1>All posts</h1><ul>${Array.from(
        { length: 50 },
        (_, i) => `<li><a href="/post-${i}">Post ${i}</a> · <a href="/post-${i}#inkind" data-inkind-count="/post-${i}">comments</a></li>`,
      ).join('')}</ul><script src="${inkind.url}/count.js" data-site="blog" async></script></body></html>`,
    },
  })
  pages['/csp']!.csp = pages['/csp']!.csp!.replaceAll('INKIND', inkind.url)
})

afterAll(async () => {
  await browser?.close()
  await host?.close()
  await inkind?.stop()
})

async function cliAddSite(origin: string) {
  const { promisify } = await import('node:util')
  const { execFile } = await import('node:child_process')
  const { ROOT } = await import('../helpers/test-app.ts')
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', 'site', 'add', 'blog', '--name', 'Host Blog', '--origin', origin, '--label', '10% off', '--percent-off', '10'],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: inkind.databaseUrl },
    },
  )
}

async function open(path: string, viewport = { width: 1000, height: 900 }): Promise<Page> {
  const p = await browser.newPage({ viewport })
  const errors: string[] = []
  p.on('pageerror', (e) => errors.push(e.message))
  p.on('console', (m) => m.type() === 'error' && !/404/.test(m.text()) && errors.push(m.text()))
  await p.goto(host.url + path)
  await p.locator('#inkind').scrollIntoViewIfNeeded()
  await p.waitForSelector('#inkind[data-inkind-loaded]')
  expect(errors, `${path}: ${errors.join('; ')}`).toEqual([])
  return p
}

async function commentAndGetCode(p: Page, labels = ENGLISH) {
  const id = Math.random().toString(36).slice(2)
  await writeComment(p, { name: 'Host Reader', email: `reader.${id}@gmail.com`, body: `Giving first works on this blog too (${id}).` }, labels)
  return (await p.locator('#inkind .reward code').textContent())!
}

describe('the widget embedded on another origin', () => {
  it('survives a hostile CSS reset, and the host keeps its styles', async () => {
    const p = await open('/hostile')
    const box = await p.locator('#inkind').boundingBox()
    expect(box!.width).toBeGreaterThan(500)
    await p.locator('#inkind textarea').waitFor()
    const textarea = await p.evaluate(() => getComputedStyle(document.querySelector('#inkind')!.shadowRoot!.querySelector('textarea')!).display)
    expect(textarea).toBe('block')
    expect(await commentAndGetCode(p)).toMatch(/^[0-9A-Z]{12}$/)
    const hostTitle = await p.evaluate(() => getComputedStyle(document.getElementById('host-title')!).color)
    expect(hostTitle).toBe('rgb(0, 0, 255)')
    // The host's rules on p and inputs do not reach inside, and ours do not reach out.
    const inside = await p.evaluate(() => {
      const root = document.querySelector('#inkind')!.shadowRoot!
      const para = getComputedStyle(root.querySelector('.text p') ?? root.querySelector('p')!)
      return {
        color: para.color,
        transform: para.textTransform,
        spacing: para.letterSpacing,
      }
    })
    expect(inside).toMatchObject({ transform: 'none', spacing: 'normal' })
    expect(inside.color).not.toBe('rgb(200, 0, 0)')
    await p.screenshot({ path: join(ARTIFACTS, 'embed-hostile.png'), fullPage: true })
  })

  it('follows a dark host page', async () => {
    const p = await open('/dark')
    expect(await p.locator('#inkind').getAttribute('data-dark')).toBe('')
    // No slab of its own: the page's dark background shows through, the text is light.
    const look = await p.evaluate(() => {
      const section = getComputedStyle(document.querySelector('#inkind')!.shadowRoot!.querySelector('section')!)
      return { bg: section.backgroundColor, color: section.color }
    })
    expect(look.bg).toBe('rgba(0, 0, 0, 0)')
    expect(look.color).toBe('rgb(238, 238, 238)')
    await commentAndGetCode(p)
    expect(await p.evaluate(() => getComputedStyle(document.getElementById('host-title')!).color)).toBe('rgb(255, 200, 0)')
    await p.locator('#inkind').screenshot({ path: join(ARTIFACTS, 'embed-dark.png') })
  })

  it('fits a 320 px phone without sideways scrolling', async () => {
    const p = await open('/mobile', { width: 320, height: 640 })
    await commentAndGetCode(p)
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
    await p.screenshot({ path: join(ARTIFACTS, 'embed-320px.png'), fullPage: true })
  })

  it('works under a strict CSP that allows only the Inkind origin for script and connect', async () => {
    const p = await browser.newPage()
    const violations: string[] = []
    p.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()))
    await p.goto(`${host.url}/csp`)
    await p.locator('#inkind').scrollIntoViewIfNeeded()
    await p.waitForSelector('#inkind[data-inkind-loaded]')
    await commentAndGetCode(p)
    expect(violations).toEqual([])
    await p.locator('#inkind').screenshot({ path: join(ARTIFACTS, 'embed-csp.png') })
  })

  it('speaks German on a German page, with German dates', async () => {
    const p = await open('/german')
    const code = await commentAndGetCode(p, { comment: 'Kommentar', name: 'Name', email: 'E-Mail', submit: 'Kommentar senden' })
    expect(code).toMatch(/^[0-9A-Z]{12}$/)
    const text = await p.locator('#inkind section').textContent()
    expect(text).toContain('Ihr Rabattcode')
    expect(text).toContain('1 Kommentar')
    expect(text).toMatch(/Gültig bis \d{1,2}\.\d{2}\.\d{4}/)
    await p.locator('#inkind').screenshot({ path: join(ARTIFACTS, 'embed-german.png') })
  })

  it('mounts once when the script is on the page twice', async () => {
    const p = await open('/twice')
    expect(await p.evaluate(() => document.querySelectorAll('#inkind').length)).toBe(1)
    expect(await p.locator('#inkind').locator('form').count()).toBe(1)
  })

  it('fills 50 counts on an index page with one request', async () => {
    const p = await browser.newPage()
    const requests: string[] = []
    p.on('request', (r) => r.url().includes('/counts') && requests.push(r.url()))
    await p.goto(`${host.url}/index`)
    await expect.poll(() => p.locator('[data-inkind-count="/hostile"], [data-inkind-count="/post-0"]').first().textContent()).toBe('0 comments')
    expect(requests).toHaveLength(1)
    expect(await p.locator('[data-inkind-count]').count()).toBe(50)
  })

  it('has no axe-core violations, before and after commenting', async () => {
    const p = await open('/mobile')
    await p.addScriptTag({ content: axeSource })
    const run = () =>
      p.evaluate(async () =>
        (
          await (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run('#inkind')
        ).violations.map((v) => `${v.id} (${v.nodes.length})`),
      )
    expect(await run()).toEqual([])
    await commentAndGetCode(p)
    expect(await run()).toEqual([])
  })

  it('can be used from the keyboard alone', async () => {
    const p = await open('/german')
    // Tab from the host page into the form: comment, name, email, then the button.
    await p.locator('#host-title').click()
    const focused = () =>
      p.evaluate(
        () =>
          document.querySelector('#inkind')!.shadowRoot!.activeElement?.getAttribute('name') ??
          document.querySelector('#inkind')!.shadowRoot!.activeElement?.textContent,
      )
    for (let i = 0; i < 20 && (await focused()) !== 'body'; i++) await p.keyboard.press('Tab')
    expect(await focused()).toBe('body')
    await p.keyboard.type('Nur mit der Tastatur geschrieben.')
    await p.keyboard.press('Tab')
    await p.keyboard.type('Tastatur')
    await p.keyboard.press('Tab')
    await p.keyboard.type('keyboard.reader@gmail.com')
    await p.waitForTimeout(3100)
    await p.keyboard.press('Enter')
    await p.locator('#inkind .reward code').waitFor()
    // Focus went to the reward; one Tab reaches the copy button.
    expect(await p.evaluate(() => document.querySelector('#inkind')!.shadowRoot!.activeElement?.className)).toContain('reward')
    await p.keyboard.press('Tab')
    await p.keyboard.press('Enter')
    await expect.poll(() => p.locator('#inkind').getByRole('button', { name: 'Kopiert' }).isVisible()).toBe(true)
  })
})

describe('the admin app', () => {
  it('has no axe-core violations on its pages', async () => {
    // The admin's own CSP forbids inline script; only the test's axe injection bypasses it.
    const p = await (await browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true })).newPage()
    await p.goto(`${inkind.url}/admin`)
    await p.addScriptTag({ content: axeSource })
    const loginViolations = await p.evaluate(async () =>
      (await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string }[] }> } }).axe.run()).violations.map((v) => v.id),
    )
    expect(loginViolations).toEqual([])
    await p.getByLabel('Email').fill(OWNER.INKIND_ADMIN_EMAIL)
    await p.getByLabel('Password').fill(OWNER.INKIND_ADMIN_PASSWORD)
    await p.getByRole('button', { name: 'Log in' }).click()
    await p.waitForSelector('#start-title')
    for (const link of ['Start', 'Codes', 'Comments', 'Stats', 'Shop', 'Settings', 'People', 'Audit log']) {
      await p.getByRole('link', { name: link, exact: true }).click()
      await p.waitForTimeout(300)
      await p.addScriptTag({ content: axeSource })
      const violations = await p.evaluate(async () =>
        (
          await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run()
        ).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      )
      expect(violations, link).toEqual([])
    }
  })
})
