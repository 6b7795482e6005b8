/**
 * Approve or mark as spam straight from the held-comment email, end to end:
 * the real server, a real local SMTP server, real HTTP. The owner reads the
 * mail, follows the link (a page, no change), confirms (the comment is
 * published and the reader's code mailed to them), and the link works once.
 */
import { type ParsedMail, simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminSession, OWNER, postDemoComment, type RunningServer, startServer } from './helpers/server.ts'
import { type Mailbox, smtpServer } from './helpers/smtp.ts'

const THREAD = '/blog/reciprocity'
let server: RunningServer
let mailbox: Mailbox
let owner: Awaited<ReturnType<typeof adminSession>>

beforeAll(async () => {
  mailbox = await smtpServer()
  server = await startServer({ ...OWNER, SMTP_URL: mailbox.url })
  owner = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const site = await owner<Record<string, unknown>>('GET', '/sites/demo')
  await owner('PUT', '/sites/demo', { ...site, moderation: 'pre' })
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await mailbox?.stop()
})

const mails = () => Promise.all(mailbox.mails.map((m) => simpleParser(m)))
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text

async function mailTo(address: string, test: (m: ParsedMail) => boolean, ms = 30_000): Promise<ParsedMail> {
  const start = Date.now()
  for (;;) {
    const hit = (await mails()).find((m) => to(m) === address && test(m))
    if (hit) return hit
    if (Date.now() - start > ms) throw new Error(`no such mail to ${address}; got: ${(await mails()).map((m) => `${to(m)}: ${m.subject}`).join('; ')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const link = (m: ParsedMail, label: RegExp) => {
  const url = (m.text ?? '')
    .split('\n')
    .find((l) => label.test(l))
    ?.match(/https?:\/\/\S+/)?.[0]
  if (!url) throw new Error(`no link ${label} in:\n${m.text}`)
  return url
}

const statusOf = async (id: number) => (await owner<{ items: { status: string }[] }>('GET', `/comments?id=${id}`)).items[0]!.status

/** The page's form, posted as a browser would. */
async function confirm(url: string) {
  const page = await fetch(url)
  const html = await page.text()
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1]
  if (!action) throw new Error(`no form in:\n${html}`)
  return fetch(new URL(action.replaceAll('&amp;', '&'), url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })
}

describe('deciding from the held-comment email', () => {
  it('approves: the link shows a page, the button publishes and issues the reward, the link works once', async () => {
    const reader = 'ines.held@gmail.com'
    const posted = await postDemoComment(server.url, THREAD, { authorName: 'Ines', email: reader, body: 'Held until the owner reads this.' })
    expect(posted.body.reward).toEqual({ status: 'pending', reason: 'approval' })
    const held = await mailTo(OWNER.INKIND_ADMIN_EMAIL, (m) => /waits for you/.test(m.subject ?? '') && (m.text ?? '').includes('Held until the owner'))
    const approve = link(held, /^Approve it/)
    expect(approve).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/moderate\?t=/)
    expect(link(held, /^Mark it as spam/)).not.toBe(approve)

    // Opening the link (as a mail scanner would) changes nothing.
    const page = await fetch(approve)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(html).toContain('Approve this comment?')
    expect(html).toContain('Held until the owner reads this.')
    expect(await statusOf(posted.body.comment.id)).toBe('pending')

    const done = await confirm(approve)
    expect(done.status).toBe(200)
    const answer = await done.text()
    expect(answer).toContain('Approved')
    const code = answer.match(/<code>([^<]+)<\/code>/)?.[1]
    expect(code).toMatch(/^[A-Z0-9-]{8,}$/)
    expect(await statusOf(posted.body.comment.id)).toBe('published')
    // The reader, long gone from the page, gets the code by email.
    const mail = await mailTo(reader, (m) => /code/i.test(m.subject ?? ''))
    expect(mail.text).toContain(code!)
    // Audited as the owner, by email.
    const audit = await owner<{ items: { action: string; subject: string; detail: Record<string, unknown> }[] }>('GET', '/audit?site=demo')
    expect(audit.items.find((a) => a.action === 'comment.approve' && a.subject === `comment:${posted.body.comment.id}`)?.detail).toMatchObject({ via: 'email' })

    // A second use, of either link, does nothing.
    const again = await fetch(approve, { method: 'POST' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('used already')
    const spamLater = await fetch(link(held, /^Mark it as spam/), { method: 'POST' })
    expect(spamLater.status).toBe(409)
    expect(await statusOf(posted.body.comment.id)).toBe('published')
  })

  it('marks as spam; a forged or cut link is refused', async () => {
    const posted = await postDemoComment(server.url, THREAD, { authorName: 'Spammy', email: 'spammy.held@gmail.com', body: 'Cheap watches, held.' })
    const held = await mailTo(OWNER.INKIND_ADMIN_EMAIL, (m) => (m.text ?? '').includes('Cheap watches, held.'))
    const spam = link(held, /^Mark it as spam/)
    expect(await (await fetch(spam)).text()).toContain('Mark this comment as spam?')

    const forged = spam.replace(/\.spam\./, '.approve.')
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404)
    expect((await fetch(`${server.url}/moderate?t=short`)).status).toBe(404)
    expect(await statusOf(posted.body.comment.id)).toBe('pending')

    const done = await confirm(spam)
    expect(await done.text()).toContain('Marked as spam')
    expect(await statusOf(posted.body.comment.id)).toBe('spam')
  })
})
