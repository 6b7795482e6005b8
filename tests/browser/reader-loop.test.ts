/**
 * The reader loop in Chromium, on a blog of another origin, against the app
 * served over real HTTP with a clock the test moves and a real SMTP server:
 * a reader edits (shown as edited), is refused once the 15 minutes are over,
 * deletes; another browser gets no Edit; a reader follows "Your data" to the
 * mailed page, downloads and deletes it, and no copy of their address is left;
 * the author's reply from the admin wears the Author badge, a reader who
 * takes the author's name does not.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { simpleParser } from 'mailparser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { openDb } from '../../server/db/client.ts'
import { saveAdminUser } from '../../server/domain/admin/save-admin-user.ts'
import { SYSTEM } from '../../server/domain/audit/actor.ts'
import { createCaches } from '../../server/domain/caches.ts'
import type { Ctx } from '../../server/domain/context.ts'
import { normalizeEmail } from '../../server/domain/readers/normalize-email.ts'
import { saveSite } from '../../server/domain/sites/save-site.ts'
import { guardedFetch } from '../../server/outbound/guarded-fetch.ts'
import { smtpTransport, startOutboxWorker } from '../../server/outbox-worker.ts'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { type HostSite, hostSite } from '../helpers/host-site.ts'
import { freePort } from '../helpers/server.ts'
import { type Mailbox, smtpServer } from '../helpers/smtp.ts'
import { DEMO_REWARD, fixedClock, LOOSE_LIMITS, ROOT } from '../helpers/test-app.ts'
import { writeComment } from '../helpers/widget.ts'

let browser: Browser
let host: HostSite
const hostPages: Record<string, { html: string }> = {}
let mailbox: Mailbox
let ctx: Ctx
let inkindUrl: string
let stop: () => Promise<void>
// The server's clock: real time until the test moves it on.
const clock = fixedClock(new Date().toISOString())
const OWNER = { email: 'author@blog.example', password: 'the author’s long password' }

beforeAll(async () => {
  mailbox = await smtpServer()
  const { db, close } = await openDb(`file:${join(mkdtempSync(join(tmpdir(), 'inkind-loop-')), 'inkind.db')}`)
  const port = await freePort()
  inkindUrl = `http://127.0.0.1:${port}`
  ctx = { db, clock, caches: createCaches(), canEmail: true, publicUrl: inkindUrl }
  host = await hostSite(hostPages)
  await saveSite(ctx, {
    id: 'blog',
    actor: SYSTEM,
    settings: { name: 'The Author’s Blog', origins: [host.url], reward: DEMO_REWARD, posts: { check: 'any' }, antiAbuse: LOOSE_LIMITS },
  })
  await saveAdminUser(ctx, { ...OWNER, role: 'owner', name: 'The Author' })
  const app = createApp({
    ...ctx,
    config: { publicUrl: inkindUrl, trustProxy: 0 },
    assets: { distDir: join(ROOT, 'dist'), demoDir: join(ROOT, 'server/demo'), i18nDir: join(ROOT, 'widget/i18n') },
  })
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' })
  const worker = startOutboxWorker(
    ctx,
    { sendMail: smtpTransport(mailbox.url, 'blog@inkind.test'), fetch: guardedFetch({ allowPrivate: true }) },
    { everyMs: 200 },
  )
  stop = async () => {
    await worker.stop()
    await new Promise((r) => server.close(r))
    close()
  }
  browser = await launch()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await stop?.()
  await host?.close()
  await mailbox?.stop()
})

function post(path: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title></head><body><h1>A post</h1><p>Words.</p><div id="inkind"></div><script src="${inkindUrl}/widget.js" data-site="blog" async></script></body></html>`.replace(
    'A post</title>',
    `${path}</title>`,
  )
}

async function open(path: string, context?: Awaited<ReturnType<Browser['newContext']>>): Promise<Page> {
  const page = await (context ?? (await browser.newContext())).newPage()
  await page.goto(host.url + path)
  await page.locator('#inkind').scrollIntoViewIfNeeded()
  await page.waitForSelector('#inkind[data-inkind-loaded]')
  await page.locator('#inkind textarea').waitFor()
  return page
}

/** The host serves every path as a post that embeds the widget. */
function pages(paths: string[]) {
  for (const p of paths) hostPages[p] = { html: post(p) }
}

const mailTo = async (address: string, subject: RegExp) => {
  for (let i = 0; i < 300; i++) {
    for (const raw of mailbox.mails) {
      const m = await simpleParser(raw)
      const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text
      if (to === address && subject.test(m.subject ?? '')) return m
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no mail to ${address} matching ${subject}`)
}

describe('a reader’s own comment', () => {
  it('can be edited from the browser that posted it, not from another, not after 15 minutes, and deleted', async () => {
    pages(['/edit'])
    const context = await browser.newContext()
    const page = await open('/edit', context)
    await writeComment(page, { name: 'Rita', email: 'rita.edits@gmail.com', body: 'A first verison with a typo.' })
    const mine = page.locator('#inkind article', { hasText: 'verison' })
    await mine.getByRole('button', { name: 'Edit' }).click()
    const box = page.locator('#inkind form.edit textarea')
    await box.fill('A first version, fixed.')
    await page.locator('#inkind form.edit').getByRole('button', { name: 'Save' }).click()
    const fixed = page.locator('#inkind article', { hasText: 'A first version, fixed.' })
    await fixed.waitFor()
    expect(await fixed.textContent()).toContain('edited')
    await page.locator('#inkind').screenshot({ path: join(ARTIFACTS, 'reader-edited.png') })

    // Another browser: the same comment, no Edit.
    const other = await open('/edit')
    const seen = other.locator('#inkind article', { hasText: 'A first version, fixed.' })
    await seen.waitFor()
    expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(0)

    // A second comment, then the server's clock moves past the window: the edit is refused in words.
    await page.reload()
    await page.locator('#inkind').scrollIntoViewIfNeeded()
    await writeComment(page, { name: 'Rita', email: 'rita.edits@gmail.com', body: 'A second thought, kept as it is.' })
    clock.advance(16 * 60_000)
    const second = page.locator('#inkind article', { hasText: 'A second thought' })
    await second.getByRole('button', { name: 'Edit' }).click()
    await page.locator('#inkind form.edit textarea').fill('Changed too late.')
    await page.locator('#inkind form.edit').getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => page.locator('#inkind form.edit [role=alert]').textContent()).toContain('15 minutes')
    clock.advance(-16 * 60_000)

    // Back within the window (the clock is the server's): delete the first one.
    await page.locator('#inkind form.edit').getByRole('button', { name: 'Cancel' }).click()
    await fixed.getByRole('button', { name: 'Edit' }).click()
    page.once('dialog', (d) => d.accept())
    await page.locator('#inkind form.edit').getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => page.locator('#inkind article', { hasText: 'A first version, fixed.' }).count()).toBe(0)
    await context.close()
  })
})

describe('a reader’s data', () => {
  it('goes from “Your data” to the mailed page, downloads, deletes, and leaves no address behind', async () => {
    pages(['/data'])
    const email = 'Nora.Data@gmail.com'
    const page = await open('/data')
    await writeComment(page, { name: 'Nora', email, body: 'Something I will want back later.' })
    await page.getByRole('button', { name: 'Write another comment' }).click()
    await page.locator('#inkind').getByRole('button', { name: 'Your data' }).click()
    await page.locator('#inkind').getByLabel('Your email').fill(email)
    await page.locator('#inkind').getByRole('button', { name: 'Email me the link' }).click()
    await page.locator('#inkind').getByText('a link is on its way').waitFor()

    const mail = await mailTo(email, /^Your data on/)
    const url = (mail.text ?? '').match(/See my data: (\S+)/)![1]!
    expect(url.startsWith(`${inkindUrl}/reader/data?t=`)).toBe(true)
    const data = await browser.newPage()
    await data.goto(url)
    expect(await data.locator('body').textContent()).toContain('Something I will want back later.')
    const download = data.waitForEvent('download')
    await data.getByRole('link', { name: 'Download it all (JSON)' }).click()
    const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'))
    expect(file.comments[0]).toMatchObject({ body: 'Something I will want back later.', authorName: 'Nora' })
    expect(file.rewards[0].code).toMatch(/^CPR-/)
    await data.screenshot({ path: join(ARTIFACTS, 'reader-data.png'), fullPage: true })

    await data.getByLabel('Take them down').check()
    await data.getByLabel('I understand this cannot be undone').check()
    await data.getByRole('button', { name: 'Delete my data' }).click()
    await data.getByRole('heading', { name: 'Deleted' }).waitFor()

    const tables = (await ctx.db.all(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)) as { name: string }[]
    let dump = ''
    for (const { name } of tables) dump += JSON.stringify(await ctx.db.all(sql.raw(`select * from "${name}"`))).toLowerCase()
    expect(dump).not.toContain('nora.data')
    expect(dump).not.toContain(normalizeEmail(email))
    // The link did its work and works no more.
    await data.goto(url)
    expect(await data.locator('h1').textContent()).toBe('This link does not work')
  })
})

describe('the author’s reply', () => {
  it('shows the Author badge; a reader named like the author does not get it', async () => {
    pages(['/answered'])
    const page = await open('/answered')
    await writeComment(page, { name: 'Quentin', email: 'quentin.asks@gmail.com', body: 'Will the author answer this?' })
    await page.getByRole('button', { name: 'Write another comment' }).click()
    await writeComment(page, { name: 'The Author', email: 'impostor@gmail.com', body: 'I am the author, trust me.' })

    // The author, in the admin: the published comment, Reply as the author.
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await admin.goto(`${inkindUrl}/admin`)
    await admin.getByLabel('Email').fill(OWNER.email)
    await admin.getByLabel('Password').fill(OWNER.password)
    await admin.getByRole('button', { name: 'Log in' }).click()
    await admin.getByRole('link', { name: 'Comments', exact: true }).waitFor()
    await admin.goto(`${inkindUrl}/admin/comments?status=published&q=Will%20the%20author`)
    const item = admin.locator('.queue article', { hasText: 'Will the author answer this?' })
    await item.getByRole('button', { name: 'Reply as the author' }).click()
    await item.getByLabel('Your reply to Quentin').fill('Yes, I read every comment.')
    await item.getByRole('button', { name: 'Publish reply' }).click()
    await admin.getByText('Your reply to Quentin is published.').waitFor()

    await page.reload()
    await page.locator('#inkind').scrollIntoViewIfNeeded()
    const reply = page.locator('#inkind article', { hasText: 'Yes, I read every comment.' })
    await reply.waitFor()
    expect(await reply.locator('.badge').textContent()).toBe('Author')
    const impostor = page.locator('#inkind article', { hasText: 'I am the author, trust me.' })
    expect(await impostor.locator('.badge').count()).toBe(0)
    await page.locator('#inkind').screenshot({ path: join(ARTIFACTS, 'reader-author-badge.png') })
  })
})
