/**
 * Reply notifications, end to end: the real server, a real local SMTP server,
 * real HTTP. A reader opts in, confirms from the mail, hears of a reply once,
 * unsubscribes with the mail's one-click POST (RFC 8058), and hears no more.
 * An address that never confirmed is never notified.
 */
import { type ParsedMail, simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../server/db/client.ts'
import { OWNER, postDemoComment, type RunningServer, startServer } from './helpers/server.ts'
import { type Mailbox, smtpServer } from './helpers/smtp.ts'

const THREAD = '/blog/reciprocity'
let server: RunningServer
let mailbox: Mailbox

beforeAll(async () => {
  mailbox = await smtpServer()
  server = await startServer({ ...OWNER, SMTP_URL: mailbox.url })
}, 60_000)

afterAll(async () => {
  await server?.stop()
  await mailbox?.stop()
})

/** Every mail so far, parsed. */
const mails = () => Promise.all(mailbox.mails.map((m) => simpleParser(m)))
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text

/** Waits for a mail to `address` whose subject matches, and returns it. */
async function mailTo(address: string, subject: RegExp, ms = 30_000): Promise<ParsedMail> {
  const start = Date.now()
  for (;;) {
    const hit = (await mails()).find((m) => to(m) === address && subject.test(m.subject ?? ''))
    if (hit) return hit
    if (Date.now() - start > ms)
      throw new Error(`no mail to ${address} matching ${subject}; got: ${(await mails()).map((m) => `${to(m)}: ${m.subject}`).join('; ')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Reply notifications queued so far for an address (the outbox is where "never sent" is decided). */
async function notificationsFor(address: string): Promise<number> {
  const { db, close } = await openDb(server.databaseUrl)
  try {
    const rows = (await db.all(`select count(*) as n from outbox where event = 'reply.notify' and target = '${address}'`)) as { n: number }[]
    return rows[0]!.n
  } finally {
    close()
  }
}

const link = (m: ParsedMail, label: RegExp) => {
  const line = (m.text ?? '').split('\n').find((l) => label.test(l))
  const url = line?.match(/https?:\/\/\S+/)?.[0]
  if (!url) throw new Error(`no link ${label} in:\n${m.text}`)
  return url
}

describe('reply notifications', () => {
  it('double opt-in, one mail per reply, one-click unsubscribe, nothing after', async () => {
    const ada = 'ada.notify@gmail.com'
    const first = await postDemoComment(server.url, THREAD, {
      authorName: 'Ada',
      email: ada,
      body: 'Tell me when someone answers, please.',
      notify: true,
    })
    expect(first.status).toBe(201)
    expect((first.body as { notify?: string }).notify).toBe('asked')
    const adaComment = first.body.comment.id

    // Asking again within the day sends no second confirmation.
    const again = await postDemoComment(server.url, THREAD, { authorName: 'Ada', email: ada, body: 'A second thought, same request.', notify: true })
    expect((again.body as { notify?: string }).notify).toBe('asked')

    const confirm = await mailTo(ada, /^Confirm reply notifications/)
    expect(confirm.text).toContain('Yes, email me replies')

    // Not confirmed yet: a reply queues nothing for Ada.
    const early = await postDemoComment(server.url, THREAD, { authorName: 'Ben', email: 'ben.early@gmail.com', body: 'An early answer.', parentId: adaComment })
    expect(early.status).toBe(201)
    expect(await notificationsFor(ada)).toBe(0)

    // The link shows a page (a mail scanner's GET changes nothing); its button confirms.
    const confirmUrl = link(confirm, /^Yes, email me replies/)
    const page = await fetch(confirmUrl)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<form method="post"')
    expect(await notificationsFor(ada)).toBe(0)
    const done = await fetch(confirmUrl, { method: 'POST' })
    expect(await done.text()).toContain('Confirmed')

    // Ada answering herself notifies nobody.
    await postDemoComment(server.url, THREAD, { authorName: 'Ada', email: ada, body: 'And I add to my own comment.', parentId: adaComment })
    // Another reader's reply: exactly one notification.
    const reply = await postDemoComment(server.url, THREAD, {
      authorName: 'Cleo',
      email: 'cleo.replies@gmail.com',
      body: 'Here is my answer to you, Ada.',
      parentId: adaComment,
    })
    expect(reply.status).toBe(201)
    const note = await mailTo(ada, /replied to your comment/)
    expect(note.subject).toBe('Cleo replied to your comment on “Networking and the art of reciprocity”')
    expect(note.text).toContain('> Here is my answer to you, Ada.')
    expect(note.text).toContain(`#inkind-c${reply.body.comment.id}`)
    // The headers as sent (mailparser folds List-* into one object; the raw lines are what a mail client reads).
    const header = (name: string) =>
      note.headerLines
        .find((h) => h.key === name)
        ?.line.slice(name.length + 1)
        .trim()
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const unsubscribeUrl = header('list-unsubscribe')!.replace(/^<|>$/g, '')
    expect(unsubscribeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reader\/unsubscribe\?t=/)
    expect(await notificationsFor(ada)).toBe(1)

    // The mail client's one-click unsubscribe (RFC 8058).
    const unsubscribed = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(unsubscribed.status).toBe(200)
    expect(await unsubscribed.text()).toContain('No more reply emails from this site')

    // After it: a reply mails nothing to Ada (its author still gets their own reward mail, which shows delivery went on).
    const dan = 'dan.after@gmail.com'
    await postDemoComment(server.url, THREAD, { authorName: 'Dan', email: dan, body: 'Another answer, after she left.', parentId: adaComment })
    await mailTo(dan, /^Your code/)
    expect(await notificationsFor(ada)).toBe(1)
    expect((await mails()).filter((m) => to(m) === ada && /replied/.test(m.subject ?? ''))).toHaveLength(1)
    expect((await mails()).filter((m) => to(m) === ada && /^Confirm/.test(m.subject ?? ''))).toHaveLength(1)
  })

  it('never notifies an address that did not confirm', async () => {
    const eve = 'eve.unconfirmed@gmail.com'
    const first = await postDemoComment(server.url, THREAD, { authorName: 'Eve', email: eve, body: 'I asked, but never confirmed.', notify: true })
    await mailTo(eve, /^Confirm reply notifications/)
    for (const [i, name] of ['Finn', 'Gus', 'Hal'].entries()) {
      await postDemoComment(server.url, THREAD, {
        authorName: name,
        email: `${name.toLowerCase()}.${i}@gmail.com`,
        body: `Reply ${i} to Eve.`,
        parentId: first.body.comment.id,
      })
    }
    await mailTo('hal.2@gmail.com', /^Your code/)
    expect(await notificationsFor(eve)).toBe(0)
    expect((await mails()).filter((m) => to(m) === eve && /replied/.test(m.subject ?? ''))).toHaveLength(0)
  })
})
