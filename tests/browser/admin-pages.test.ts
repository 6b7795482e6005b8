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
import { adminSession, freePort, listDemoPosts, OWNER, postDemoComment, type RunningServer, startServer } from '../helpers/server.ts'

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
  await page.waitForSelector('table.codes')
  return { page, errors }
}

const PAGES: [string, string][] = [
  ['Codes', 'table.codes tbody tr'],
  ['Comments', '.queue'],
  ['Stats', 'svg'],
  ['Shop', 'text=Webhooks'],
  ['Settings', 'form.settings'],
  ['Audit log', 'table'],
  ['Import & export', 'text=Export this site'],
]

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
      }
      await page.close()
    })
  }
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
    // The site's form comes first; "Your notifications" below has a status line of its own.
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved')
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
    // The site's form comes first; "Your notifications" below has a status line of its own.
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('cannot send email')
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

describe('the moderation views, with data', () => {
  let readerEmail: string
  beforeAll(async () => {
    const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    // Without email nothing is held site-wide: blocks that hold fill the queue, and one that refuses is listed.
    await admin('POST', '/sites/demo/blocks', { kind: 'word', value: 'affiliate', action: 'hold', note: 'Link farms' })
    await admin('POST', '/sites/demo/blocks', { kind: 'domain', value: 'spam-farm.example', action: 'refuse' })
    await listDemoPosts(server, ['/blog/closed-for-good', '/blog/give-first'])
    await admin('POST', '/sites/demo/posts/close', { thread: '/blog/closed-for-good' })
    const parent = await postDemoComment(server.url, '/blog/reciprocity', {
      authorName: 'Maren Lindqvist',
      email: 'maren.l@gmail.com',
      body: 'Reciprocity works best when nobody keeps score, which is exactly what this post argues for at length.',
    })
    readerEmail = 'noor.affiliate@gmail.com'
    await postDemoComment(server.url, '/blog/reciprocity', {
      authorName: 'Noor Haddad',
      email: readerEmail,
      body: 'Agreed! My affiliate page says the same.',
      parentId: parent.body.comment.id,
    })
    await postDemoComment(server.url, '/blog/give-first', {
      authorName: 'Noor Haddad',
      email: readerEmail,
      body: 'Another affiliate thought, on another post.',
    })
  })

  /** Each state of the Comments section, as an owner meets it. */
  const STATES: [string, (page: Page) => Promise<void>][] = [
    [
      'queue-selected',
      async (page) => {
        await page.goto(`${server.url}/admin/comments`)
        await page.locator('.queue article .in-reply').first().waitFor()
        await page.getByLabel('Select all on this page').check()
      },
    ],
    [
      'queue-edit',
      async (page) => {
        await page.goto(`${server.url}/admin/comments`)
        await page.locator('.queue article', { hasText: 'My affiliate page' }).getByRole('button', { name: 'Edit' }).click()
        // The text moves into the editor (no longer the article's text): found by its form.
        await page.locator('.queue .edit-box textarea').waitFor()
      },
    ],
    [
      'queue-block',
      async (page) => {
        await page.goto(`${server.url}/admin/comments`)
        const item = page.locator('.queue article', { hasText: 'on another post' })
        await item.getByRole('button', { name: 'Block…' }).click()
        await item.getByRole('group', { name: /^Block / }).waitFor()
      },
    ],
    [
      'reader',
      async (page) => {
        await page.goto(`${server.url}/admin/comments`)
        await page.locator('.queue a.author').first().click()
        await page.getByText(`Every comment by ${readerEmail}`).waitFor()
        await page.locator('.queue article').nth(1).waitFor()
      },
    ],
    [
      'thread',
      async (page) => {
        await page.goto(`${server.url}/admin/comments/posts`)
        await page.getByRole('link', { name: 'Networking and the art of reciprocity' }).click()
        await page.getByRole('button', { name: 'Close comments' }).waitFor()
      },
    ],
    [
      'posts',
      async (page) => {
        await page.goto(`${server.url}/admin/comments`)
        await page.getByRole('navigation', { name: 'Comments' }).getByRole('link', { name: 'Posts' }).click()
        await page.getByText('closed since').waitFor()
      },
    ],
    [
      'blocks',
      async (page) => {
        await page.goto(`${server.url}/admin/comments`)
        await page.getByRole('navigation', { name: 'Comments' }).getByRole('link', { name: 'Blocks' }).click()
        await page.getByText('spam-farm.example').waitFor()
      },
    ],
  ]

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`renders every state without a page error at ${viewport.width} px, and nothing wider than the screen`, async () => {
      const { page, errors } = await adminPage(viewport)
      for (const [name, reach] of STATES) {
        await reach(page)
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: join(ARTIFACTS, `admin-comments-${name}-${size}.png`), fullPage: true })
        expect(errors, `${name}: ${errors.join('; ')}`).toEqual([])
        expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(viewport.width)
      }
      await page.close()
    })
  }
})
