/** A reader on the demo post, in real Chromium, against the real server: comment, get a code, and only one. */
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'
import { writeComment } from '../helpers/widget.ts'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launch()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openPost(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${server.url}/`)
  await page.locator('#inkind').scrollIntoViewIfNeeded()
  await page.waitForSelector('#inkind[data-inkind-loaded]')
  expect(errors).toEqual([])
  return page
}

async function comment(page: Page, name: string, email: string, body: string) {
  await writeComment(page, { name, email, body })
}

describe('a reader on the demo post', () => {
  it('comments, sees their code, and gets no second one under another spelling of their email', async () => {
    const page = await openPost()
    const w = page.locator('#inkind')
    await expect.poll(() => w.getByText('Comment and get 10% off your next order').isVisible()).toBe(true)
    await expect.poll(() => w.getByText(/Every comment earns it, whatever it says/).isVisible()).toBe(true)

    await comment(page, 'Ada Byron', 'Ada.Byron@example.com', 'Giving first is the whole trick. Thanks for the **clear** write-up!')
    const code = (await w.locator('.reward code').textContent())!
    expect(code).toMatch(/^THANKS-[0-9A-HJKMNP-TV-Z]{12}$/)
    await expect.poll(() => w.locator('.reward').textContent()).toMatch(/Valid until/)
    // Focus lands on the reward so it is announced, and the code is one Tab from its copy button.
    expect(await page.evaluate(() => document.querySelector('#inkind')!.shadowRoot!.activeElement?.className)).toContain('reward')
    await w.getByRole('button', { name: 'Copy code' }).click()
    await expect.poll(() => w.getByRole('button', { name: 'Copied' }).isVisible()).toBe(true)
    await w.screenshot({ path: join(ARTIFACTS, 'reader-got-code.png') })

    // The comment is in the thread, with the bold rendered as an element.
    await expect.poll(() => w.locator('article', { hasText: 'Giving first is the whole trick' }).count()).toBe(1)
    expect(await w.locator('article strong', { hasText: 'clear' }).count()).toBe(1)

    // Reload: the comment is stored; a second comment by the same reader earns no second code.
    const again = await openPost()
    const w2 = again.locator('#inkind')
    await expect.poll(() => w2.locator('article', { hasText: 'Giving first is the whole trick' }).count()).toBe(1)
    await comment(again, 'Ada', 'ada.byron+blog@EXAMPLE.com', 'One more thought on mutual concession.')
    await expect.poll(() => w2.locator('.reward').textContent()).toContain('You already have your code')
    expect(await w2.locator('.reward').textContent()).not.toContain(code)
    await expect.poll(() => w2.locator('article', { hasText: 'One more thought on mutual concession' }).count()).toBe(1)
    expect(await w2.locator('h2').textContent()).toBe('2 comments')
  })

  it('shows field errors from the server next to the field they belong to', async () => {
    const page = await openPost()
    const w = page.locator('#inkind')
    await w.getByLabel('Comment').fill('Hello')
    await w.getByLabel('Name').fill('X')
    // Passes the browser's own check, fails the server's.
    await w.getByLabel('Email', { exact: true }).fill('x@y')
    await w.getByRole('button', { name: 'Post comment' }).click()
    await expect.poll(() => w.locator('#inkind-email-error').textContent()).toBe('Please enter a valid email address.')
    expect(await w.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await w.getByRole('alert').textContent()).toBe('Please check the highlighted fields.')
  })

  it('reads in the host page’s own typeface, while the host’s rules for its elements stay out', async () => {
    const page = await openPost()
    const host = await page.evaluate(() => ({
      font: getComputedStyle(document.body).fontFamily,
      h2: getComputedStyle(document.querySelector('h2') ?? document.body).color,
    }))
    expect(host.font).toContain('Georgia')
    const widget = await page.evaluate(() => {
      const root = document.querySelector('#inkind')!.shadowRoot!
      const h2 = getComputedStyle(root.querySelector('h2') ?? root.querySelector('p')!)
      return { font: h2.fontFamily, spacing: h2.letterSpacing, transform: h2.textTransform }
    })
    // Blends in: the blog's font family; never the host's letter-spacing or text-transform.
    expect(widget.font).toBe(host.font)
    expect(widget).toMatchObject({ spacing: 'normal', transform: 'none' })
  })
})
