/**
 * Each outbox email as its recipient gets it, composed at delivery from what
 * the database says then: who it greets, what it quotes, where its links go
 * (this server's address; a post only on the site's own origins) and that
 * each link works for that recipient only; and no mail at all once its reason
 * is gone (confirmed, unsubscribed, decided, turned off, cancelled, expired).
 * Rows are queued by the real verbs, on a real database, with the test clock.
 */
import { and, asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { adminUsers, outbox, subscribers, threads } from '../../db/schema.ts'
import { cancelInvite, INVITE_TTL_MS, inviteAdmin, readInvite } from '../admin/invites.ts'
import { removeAdmin } from '../admin/manage-admins.ts'
import { saveNotificationSettings } from '../admin/notification-settings.ts'
import { SYSTEM } from '../audit/actor.ts'
import { revokeCode } from '../codes/change-code.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { savePublicUrl } from '../instance/public-url.ts'
import { openModerationLink } from '../moderation/email-actions.ts'
import { moderateComment } from '../moderation/moderate-comment.ts'
import { replyAsOwner } from '../moderation/reply-as-owner.ts'
import { confirmReplies } from '../notifications/ask-for-replies.ts'
import { queueDigests } from '../notifications/queue-digests.ts'
import { readUnsubscribeToken, unsubscribe } from '../notifications/unsubscribe.ts'
import { addPosts } from '../posts/add-post.ts'
import { eraseReader } from '../readers/erase-reader.ts'
import { openReaderLink } from '../readers/reader-links.ts'
import { requestDataLink } from '../readers/request-data-link.ts'
import { resendReward } from '../rewards/resend-reward.ts'
import { getSite } from '../sites/get-site.ts'
import { composeEmail, NotToSend } from './compose-email.ts'

const SERVER = 'https://comments.example'
const DAY = 86_400_000

/** A site with two listed posts: one on the blog, one whose address is elsewhere (never linked to). */
async function setup(settings: Parameters<typeof addSite>[2] = {}) {
  const t = await testCtx()
  const ctx: Ctx = { ...t.ctx, publicUrl: SERVER }
  await addSite(ctx, 'cpr', { posts: { check: 'listed' }, ...settings })
  await addPosts(ctx, {
    siteId: 'cpr',
    actor: SYSTEM,
    posts: [
      { path: '/p', title: 'Give first', url: 'https://blog.example/p' },
      { path: '/moved', title: 'Moved away', url: 'https://elsewhere.example/moved' },
      { path: '/untitled' },
    ],
  })
  const site = await getSite(ctx, 'cpr')
  const post = async (over: Record<string, unknown>, threadKey = '/p', s = site) =>
    (await postComment(ctx, { site: s, threadKey, comment: aComment(over) as never, ip: '192.0.2.1' })).comment
  return { ...t, ctx, site, post }
}

/** The outbox's rows of one event, oldest first. */
const queued = (ctx: Ctx, event: string, target?: string) =>
  ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.event, event), target ? eq(outbox.target, target) : undefined))
    .orderBy(asc(outbox.id))

/** The one row of an event (to one address). */
async function onlyRow(ctx: Ctx, event: string, target?: string) {
  const rows = await queued(ctx, event, target)
  expect(rows, event).toHaveLength(1)
  return rows[0]!
}

/** The address a plain-text line "Label: https://…" links to. */
function linkIn(text: string, label: string) {
  const line = text.split('\n').find((l) => l.startsWith(`${label}: `))
  if (!line) throw new Error(`no link "${label}" in:\n${text}`)
  return line.slice(label.length + 2)
}

const tokenOf = (url: string) => new URL(url).searchParams.get('t')!

/** An admin as the people page leaves one (logging in is not what these tests are about). */
async function anAdmin(ctx: Ctx, email: string, over: Partial<typeof adminUsers.$inferInsert> = {}) {
  const [row] = await ctx.db
    .insert(adminUsers)
    .values({ email, name: email.split('@')[0]!, role: 'owner', passwordHash: 'not used here', createdAt: ctx.clock().toISOString(), ...over })
    .returning()
  return row!
}

async function notSent(mail: Promise<unknown>, why: string) {
  await expect(mail).rejects.toThrow(NotToSend)
  await expect(mail).rejects.toThrow(why)
}

describe('links in every mail', () => {
  async function dataLink(ctx: Ctx) {
    await addSite(ctx)
    const site = await getSite(ctx, 'cpr')
    await postComment(ctx, { site, threadKey: '/p', comment: aComment({ email: 'ann@example.com' }) as never, ip: '192.0.2.1' })
    await requestDataLink(ctx, { site, email: 'ann@example.com', network: '192.0.2.0/24' })
    return linkIn((await composeEmail(ctx, await onlyRow(ctx, 'reader.data-link'))).text, 'See my data')
  }

  it('point at PUBLIC_URL, without a doubled slash', async () => {
    const t = await testCtx()
    const ctx = { ...t.ctx, publicUrl: `${SERVER}/` }
    await savePublicUrl(ctx, 'https://older.example')
    expect(await dataLink(ctx)).toMatch(/^https:\/\/comments\.example\/reader\/data\?t=[\w-]+$/)
  })

  it('point at the address the server last started with when PUBLIC_URL is not at hand (the CLI)', async () => {
    const t = await testCtx()
    await savePublicUrl(t.ctx, 'https://saved.example/')
    expect(await dataLink(t.ctx)).toMatch(/^https:\/\/saved\.example\/reader\/data\?t=[\w-]+$/)
  })

  it('are relative to this server when it never knew its address, never another’s', async () => {
    const t = await testCtx()
    expect(await dataLink(t.ctx)).toMatch(/^\/reader\/data\?t=[\w-]+$/)
  })
})

describe('a reader’s code', () => {
  it('is sent from the site, again on request (reward.resent), and not once it was revoked', async () => {
    const { ctx, site, post } = await setup()
    await post({ authorName: 'Ann Lee', email: 'ann@example.com' })
    const [reward] = await ctx.db.query.rewards.findMany()
    const issued = await composeEmail(ctx, await onlyRow(ctx, 'reward.issued'))
    expect(issued).toMatchObject({ fromName: 'CPR Blog', subject: 'Your code for 10% off from CPR Blog' })
    expect(issued.text).toContain('Hello Ann Lee,')
    expect(issued.text).toContain('The post: https://blog.example/p')
    await resendReward(ctx, { site, email: 'ann@example.com', network: '192.0.2.0/24' })
    const resent = await composeEmail(ctx, await onlyRow(ctx, 'reward.resent'))
    expect(resent).toEqual(issued)
    await revokeCode(ctx, { code: reward!.code!, siteId: 'cpr', actor: SYSTEM })
    await notSent(composeEmail(ctx, await onlyRow(ctx, 'reward.resent')), 'the reward is no longer issued')
  })

  it('is not sent to a reader who erased their data while it waited (a worker had it in hand)', async () => {
    const { ctx, post } = await setup()
    await post({ email: 'ann@example.com' })
    const row = await onlyRow(ctx, 'reward.issued')
    await eraseReader(ctx, { siteId: 'cpr', readerKey: 'ann@example.com', how: 'anonymize', actor: SYSTEM })
    await notSent(composeEmail(ctx, row), 'the reward is no longer issued')
  })
})

describe('the confirmation of reply notifications', () => {
  it('greets the reader by their latest name on this site and links to a confirmation that works for them only', async () => {
    const { ctx, site, post } = await setup()
    await addSite(ctx, 'alpha', { name: 'Alpha Blog' })
    // Another reader's subscription, confirmed already.
    await post({ authorName: 'Zed', email: 'zed@example.com', notify: true })
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: 'zed@example.com' })
    await post({ authorName: 'Ann', email: 'ann@example.com', notify: true })
    await post({ authorName: 'Ann Lee', email: 'ann@example.com' })
    // Later names that are not hers here: another reader, and hers on another site.
    await post({ authorName: 'Bob', email: 'bob@example.com' })
    await post({ authorName: 'Annie', email: 'ann@example.com' }, '/p', await getSite(ctx, 'alpha'))
    const row = await onlyRow(ctx, 'subscription.confirm', 'ann@example.com')
    const mail = await composeEmail(ctx, row)
    expect(mail).toMatchObject({ fromName: 'CPR Blog', subject: 'Confirm reply notifications from CPR Blog' })
    expect(mail.text.startsWith('Hello Ann Lee,\n')).toBe(true)
    const link = linkIn(mail.text, 'Yes, email me replies')
    expect(link).toMatch(/^https:\/\/comments\.example\/reader\/confirm\?t=[\w-]+$/)
    expect(mail.html).toContain(`<a href="${link}">Yes, email me replies</a>`)
    expect(await openReaderLink(ctx, tokenOf(link), 'confirm')).toEqual({ siteId: site.id, readerKey: 'ann@example.com' })
  })

  it('is not sent once confirmed, nor after it went out (its token is gone from the row)', async () => {
    const { ctx, post } = await setup()
    await post({ email: 'ann@example.com', notify: true })
    const row = await onlyRow(ctx, 'subscription.confirm')
    await notSent(composeEmail(ctx, { ...row, payload: null }), 'nothing to confirm any more')
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: 'ann@example.com' })
    await notSent(composeEmail(ctx, row), 'nothing to confirm any more')
  })

  it('is not sent to a reader who erased their data meanwhile', async () => {
    const { ctx, post } = await setup()
    await post({ email: 'ann@example.com', notify: true })
    const row = await onlyRow(ctx, 'subscription.confirm')
    await eraseReader(ctx, { siteId: 'cpr', readerKey: 'ann@example.com', how: 'remove', actor: SYSTEM })
    await notSent(composeEmail(ctx, row), 'nothing to confirm any more')
  })
})

describe('a reply notification', () => {
  /** Bob, then Ann, confirmed; Ann's comment on a post asks for replies. */
  async function subscribed(threadKey = '/p') {
    const s = await setup()
    const { ctx, post } = s
    await post({ authorName: 'Bob', email: 'bob@example.com', notify: true })
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: 'bob@example.com' })
    const ann = await post({ authorName: 'Ann Lee', email: 'ann@example.com', notify: true }, threadKey)
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: 'ann@example.com' })
    const sub = (await ctx.db.query.subscribers.findFirst({ where: eq(subscribers.email, 'ann@example.com') }))!
    const thread = (await ctx.db.query.threads.findFirst({ where: eq(threads.key, threadKey) }))!
    return { ...s, ann, sub, thread }
  }

  it('quotes the reply, links to it on the post, and carries links that stop this post or the whole site for this reader', async () => {
    const { ctx, post, ann, sub, thread } = await subscribed()
    const reply = await post({ authorName: 'Cleo', email: 'cleo@example.com', body: 'Here is my answer, Ann.', parentId: ann.id })
    const row = await onlyRow(ctx, 'reply.notify')
    expect(row.target).toBe('ann@example.com')
    const mail = await composeEmail(ctx, row)
    expect(mail).toMatchObject({ fromName: 'CPR Blog', subject: 'Cleo replied to your comment on “Give first”' })
    expect(mail.text.split('\n\n').slice(0, 3)).toEqual(['Hello Ann Lee,', 'Cleo replied to your comment on “Give first”:', '> Here is my answer, Ann.'])
    expect(linkIn(mail.text, 'Read it and answer')).toBe(`https://blog.example/p#inkind-c${reply.id}`)
    const stopPost = linkIn(mail.text, 'No more replies on this post')
    const stopSite = linkIn(mail.text, 'No more emails from CPR Blog')
    for (const link of [stopPost, stopSite]) expect(link).toMatch(/^https:\/\/comments\.example\/reader\/unsubscribe\?t=[\w.-]+$/)
    expect(await readUnsubscribeToken(ctx, tokenOf(stopPost))).toEqual({ subscriberId: sub.id, threadId: thread.id })
    expect(await readUnsubscribeToken(ctx, tokenOf(stopSite))).toEqual({ subscriberId: sub.id, threadId: null })
    // A mail client's one-click unsubscribe stops the whole site (RFC 8058).
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${stopSite}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
  })

  it('names the blog’s author as such when they answered from the admin', async () => {
    const { ctx, ann } = await subscribed()
    const dana = await anAdmin(ctx, 'dana@example.com', { name: 'Dana' })
    await replyAsOwner(ctx, { parentId: ann.id, body: 'Thank you!', actor: { kind: 'admin', id: dana.id } })
    const mail = await composeEmail(ctx, await onlyRow(ctx, 'reply.notify'))
    expect(mail.subject).toBe('Dana (the author) replied to your comment on “Give first”')
  })

  it('does not link to a post whose address is not on the site’s origins', async () => {
    const { ctx, post, ann } = await subscribed('/moved')
    await post({ authorName: 'Cleo', parentId: ann.id }, '/moved')
    const mail = await composeEmail(ctx, await onlyRow(ctx, 'reply.notify'))
    expect(mail.subject).toBe('Cleo replied to your comment on “Moved away”')
    expect(mail.text).not.toContain('Read it and answer')
    expect(`${mail.text}${mail.html}`).not.toContain('elsewhere.example')
  })

  it('is not sent once the reply is taken down, or the reader stopped this post’s replies or the site’s, or erased their data', async () => {
    for (const change of ['reply', 'post', 'site', 'erased'] as const) {
      const { ctx, post, ann, sub, thread } = await subscribed()
      const reply = await post({ parentId: ann.id })
      const row = await onlyRow(ctx, 'reply.notify')
      if (change === 'reply') await moderateComment(ctx, { id: reply.id, action: 'spam', actor: SYSTEM })
      else if (change === 'erased') await eraseReader(ctx, { siteId: 'cpr', readerKey: 'ann@example.com', how: 'anonymize', actor: SYSTEM })
      else await unsubscribe(ctx, { subscriberId: sub.id, threadId: change === 'post' ? thread.id : null })
      await notSent(composeEmail(ctx, row), 'the reply or the request for it is gone')
    }
  })
})

describe('the link to a reader’s data', () => {
  it('goes to the address the site has, links to data of that reader only, and is not sent twice', async () => {
    const { ctx, site, post } = await setup()
    await post({ email: 'Ann@Example.com' })
    await post({ email: 'bob@example.com' })
    await requestDataLink(ctx, { site, email: 'ann@example.com', network: '192.0.2.0/24' })
    const row = await onlyRow(ctx, 'reader.data-link')
    expect(row.target).toBe('Ann@Example.com')
    const mail = await composeEmail(ctx, row)
    expect(mail).toMatchObject({ fromName: 'CPR Blog', subject: 'Your data on CPR Blog' })
    const link = linkIn(mail.text, 'See my data')
    expect(link).toMatch(/^https:\/\/comments\.example\/reader\/data\?t=[\w-]+$/)
    expect(await openReaderLink(ctx, tokenOf(link), 'data')).toEqual({ siteId: 'cpr', readerKey: 'ann@example.com' })
    await notSent(composeEmail(ctx, { ...row, payload: null }), 'the link was already sent')
  })
})

describe('a comment held for approval', () => {
  async function held(threadKey = '/p') {
    const s = await setup({ moderation: 'pre' })
    const olive = await anAdmin(s.ctx, 'olive@example.com')
    const mo = await anAdmin(s.ctx, 'mo@example.com', { role: 'moderator' })
    await anAdmin(s.ctx, 'quiet@example.com', { notifyHeld: false })
    // An earlier comment, decided already.
    await moderateComment(s.ctx, { id: (await s.post({}, threadKey)).id, action: 'approve', actor: SYSTEM })
    const comment = await s.post({ authorName: 'Bob', body: 'Is this <b>on</b>?\nSecond line.' }, threadKey)
    expect(comment.status).toBe('pending')
    return { ...s, olive, mo, comment }
  }

  it('goes to each admin who wants it, with approve and spam links that act as that admin on that comment only', async () => {
    const { ctx, olive, mo, comment } = await held()
    const rows = (await queued(ctx, 'comment.held')).filter((r) => r.subject === `comment:${comment.id}`)
    expect(rows.map((r) => r.target)).toEqual(['olive@example.com', 'mo@example.com'])
    for (const admin of [olive, mo]) {
      const mail = await composeEmail(ctx, rows.find((r) => r.target === admin.email)!)
      expect(mail).toMatchObject({ fromName: 'Inkind', subject: 'A comment on CPR Blog waits for you: “Give first”' })
      expect(mail.text.split('\n\n').slice(0, 2)).toEqual(['Bob wrote on “Give first”:', '> Is this <b>on</b>?\n> Second line.'])
      expect(mail.html).toContain('Is this &#60;b&#62;on&#60;/b&#62;?')
      expect(linkIn(mail.text, 'See it in the admin')).toBe(`${SERVER}/admin/comments?id=${comment.id}`)
      for (const [label, action] of [
        ['Approve it', 'approve'],
        ['Mark it as spam', 'spam'],
      ] as const) {
        const link = linkIn(mail.text, label)
        expect(link).toMatch(/^https:\/\/comments\.example\/moderate\?t=[\w.-]+$/)
        expect(await openModerationLink(ctx, tokenOf(link))).toMatchObject({ action, adminId: admin.id, commentId: comment.id, used: false })
      }
    }
  })

  it('names an untitled post by its path', async () => {
    const { ctx, olive } = await held('/untitled')
    expect((await composeEmail(ctx, (await queued(ctx, 'comment.held', olive.email)).at(-1)!)).subject).toBe('A comment on CPR Blog waits for you: “/untitled”')
  })

  it('is not sent once the comment was decided, or to an admin who turned it off or was removed', async () => {
    const { ctx, olive, mo, comment } = await held()
    const [toOlive, toMo] = (await queued(ctx, 'comment.held')).slice(-2)
    await saveNotificationSettings(ctx, { userId: olive.id, notifyHeld: false, notifyDigest: false })
    await notSent(composeEmail(ctx, toOlive!), 'already decided, or no longer wanted')
    await composeEmail(ctx, toMo!)
    await removeAdmin(ctx, { id: mo.id, actor: SYSTEM })
    await notSent(composeEmail(ctx, toMo!), 'already decided, or no longer wanted')
    await saveNotificationSettings(ctx, { userId: olive.id, notifyHeld: true, notifyDigest: false })
    await composeEmail(ctx, toOlive!)
    await moderateComment(ctx, { id: comment.id, action: 'approve', actor: SYSTEM })
    await notSent(composeEmail(ctx, toOlive!), 'already decided, or no longer wanted')
  })
})

describe('the daily digest', () => {
  it('covers each comment by a reader once, newest first, with its site, post, author, an excerpt and a link to review it', async () => {
    const { ctx, clock, post } = await setup()
    await addSite(ctx, 'alpha', { name: 'Alpha Blog' })
    await anAdmin(ctx, 'first@example.com')
    const olive = await anAdmin(ctx, 'olive@example.com')
    await saveNotificationSettings(ctx, { userId: olive.id, notifyHeld: false, notifyDigest: true })
    // At the first digest's time: in the first, not the second.
    await post({ authorName: 'Early', body: 'Posted as the first digest was made.' })
    await queueDigests(ctx)
    const first = await composeEmail(ctx, await onlyRow(ctx, 'digest'))
    expect(first).toMatchObject({ fromName: 'Inkind', subject: '1 new comment in the last day' })
    expect(first.text).toContain('— Early:')

    clock.advance(DAY)
    const cut = await post({ authorName: 'Long', body: 'x'.repeat(281) })
    const whole = await post({ authorName: 'Just right', body: 'y'.repeat(280) }, '/untitled')
    const other = await post({ authorName: 'Elsewhere', body: 'On the other blog.' }, '/a', await getSite(ctx, 'alpha'))
    // The author's own answer is not news to the admins.
    const dana = await anAdmin(ctx, 'dana@example.com', { name: 'Dana' })
    await replyAsOwner(ctx, { parentId: cut.id, body: 'Thanks!', actor: { kind: 'admin', id: dana.id } })
    await queueDigests(ctx)
    const row = (await queued(ctx, 'digest'))[1]!
    expect(row.target).toBe('olive@example.com')
    const mail = await composeEmail(ctx, row)
    expect(mail.subject).toBe('3 new comments in the last day')
    expect(mail.text.split('\n\n').slice(0, 10)).toEqual([
      'Alpha Blog · /a — Elsewhere:',
      '> On the other blog.',
      `Review: ${SERVER}/admin/comments?id=${other.id}`,
      'CPR Blog · /untitled — Just right:',
      `> ${'y'.repeat(280)}`,
      `Review: ${SERVER}/admin/comments?id=${whole.id}`,
      'CPR Blog · Give first — Long:',
      `> ${'x'.repeat(279)}…`,
      `Review: ${SERVER}/admin/comments?id=${cut.id}`,
      `All comments: ${SERVER}/admin/comments`,
    ])

    // A day without comments: no digest.
    clock.advance(DAY)
    await queueDigests(ctx)
    await notSent(composeEmail(ctx, (await queued(ctx, 'digest'))[2]!), 'no new comments')
  })

  it('is not sent once the admin turned it off', async () => {
    const { ctx, post } = await setup()
    const olive = await anAdmin(ctx, 'olive@example.com', { notifyDigest: true })
    await post({})
    await queueDigests(ctx)
    const row = await onlyRow(ctx, 'digest')
    await composeEmail(ctx, row)
    await notSent(composeEmail(ctx, { ...row, payload: null }), 'the digest was turned off')
    await saveNotificationSettings(ctx, { userId: olive.id, notifyHeld: true, notifyDigest: false })
    await notSent(composeEmail(ctx, row), 'the digest was turned off')
  })
})

describe('an invitation to the admin', () => {
  async function invited(inviter: { email: string; name?: string }) {
    const t = await testCtx()
    const ctx: Ctx = { ...t.ctx, publicUrl: SERVER }
    await anAdmin(ctx, 'first@example.com', { name: 'First' })
    const owner = await anAdmin(ctx, inviter.email, inviter.name ? { name: inviter.name } : {})
    await inviteAdmin(ctx, { email: 'New@Example.com', role: 'moderator', actor: { kind: 'admin', id: owner.id } })
    return { ...t, ctx, owner }
  }

  it('says who invites them, where, as what and until when, and links to the invitation', async () => {
    const { ctx } = await invited({ email: 'olive@example.com', name: 'Olive' })
    const row = await onlyRow(ctx, 'admin.invite')
    expect(row.target).toBe('new@example.com')
    const mail = await composeEmail(ctx, row)
    expect(mail).toMatchObject({ fromName: 'Inkind', subject: 'You are invited to help run the comments' })
    expect(mail.text.split('\n\n')[1]).toBe(
      'Olive (olive@example.com) invited you to the Inkind admin at https://comments.example as a moderator (the comments, the codes, the stats). Choose your password here; the link works until Sun, 29 Nov 2026 10:00 UTC:',
    )
    const link = linkIn(mail.text, 'Accept the invitation')
    expect(link).toMatch(/^https:\/\/comments\.example\/admin\/invite\?t=[\w-]+$/)
    expect(await readInvite(ctx, tokenOf(link))).toEqual({ email: 'new@example.com', role: 'moderator', expiresAt: '2026-11-29T10:00:00.000Z' })
  })

  it('names an inviter who never chose a name by their address only', async () => {
    const { ctx } = await invited({ email: 'sam@example.com' })
    const { text } = await composeEmail(ctx, await onlyRow(ctx, 'admin.invite'))
    expect(text.split('\n\n')[1]!.startsWith('sam@example.com invited you to the Inkind admin at https://comments.example as a moderator')).toBe(true)
  })

  it('is not sent once cancelled, replaced by a newer one, or expired', async () => {
    const { ctx, clock, owner } = await invited({ email: 'olive@example.com', name: 'Olive' })
    const first = await onlyRow(ctx, 'admin.invite')
    await notSent(composeEmail(ctx, { ...first, payload: null }), 'the invitation was used, cancelled or has expired')
    clock.advance(INVITE_TTL_MS - 1)
    await composeEmail(ctx, first)
    clock.advance(1)
    await notSent(composeEmail(ctx, first), 'the invitation was used, cancelled or has expired')

    await inviteAdmin(ctx, { email: 'new@example.com', role: 'owner', actor: { kind: 'admin', id: owner.id } })
    const [, second] = await queued(ctx, 'admin.invite')
    expect((await composeEmail(ctx, second!)).text).toContain('as an owner (every setting, the shop, the people)')
    await inviteAdmin(ctx, { email: 'new@example.com', role: 'owner', actor: { kind: 'admin', id: owner.id } })
    await notSent(composeEmail(ctx, second!), 'the invitation was used, cancelled or has expired')
    const [, , third] = await queued(ctx, 'admin.invite')
    const [invite] = await ctx.db.query.adminInvites.findMany()
    await cancelInvite(ctx, { id: invite!.id, actor: SYSTEM })
    await notSent(composeEmail(ctx, third!), 'the invitation was used, cancelled or has expired')
  })
})

it('sends nothing for an event it has no mail for', async () => {
  const { ctx } = await setup()
  await notSent(
    composeEmail(ctx, { siteId: 'cpr', event: 'comment.created', target: 'ann@example.com', subject: 'comment:1', payload: null }),
    'no mail for the event comment.created',
  )
})
