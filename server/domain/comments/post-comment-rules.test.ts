/**
 * The owner's rules a comment meets (post-comment.ts): a closed post, the
 * owner's blocks (refuse or hold), pre-moderation that lets readers approved
 * before through when asked to, the mails a comment causes (reply notices,
 * held-comment notices, the reader's own confirmation), the edit window, and
 * a static code that the farming limits do not hold back.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/limits.ts'
import type { SiteSettingsInput } from '../../../shared/site.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { adminUsers, comments, outbox, rewards } from '../../db/schema.ts'
import { SPAM_KEPT } from '../abuse/rate-limits.ts'
import { SYSTEM } from '../audit/actor.ts'
import { addBlock } from '../blocks/add-block.ts'
import type { Ctx } from '../context.ts'
import { moderateComment } from '../moderation/moderate-comment.ts'
import { confirmReplies } from '../notifications/ask-for-replies.ts'
import { setPostClosed } from '../posts/close-post.ts'
import { getSite } from '../sites/get-site.ts'
import { postComment } from './post-comment.ts'

async function site(settings: Partial<SiteSettingsInput> = {}, over: Partial<Ctx> = {}) {
  const t = await testCtx()
  const ctx: Ctx = { ...t.ctx, ...over }
  await addSite(ctx, 'cpr', settings)
  const post = async (comment: Record<string, unknown> = {}, threadKey = '/p', ip = '192.0.2.1', siteId = 'cpr') =>
    postComment(ctx, { site: await getSite(ctx, siteId), threadKey, comment: aComment(comment) as never, ip })
  const mails = async (event: string) =>
    (
      await ctx.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.channel, 'email'), eq(outbox.event, event)))
    ).map((r) => [r.target, r.subject])
  return { ...t, ctx, post, mails }
}

const anAdmin = (ctx: Ctx, email: string, notifyHeld: boolean) =>
  ctx.db.insert(adminUsers).values({ email, name: email, role: 'owner', passwordHash: 'x', notifyHeld, createdAt: '2026-11-01T00:00:00.000Z' })

describe('a closed post', () => {
  it('takes no comment, from anyone, and writes nothing; reopened, it takes them again', async () => {
    const { ctx, post } = await site()
    await setPostClosed(ctx, { siteId: 'cpr', thread: '/p', closed: true, actor: SYSTEM })
    await expect(post()).rejects.toMatchObject({ code: 'thread_closed' })
    expect(await ctx.db.$count(comments)).toBe(0)
    expect(await ctx.db.$count(rewards)).toBe(0)
    // Another post of the site is open.
    expect((await post({}, '/q')).comment.status).toBe('published')
    await setPostClosed(ctx, { siteId: 'cpr', thread: '/p', closed: false, actor: SYSTEM })
    expect((await post()).comment.status).toBe('published')
  })
})

describe('the owner’s blocks', () => {
  it('refuse a blocked reader however they spell their address, or a blocked word, before anything is written', async () => {
    const { ctx, post } = await site()
    await addBlock(ctx, { siteId: 'cpr', block: { kind: 'email', value: 'troll@gmail.com', action: 'refuse' }, actor: SYSTEM })
    await addBlock(ctx, { siteId: 'cpr', block: { kind: 'word', value: 'casino', action: 'refuse' }, actor: SYSTEM })
    await expect(post({ email: 'T.roll+x@googlemail.com' })).rejects.toMatchObject({ code: 'blocked' })
    await expect(post({ body: 'Great post, visit my CASINO for more.' })).rejects.toMatchObject({ code: 'blocked' })
    expect(await ctx.db.$count(comments)).toBe(0)
    expect(await ctx.db.$count(rewards)).toBe(0)
    expect((await post({ email: 'ann@gmail.com' })).reward).toMatchObject({ status: 'issued' })
  })

  it('hold a comment from a held domain for a moderator, marked as blocked, its reward reserved, not issued', async () => {
    const { ctx, post, mails } = await site()
    await anAdmin(ctx, 'mod@example.com', true)
    await addBlock(ctx, { siteId: 'cpr', block: { kind: 'domain', value: 'farm.example', action: 'hold' }, actor: SYSTEM })
    const held = await post({ email: 'x@farm.example' })
    expect(held).toMatchObject({ comment: { status: 'pending' }, reward: { status: 'pending', reason: 'approval' } })
    expect((await ctx.db.select().from(comments).where(eq(comments.id, held.comment.id)))[0]).toMatchObject({ status: 'pending', flag: 'blocked' })
    expect((await ctx.db.select().from(rewards))[0]).toMatchObject({ status: 'pending', pendingReason: 'approval', code: null })
    expect(await mails('comment.held')).toEqual([['mod@example.com', `comment:${held.comment.id}`]])
  })
})

describe('pre-moderation', () => {
  it('holds every comment, flagged by nothing, and tells each admin who asked; a published one tells nobody', async () => {
    const { ctx, post, mails } = await site({ moderation: 'pre' })
    await anAdmin(ctx, 'mod@example.com', true)
    await anAdmin(ctx, 'quiet@example.com', false)
    const held = await post()
    expect(held.comment.status).toBe('pending')
    expect((await ctx.db.select().from(comments))[0]).toMatchObject({ status: 'pending', flag: null })
    expect(await mails('comment.held')).toEqual([['mod@example.com', `comment:${held.comment.id}`]])
    const open = await site()
    await anAdmin(open.ctx, 'mod@example.com', true)
    expect((await open.post()).comment.status).toBe('published')
    expect(await open.mails('comment.held')).toEqual([])
  })

  it('lets a reader approved here before through when the site says so, and no one else', async () => {
    const { ctx, post } = await site({ moderation: 'pre', approveKnownReaders: true })
    await addSite(ctx, 'two', { moderation: 'pre', approveKnownReaders: true })
    const first = await post({ email: 'ann@example.com' })
    expect(first.comment.status).toBe('pending')
    // Still waiting: not known yet.
    expect((await post({ email: 'ann@example.com' }, '/q')).comment.status).toBe('pending')
    await moderateComment(ctx, { id: first.comment.id, action: 'approve', actor: SYSTEM })
    expect((await post({ email: 'Ann+again@example.com' }, '/r')).comment.status).toBe('published')
    expect((await post({ email: 'bob@example.com' })).comment.status).toBe('pending')
    // Approved on this site, not on another.
    expect((await post({ email: 'ann@example.com' }, '/p', '192.0.2.1', 'two')).comment.status).toBe('pending')
  })

  it('holds a reader approved before when the site does not let known readers through', async () => {
    const { ctx, post } = await site({ moderation: 'pre' })
    const first = await post({ email: 'ann@example.com' })
    await moderateComment(ctx, { id: first.comment.id, action: 'approve', actor: SYSTEM })
    expect((await post({ email: 'ann@example.com' }, '/q')).comment.status).toBe('pending')
  })
})

describe('replies and the mails they cause', () => {
  async function thread(over: Partial<Ctx> = {}) {
    const t = await site({}, over)
    const parent = await t.post({ email: 'ann@example.com', notify: true })
    await confirmReplies(t.ctx, { siteId: 'cpr', readerKey: 'ann@example.com' })
    return { ...t, parent }
  }

  it('tells the parent’s author, who asked and confirmed, of a published reply', async () => {
    const { post, parent, mails } = await thread()
    const reply = await post({ email: 'bob@example.com', parentId: parent.comment.id })
    expect(reply.comment.parentId).toBe(parent.comment.id)
    expect(await mails('reply.notify')).toEqual([['ann@example.com', `comment:${reply.comment.id}`]])
  })

  it('sends nothing when this server sends no email', async () => {
    const { post, parent, ctx } = await thread({ canEmail: false })
    await post({ email: 'bob@example.com', parentId: parent.comment.id })
    expect(await ctx.db.$count(outbox, eq(outbox.channel, 'email'))).toBe(0)
  })
})

describe('a reader who asks to hear of replies', () => {
  it('is asked to confirm by email, and the comment remembers the wish; one who did not ask is not', async () => {
    const { ctx, post, mails } = await site()
    const asked = await post({ email: 'ann@example.com', notify: true })
    expect(asked.notify).toBe('asked')
    const quiet = await post({ email: 'bob@example.com' })
    expect(quiet).not.toHaveProperty('notify')
    expect(await mails('subscription.confirm')).toEqual([['ann@example.com', 'subscriber:ann@example.com']])
    const stored = await ctx.db.select({ id: comments.id, notify: comments.notify }).from(comments).orderBy(comments.id)
    expect(stored.map((c) => c.notify)).toEqual([true, false])
  })

  it('hears nothing of it when this server sends no email', async () => {
    const { post, ctx } = await site({}, { canEmail: false })
    const answer = await post({ email: 'ann@example.com', notify: true })
    expect(answer).not.toHaveProperty('notify')
    expect(await ctx.db.$count(outbox, eq(outbox.channel, 'email'))).toBe(0)
  })

  it('as spam, hears what a real comment would, while no inbox is asked and the comment wants no replies', async () => {
    const { ctx, post } = await site()
    const spam = { website: 'http://spam.example', email: 'bot@example.com', notify: true }
    const kept = []
    for (let i = 0; i < SPAM_KEPT.perNetworkPerHour; i++) kept.push(await post(spam))
    const dropped = await post(spam)
    for (const answer of [...kept, dropped]) expect(answer).toMatchObject({ comment: { status: 'pending' }, notify: 'asked' })
    expect(await ctx.db.$count(outbox, eq(outbox.channel, 'email'))).toBe(0)
    expect((await ctx.db.select().from(comments)).map((c) => [c.status, c.notify])).toEqual(kept.map(() => ['spam', false]))
    // Without email, neither answer says so.
    const silent = await site({}, { canEmail: false })
    for (let i = 0; i <= SPAM_KEPT.perNetworkPerHour; i++) expect(await silent.post(spam)).not.toHaveProperty('notify')
  })
})

describe('the author’s edit window', () => {
  it('runs for the edit window from the comment’s time, with a key only this browser holds', async () => {
    const { post } = await site()
    const answer = await post()
    expect(answer.comment.createdAt).toBe('2026-11-26T10:00:00.000Z')
    expect(answer.edit?.until).toBe(new Date(Date.parse('2026-11-26T10:00:00.000Z') + LIMITS.editWindowMs).toISOString())
    expect(answer.edit?.token).toMatch(/^[\w-]{32}$/)
  })
})

describe('a static code', () => {
  it('is no reader’s own, so the farming limits never hold it back', async () => {
    const { post } = await site({ reward: { kind: 'static', label: '10% off', staticCode: 'CPR10' }, antiAbuse: { rewardsPerNetworkPerDay: 1 } })
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) {
      expect((await post({ email })).reward).toMatchObject({ status: 'issued', code: 'CPR10' })
    }
  })

  it('while a generated code past the same limit waits for review', async () => {
    const { post } = await site({ antiAbuse: { rewardsPerNetworkPerDay: 1 } })
    expect((await post({ email: 'a@example.com' })).reward).toMatchObject({ status: 'issued' })
    expect((await post({ email: 'b@example.com' })).reward).toEqual({ status: 'pending', reason: 'review' })
  })
})

describe('a comment past its reader’s limit', () => {
  it('is refused once, spending one comment of its network’s allowance, so the next reader there still gets through', async () => {
    const { ctx, post } = await site({ antiAbuse: { perIpPerMinute: 3, perEmailPerHour: 1 } })
    expect((await post({ email: 'ann@example.com' })).comment.status).toBe('published')
    await expect(post({ email: 'ann@example.com' })).rejects.toMatchObject({ code: 'rate_limited' })
    expect((await post({ email: 'bob@example.com' })).comment.status).toBe('published')
    await expect(post({ email: 'cy@example.com' })).rejects.toMatchObject({ code: 'rate_limited' })
    expect(await ctx.db.$count(comments)).toBe(2)
  })
})
