/**
 * Every admin page with data in it, in real Chromium, at desktop and phone
 * width, failing on any page error; and the four things that broke an owner's
 * first day: the Shop page with webhooks, typing a second allowed origin,
 * holding rewards on a server that cannot send email, and a rewarded comment
 * marked as spam.
 */
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { adminSession, freePort, OWNER, postDemoComment, type RunningServer, startServer } from '../helpers/server.ts'

let server: RunningServer
let browser: Browser
let receiver: Server
let receiverUrl: string
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } }

beforeAll(async () => {
  receiver = createServer((_req, res) => res.end('ok'))
  const port = await freePort()
  await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r))
  receiverUrl = `http://127.0.0.1:${port}/hooks`
  ;[server, browser] = await Promise.all([startServer({ ...OWNER, WEBHOOKS_ALLOW_PRIVATE: '1' }), launch()])

  // A day's worth of data: webhooks, a key, a pool, readers, a reply, spam, a redeemed code.
  const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  await admin('POST', '/sites/demo/webhooks', { url: receiverUrl, events: ['comment.created', 'reward.issued'] })
  await admin('POST', '/sites/demo/webhooks', { url: `${receiverUrl}/orders`, events: ['code.redeemed'] })
  const { key } = await admin<{ key: string }>('POST', '/sites/demo/api-keys', { name: 'Checkout' })
  await admin('POST', '/sites/demo/code-pool', { csv: 'Code\nPOOL-0001\nPOOL-0002\n' })
  const names = ['Maren Lindqvist', 'Jiménez Ruiz', 'Noor Haddad', 'Kai Tanaka', 'Grace Hopper']
  const answers = []
  for (const [i, name] of names.entries()) {
    answers.push(
      await postDemoComment(server.url, '/blog/reciprocity', { authorName: name, email: `reader${i}@gmail.com`, body: `Thought number ${i} on giving first.` }),
    )
  }
  await postDemoComment(server.url, '/blog/reciprocity', {
    authorName: 'Noor Haddad',
    email: 'noor.h@gmail.com',
    body: 'A reply, in kind.',
    parentId: answers[0]!.body.comment.id,
  })
  await postDemoComment(server.url, '/blog/reciprocity', { authorName: 'Bot', email: 'bot@gmail.com', body: 'buy now', website: 'spam' })
  // Four readers from one network in a day: the fourth reward is held for a look (the start page lists it).
  for (const i of [1, 2, 3, 4]) {
    await postDemoComment(
      server.url,
      '/blog/reciprocity',
      { authorName: `Neighbour ${i}`, email: `neighbour${i}@example.org`, body: `Same café, thought ${i}.` },
      '198.18.250.7',
    )
  }
  // The widget refused on a preview host: an origin to allow.
  await fetch(`${server.url}/api/v1/sites/demo/threads/${encodeURIComponent('/blog/reciprocity')}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://preview.northwind.example' },
    body: JSON.stringify({ authorName: 'Preview', email: 'preview@example.org', body: 'From the preview.', elapsedMs: 20_000 }),
  })
  // People: a moderator who joined by an invitation, one invitation still open (no SMTP: the link is answered).
  const joined = await admin<{ link: string }>('POST', '/admins/invites', { email: 'sam.moderator@example.com', role: 'moderator' })
  const token = new URL(joined.link).searchParams.get('t')
  await fetch(`${server.url}/api/v1/admin/invites/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ token, name: 'Sam', password: 'a moderator password' }),
  })
  await admin('POST', '/admins/invites', { email: 'kai.owner@example.com', role: 'owner' })
  const code = answers[1]!.body.reward!.code!
  await fetch(`${server.url}/api/v1/codes/${code}/redeem`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ orderRef: '#1001' }),
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await new Promise((r) => receiver?.close(r))
})

/** A logged-in admin page that records every page error and console error. */
async function adminPage(viewport = VIEWPORTS.desktop): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`))
  await page.goto(`${server.url}/admin`)
  await page.getByLabel('Email').fill(OWNER.INKIND_ADMIN_EMAIL)
  await page.getByLabel('Password').fill(OWNER.INKIND_ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForSelector('#start-title')
  return { page, errors }
}

const PAGES: [string, string][] = [
  ['Start', '.attention li'],
  ['Codes', 'table.codes tbody tr'],
  ['Comments', '.queue'],
  ['Stats', 'svg'],
  ['Shop', 'text=Webhooks'],
  ['Settings', 'form.settings'],
  ['People', 'table.people tbody tr'],
  ['Audit log', 'table.audit tbody tr'],
  ['Import & export', 'text=Export this site'],
]
/** The pages of this part of the admin: no sideways scrolling even on a phone. */
const NARROW_OK = ['Start', 'People', 'Audit log', 'Account']

describe('every admin page, with data', () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`renders without a page error at ${viewport.width} px`, async () => {
      const { page, errors } = await adminPage(viewport)
      for (const [name, ready] of PAGES) {
        const nav = page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name })
        await nav.click()
        await page.waitForSelector(ready, { state: 'attached' })
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: join(ARTIFACTS, `admin-${name.toLowerCase().replace(/\s+/g, '-')}-${size}.png`), fullPage: true })
        expect(errors, `${name}: ${errors.join('; ')}`).toEqual([])
        if (NARROW_OK.includes(name)) expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(viewport.width)
      }
      // Your own account, from your name (or "Account" on a phone).
      await page.locator('.me a').click()
      await page.getByRole('button', { name: 'Turn on two-factor login' }).waitFor()
      await page.screenshot({ path: join(ARTIFACTS, `admin-account-${size}.png`), fullPage: true })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
      expect(errors).toEqual([])
      await page.close()
    })
  }
})

describe('the menu', () => {
  it('counts what needs you, and on a 360 px phone stays one row with no keyboard hints', async () => {
    const { page, errors } = await adminPage({ width: 360, height: 740 })
    const nav = page.getByRole('navigation', { name: 'Admin' })
    // A held reward and a refused origin: two things.
    const start = nav.getByRole('link', { name: 'Start', exact: true })
    await expect.poll(() => start.locator('.count').textContent()).toBe('2')
    expect(await start.getAttribute('aria-describedby')).toBe('count-start')
    expect(await page.locator('#count-start').textContent()).toBe('2 things need you')
    const items = await nav.getByRole('link').evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)))
    expect(new Set(items).size, 'menu rows').toBe(1)
    const header = await page.locator('header.top').boundingBox()
    expect(header!.height).toBeLessThan(110)
    await nav.getByRole('link', { name: 'Comments', exact: true }).click()
    await page.locator('#comments-title').waitFor()
    expect(await page.locator('.hint kbd').count()).toBeGreaterThan(0)
    expect(await page.locator('.hint kbd').first().isVisible()).toBe(false)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('the API reference', () => {
  it('renders from this server under its strict CSP, with every route', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${server.url}/api/docs`)
    await page.locator('.swagger-ui .info .title').waitFor()
    await page.getByText('/api/v1/sites/{site}/threads/{thread}/comments').first().waitFor()
    expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(38)
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png') })
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('the four things that broke', () => {
  it('the Shop page lists both webhooks, and one can be removed', async () => {
    const { page, errors } = await adminPage()
    page.on('dialog', (d) => d.accept())
    await page.getByRole('link', { name: 'Shop' }).click()
    const hooks = page.locator('li', { has: page.locator(`code:text-is("${receiverUrl}")`) })
    await hooks.waitFor()
    expect(await page.locator(`code:text-is("${receiverUrl}/orders")`).count()).toBe(1)
    await hooks.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => page.locator(`code:text-is("${receiverUrl}")`).count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('a second allowed origin can be typed, line by line', async () => {
    const { page, errors } = await adminPage()
    await page.getByRole('link', { name: 'Settings' }).click()
    const origins = page.getByLabel('Allowed origins')
    await origins.click()
    await page.keyboard.press('End')
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('https://blog.northwind.example')
    expect(await origins.inputValue()).toBe(`${server.url}\nhttps://blog.northwind.example`)
    await page.getByRole('button', { name: 'Save settings' }).click()
    // The site's form says it (the page has a second status line, for your notifications).
    await expect.poll(() => page.locator('form.settings').first().getByRole('status').textContent()).toContain('Saved')
    await page.reload()
    await expect.poll(() => page.getByLabel('Allowed origins').inputValue()).toBe(`${server.url}\nhttps://blog.northwind.example`)
    expect(errors).toEqual([])
  })

  it('holding rewards on a server that cannot send email is refused, with the reason', async () => {
    const { page } = await adminPage()
    await page.getByRole('link', { name: 'Settings' }).click()
    expect(await page.getByRole('note').textContent()).toContain('SMTP_URL is not set')
    await page.getByLabel('Moderation').selectOption('pre')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.locator('form.settings').first().getByRole('status').textContent()).toContain('cannot send email')
    const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    expect((await admin<{ moderation: string }>('GET', '/sites/demo')).moderation).toBe('auto')
  })

  it('marking a rewarded comment as spam offers to revoke its code', async () => {
    const reader = await postDemoComment(server.url, '/blog/reciprocity', {
      authorName: 'Farmer Joe',
      email: 'farmer.joe@gmail.com',
      body: 'Buy my stuff, also nice post.',
    })
    const code = reader.body.reward!.code!
    const { page, errors } = await adminPage()
    await page.goto(`${server.url}/admin/comments?status=published`)
    const item = page.locator('.queue article', { hasText: 'Buy my stuff' })
    await item.waitFor()
    await item.focus()
    await page.keyboard.press('s')
    const followUp = page.getByRole('alert').filter({ hasText: code })
    await followUp.waitFor()
    await followUp.getByRole('button', { name: 'Revoke the code too' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`${code} is revoked`)
    const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    const codes = await admin<{ items: { status: string }[] }>('GET', `/codes?q=${code}`)
    expect(codes.items[0]!.status).toBe('revoked')
    expect(errors).toEqual([])
  })
})
