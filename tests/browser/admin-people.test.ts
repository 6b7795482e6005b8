/**
 * People in the admin app, in real Chromium against the real server with real
 * SMTP: the owner invites a moderator by email, the moderator joins from the
 * link and moderates, the owner removes them and their session ends; then the
 * owner turns on two-factor login and logs in with a code from "the app" (otpauth).
 */
import { join } from 'node:path'
import { type ParsedMail, simpleParser } from 'mailparser'
import { Secret, TOTP } from 'otpauth'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { adminSession, OWNER, postDemoComment, type RunningServer, startServer } from '../helpers/server.ts'
import { type Mailbox, smtpServer } from '../helpers/smtp.ts'

let server: RunningServer
let browser: Browser
let mailbox: Mailbox

beforeAll(async () => {
  mailbox = await smtpServer()
  ;[server, browser] = await Promise.all([startServer({ ...OWNER, SMTP_URL: mailbox.url }), launch()])
  // Every comment waits for approval: there is something to moderate.
  const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const { id: _, ...site } = await admin<Record<string, unknown>>('GET', '/sites/demo')
  await admin('PUT', '/sites/demo', { ...site, moderation: 'pre' })
  await postDemoComment(server.url, '/blog/reciprocity', { authorName: 'Grace Hopper', email: 'grace@example.com', body: 'Held until someone looks.' })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await mailbox?.stop()
})

/** Waits for a mail to `address` whose subject matches. */
async function mailTo(address: string, subject: RegExp, ms = 30_000): Promise<ParsedMail> {
  const start = Date.now()
  for (;;) {
    const parsed = await Promise.all(mailbox.mails.map((m) => simpleParser(m)))
    const hit = parsed.find((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text === address && subject.test(m.subject ?? ''))
    if (hit) return hit
    if (Date.now() - start > ms)
      throw new Error(`no mail to ${address} matching ${subject}; got: ${parsed.map((m) => m.subject).join('; ')}\n${server.output()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function logIn(page: Page) {
  await page.goto(`${server.url}/admin`)
  await page.getByLabel('Email').fill(OWNER.INKIND_ADMIN_EMAIL)
  await page.getByLabel('Password').fill(OWNER.INKIND_ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
}

function watch(page: Page) {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && !/status of 401/.test(m.text()) && errors.push(`console: ${m.text()}`))
  return errors
}

describe('people', () => {
  it('the owner invites a moderator, who joins from the emailed link and moderates; removed, their session ends', async () => {
    const owner = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const ownerErrors = watch(owner)
    await logIn(owner)
    await owner.locator('#start-title').waitFor()
    await owner.getByRole('link', { name: 'People', exact: true }).click()
    await owner.getByLabel('Email').fill('sam@example.com')
    await owner.getByLabel('As').selectOption('moderator')
    await owner.getByRole('button', { name: 'Invite' }).click()
    await expect.poll(() => owner.getByRole('status').textContent()).toContain('on its way by email')
    await owner.locator('.invites li', { hasText: 'sam@example.com' }).waitFor()

    const mail = await mailTo('sam@example.com', /invited/)
    expect(mail.text).toContain('as a moderator')
    const link = (mail.text ?? '').match(/http:\/\/127\.0\.0\.1:\d+\/admin\/invite\?t=[\w-]+/)?.[0]
    expect(link, mail.text).toBeTruthy()

    // Sam, in a browser of their own.
    const sam = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
    const samErrors = watch(sam)
    await sam.goto(link!)
    await sam.getByText('sam@example.com is invited as a moderator').waitFor()
    await sam.screenshot({ path: join(ARTIFACTS, 'admin-invite-phone.png'), fullPage: true })
    await sam.getByLabel('Your name').fill('Sam Reyes')
    await sam.getByLabel('Password (at least').fill('a moderator password')
    await sam.getByLabel('The password again').fill('a moderator password')
    await sam.getByRole('button', { name: 'Accept and log in' }).click()
    await sam.locator('#start-title').waitFor()
    expect(new URL(sam.url()).search).toBe('')
    expect(await sam.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People' }).count()).toBe(0)
    await sam.locator('.attention', { hasText: '1 comment waits' }).getByRole('link', { name: 'Review' }).click()
    const item = sam.locator('.queue article', { hasText: 'Held until someone looks.' })
    await item.waitFor()
    await item.getByRole('button', { name: 'Approve' }).click()
    await expect.poll(() => sam.getByRole('status').first().textContent()).toContain('published')

    // The owner sees Sam and removes them.
    await owner.reload()
    const row = owner.locator('tr[data-email="sam@example.com"]')
    await row.waitFor()
    expect(await row.textContent()).toContain('Sam Reyes')
    expect(await row.getByRole('cell', { name: 'never' }).count()).toBe(0)
    await owner.screenshot({ path: join(ARTIFACTS, 'admin-people-with-moderator.png'), fullPage: true })
    await row.getByRole('button', { name: 'Remove' }).click()
    await row.getByRole('button', { name: 'Yes, remove' }).click()
    await expect.poll(() => owner.getByRole('status').textContent()).toContain('sam@example.com is removed')
    await expect.poll(() => owner.locator('tr[data-email="sam@example.com"]').count()).toBe(0)

    // Sam's next step finds the session gone: back to the login form, and the server agrees.
    await sam.getByRole('link', { name: 'Codes', exact: true }).click()
    await sam.getByRole('button', { name: 'Log in' }).waitFor()
    expect(await sam.evaluate(async () => (await fetch('/api/v1/admin/codes')).status)).toBe(401)
    await sam.getByLabel('Email').fill('sam@example.com')
    await sam.getByLabel('Password').fill('a moderator password')
    await sam.getByRole('button', { name: 'Log in' }).click()
    await sam.getByText('Wrong email or password.').waitFor()

    // The audit log says who did it, by email.
    await owner.getByRole('link', { name: 'Audit log', exact: true }).click()
    const removed = owner.locator('table.audit tr', { hasText: 'admin.removed' })
    await removed.waitFor()
    expect(await removed.textContent()).toContain('sam@example.com')
    expect(await removed.locator('td[data-label="Who"]').textContent()).toBe(OWNER.INKIND_ADMIN_EMAIL)
    await owner.getByLabel('What').selectOption('all admin actions')
    await expect
      .poll(() => owner.locator('table.audit tbody tr td[data-label="What"]').allTextContents())
      .toEqual(['admin.removed', 'admin.joined', 'admin.invited'])
    expect([...ownerErrors, ...samErrors]).toEqual([])
    await owner.close()
    await sam.context().close()
  })

  it('the owner turns on two-factor login and logs in with a code from the app', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors = watch(page)
    await logIn(page)
    await page.locator('#start-title').waitFor()
    await page.locator('.me a').click()
    await page.getByRole('button', { name: 'Turn on two-factor login' }).click()
    const qr = page.getByRole('img', { name: 'QR code of your two-factor secret' })
    await qr.waitFor()
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    const secret = (await page.locator('.totp-secret').textContent())!.replace(/\s/g, '')
    await page.screenshot({ path: join(ARTIFACTS, 'admin-two-factor-setup.png'), fullPage: true })
    await page.getByLabel('The code your app shows now').fill(TOTP.generate({ secret: Secret.fromBase32(secret) }))
    await page.getByRole('button', { name: 'Confirm and turn on' }).click()
    const codes = page.locator('.recovery .codes li')
    await expect.poll(() => codes.count()).toBe(10)
    await page.screenshot({ path: join(ARTIFACTS, 'admin-two-factor-recovery-codes.png'), fullPage: true })
    await page.getByRole('button', { name: 'I have saved them' }).click()
    await page.getByText('10 of 10 recovery codes left').waitFor()

    await page.getByRole('button', { name: 'Log out' }).click()
    await logIn(page)
    const code = page.getByLabel('Code from your authenticator app')
    await code.waitFor()
    expect(await code.inputValue()).toBe('')
    await page.screenshot({ path: join(ARTIFACTS, 'admin-two-factor-login.png') })
    await code.fill('000000')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('alert').getByText('not right').waitFor()
    // The app's next code: the one that confirmed the setup may still be showing, and each code counts once.
    await code.fill(TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + 30_000 }))
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.locator('#start-title').waitFor()
    await page.getByRole('link', { name: 'People', exact: true }).click()
    await expect.poll(() => page.locator(`tr[data-email="${OWNER.INKIND_ADMIN_EMAIL}"] .badge`).textContent()).toBe('on')
    expect(errors).toEqual([])
    await page.close()
  })
})
