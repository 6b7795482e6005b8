/** An owner's day in the admin app, in real Chromium against the real server. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { type RunningServer, startServer } from '../helpers/server.ts'
import { type Mailbox, smtpServer } from '../helpers/smtp.ts'
import { writeComment } from '../helpers/widget.ts'

const OWNER = { email: 'owner@example.com', password: 'a long owner password' }
let server: RunningServer
let browser: Browser
let mailbox: Mailbox

beforeAll(async () => {
  mailbox = await smtpServer()
  ;[server, browser] = await Promise.all([
    startServer({ INKIND_ADMIN_EMAIL: OWNER.email, INKIND_ADMIN_PASSWORD: OWNER.password, SMTP_URL: mailbox.url }),
    launch(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await mailbox?.stop()
})

async function readerComments(name: string, email: string, body: string): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(`${server.url}/`)
  await page.locator('#inkind').scrollIntoViewIfNeeded()
  await page.waitForSelector('#inkind[data-inkind-loaded]')
  await writeComment(page, { name, email, body })
  return page
}

describe('the admin app', () => {
  it('log in, find and revoke a code, approve a held comment, download the CSV, log out', async () => {
    const reader = await readerComments('Grace Hopper', 'grace@example.com', 'Mutual concession is underrated.')
    const code = (await reader.locator('#inkind .reward code').textContent())!

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    page.on('dialog', (d) => d.accept())
    await page.goto(`${server.url}/admin`)
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password').fill(OWNER.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    // The admin opens on what needs attention; the codes are one click away.
    await page.waitForSelector('#start-title')
    await page.getByRole('link', { name: 'Codes' }).click()
    await page.waitForSelector('table.codes')

    // Find the code the reader just earned by their email, as typed differently.
    await page.getByRole('searchbox').fill('Grace+shop@Example.com')
    const row = page.locator(`tr[data-code="${code}"]`)
    await row.waitFor()
    await expect.poll(() => page.locator('table.codes tbody tr').count()).toBe(1)
    expect(await row.locator('.badge').textContent()).toBe('issued')
    await page.screenshot({ path: join(ARTIFACTS, 'admin-codes.png') })
    await row.getByRole('button', { name: 'Revoke' }).click()
    // Revoke asks in a dialog, and is sent once its 8-second undo is over.
    await page
      .getByRole('dialog', { name: `Revoke ${code}` })
      .getByRole('button', { name: 'Revoke' })
      .click()
    await expect.poll(() => row.locator('.badge').textContent()).toBe('revoked')
    await expect.poll(() => page.locator('#codes-notice').textContent(), { timeout: 30_000 }).toContain(`${code} is now revoked`)

    // Hold comments for approval from now on.
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByLabel('Moderation').selectOption('pre')
    await page.getByRole('button', { name: 'Save settings' }).click()
    // The site's form comes first; "Your notifications" below has a status line of its own.
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved')

    const held = await readerComments('Alan Turing', 'alan@example.com', 'Held until a moderator looks.')
    expect(await held.locator('#inkind').getByText('Your comment appears once approved.').count()).toBe(1)
    expect(await held.locator('#inkind .reward').textContent()).toContain('follows by email once your comment is approved')

    // Approve it from the queue by keyboard.
    await page.getByRole('link', { name: 'Comments' }).click()
    const item = page.locator('.queue article', { hasText: 'Held until a moderator looks.' })
    await item.waitFor()
    await item.focus()
    await page.keyboard.press('a')
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/published\. Reward issued: THANKS-[0-9A-Z]{12}\./)
    const issued = /THANKS-[0-9A-Z]{12}/.exec((await page.getByRole('status').textContent())!)![0]
    // The reader left the page long ago: the code reaches them by email (Grace's copy, then Alan's).
    await mailbox.until(2).catch((e: Error) => {
      throw new Error(`${e.message}; the server said:\n${server.output()}`)
    })
    expect(mailbox.texts().find((m) => m.includes('alan@example.com'))).toContain(issued)

    // It is on the post now.
    const post = await browser.newPage()
    await post.goto(`${server.url}/`)
    await post.locator('#inkind').scrollIntoViewIfNeeded()
    await post.waitForSelector('#inkind[data-inkind-loaded]')
    await expect.poll(() => post.locator('#inkind article', { hasText: 'Held until a moderator looks.' }).count()).toBe(1)

    // The CSV has both readers' codes with their states.
    await page.getByRole('link', { name: 'Codes' }).click()
    await page.waitForSelector('table.codes tbody tr')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.split('\n')[0]).toContain('code,status,label,readerName,email')
    expect(csv).toContain(`${code},revoked`)
    expect(csv).toMatch(/THANKS-[0-9A-Z]{12},issued,10% off your next order,Alan Turing,alan@example.com/)

    // Log out: back to the login form, and the session is gone on the server too.
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    const status = await page.evaluate(async () => (await fetch('/api/v1/admin/codes')).status)
    expect(status).toBe(401)
  })
})
