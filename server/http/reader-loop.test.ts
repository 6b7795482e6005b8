/**
 * The reader's side of a conversation, over the routes on a real database
 * with a clock the test moves: editing and deleting for 15 minutes from the
 * browser that posted, the author's reply with its badge, and a reader's data
 * erased down to the last copy of their address.
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ModerationAnswer } from '../../shared/admin.ts'
import type { EditCommentAnswer, ListCommentsAnswer, PostCommentAnswer } from '../../shared/comments.ts'
import type { ErrorBody } from '../../shared/errors.ts'
import { loginAs } from '../../tests/helpers/admin.ts'
import { aComment, BLOG, DEMO_REWARD, postJson, testApp, threadPath } from '../../tests/helpers/test-app.ts'
import { SYSTEM } from '../domain/audit/actor.ts'
import { confirmReplies } from '../domain/notifications/ask-for-replies.ts'
import { eraseReader } from '../domain/readers/erase-reader.ts'
import { normalizeEmail } from '../domain/readers/normalize-email.ts'
import { requestDataLink } from '../domain/readers/request-data-link.ts'
import { getSite } from '../domain/sites/get-site.ts'

const T = threadPath('/blog/reciprocity')
const json = async <J = ErrorBody>(r: Response | Promise<Response>) => (await r).json() as Promise<J>
const own = (app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, method: string, id: number, body: unknown) =>
  app.request(`/api/v1/sites/cpr/comments/${id}`, { method, headers: { 'content-type': 'application/json', origin: BLOG }, body: JSON.stringify(body) })

describe('editing and deleting one’s own comment', () => {
  it('works with the token from the post for 15 minutes, shows as edited, and keeps the reward', async () => {
    const { app, clock } = await testApp()
    const posted = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'Fist version, with a typo.' })))
    expect(posted.edit?.until).toBe('2026-11-26T10:15:00.000Z')
    expect(posted.reward?.status).toBe('issued')
    const token = posted.edit!.token

    const edited = await own(app, 'PATCH', posted.comment.id, { token, body: 'First version, typo fixed.' })
    expect(edited.status).toBe(200)
    expect((await json<EditCommentAnswer>(edited)).comment).toMatchObject({ body: 'First version, typo fixed.', edited: true, status: 'published' })
    const list = await json<ListCommentsAnswer>(app.request(T))
    expect(list.comments[0]).toMatchObject({ body: 'First version, typo fixed.', edited: true })

    // Another browser (another token, or none) cannot, and hears what an unknown id hears.
    const hijack = await own(app, 'PATCH', posted.comment.id, { token: 'x'.repeat(32), body: 'Hijacked.' })
    const unknown = await own(app, 'PATCH', 999_999, { token: 'x'.repeat(32), body: 'Hijacked.' })
    expect([hijack.status, unknown.status]).toEqual([404, 404])
    const said = async (r: Response) => {
      const { requestId, ...error } = (await json(r)).error
      return error
    }
    expect(await said(hijack)).toEqual(await said(unknown))
    expect((await own(app, 'PATCH', posted.comment.id, { body: 'Hijacked.' })).status).toBe(400)
    // The edit rules of a new comment: too many links is refused, nothing changes.
    const spammy = await own(app, 'PATCH', posted.comment.id, { token, body: 'http://a.example http://b.example http://c.example http://d.example' })
    expect(spammy.status).toBe(400)
    expect((await json(spammy)).error.fields).toEqual({ body: 'too_many_links' })

    // After the window: refused, with the reason.
    clock.advance(15 * 60_000 + 1)
    const late = await own(app, 'PATCH', posted.comment.id, { token, body: 'Too late.' })
    expect(late.status).toBe(403)
    expect((await json(late)).error.code).toBe('edit_window_closed')
    expect((await own(app, 'DELETE', posted.comment.id, { token })).status).toBe(403)
    expect((await json<ListCommentsAnswer>(app.request(T))).comments[0]!.body).toBe('First version, typo fixed.')
  })

  it('refuses a copy of another comment, and more than 10 edits of one comment', async () => {
    const { app } = await testApp()
    await postJson(app, T, aComment({ body: 'Someone else wrote this first.' }))
    const posted = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'My own words.' })))
    const token = posted.edit!.token
    const copy = await own(app, 'PATCH', posted.comment.id, { token, body: 'Someone else wrote this first.' })
    expect(copy.status).toBe(400)
    expect((await json(copy)).error.fields).toEqual({ body: 'duplicate' })
    for (let i = 1; i <= 9; i++) expect((await own(app, 'PATCH', posted.comment.id, { token, body: `My own words, take ${i}.` })).status).toBe(200)
    const tooMany = await own(app, 'PATCH', posted.comment.id, { token, body: 'Take eleven.' })
    expect(tooMany.status).toBe(429)
    expect(tooMany.headers.get('retry-after')).toBeTruthy()
  })

  it('on an approve-first site, holds an edited comment for approval again, and answers caught spam like a held comment', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const owner = await loginAs(app, ctx, 'owner')
    const posted = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'An honest first comment.' })))
    expect((await owner.send('POST', `/api/v1/admin/comments/${posted.comment.id}/approve`)).status).toBe(200)
    expect((await json<ListCommentsAnswer>(app.request(T))).thread.commentCount).toBe(1)
    const edited = await own(app, 'PATCH', posted.comment.id, { token: posted.edit!.token, body: 'Now with a link: http://spam.example' })
    expect((await json<EditCommentAnswer>(edited)).comment.status).toBe('pending')
    const list = await json<ListCommentsAnswer>(app.request(T))
    expect([list.thread.commentCount, list.comments.length]).toEqual([0, 0])

    // The honeypot caught this one; its author is told what a held comment's author is told.
    const caught = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'Buy now.', website: 'http://bot.example' })))
    const held = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'Held, like every comment here.' })))
    const a = await own(app, 'PATCH', caught.comment.id, { token: caught.edit!.token, body: 'Buy now, edited.' })
    const b = await own(app, 'PATCH', held.comment.id, { token: held.edit!.token, body: 'Held, edited.' })
    expect([a.status, b.status]).toEqual([200, 200])
    expect((await json<EditCommentAnswer>(a)).comment.status).toBe('pending')
    const [spam] = (await ctx.db.all(sql`select status from comments where id = ${caught.comment.id}`)) as { status: string }[]
    expect(spam!.status).toBe('spam')
  })

  it('never changes whether a held comment earns: decided as posted, not as edited', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre', reward: { ...DEMO_REWARD, minCommentChars: 40 } })
    const owner = await loginAs(app, ctx, 'owner')
    const long = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'A long and thoughtful comment, well past forty characters.' })))
    const short = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'nice post' })))
    await own(app, 'PATCH', long.comment.id, { token: long.edit!.token, body: 'short now' })
    await own(app, 'PATCH', short.comment.id, { token: short.edit!.token, body: 'Edited to be long enough to earn, which it must not do.' })
    const approved = async (id: number) => (await json<ModerationAnswer>(await owner.send('POST', `/api/v1/admin/comments/${id}/approve`))).reward
    expect((await approved(long.comment.id))?.status).toBe('issued')
    expect(await approved(short.comment.id)).toBeNull()
  })
  it('deletes: gone from the thread, or an empty placeholder while replies hang under it', async () => {
    const { app } = await testApp()
    const alone = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'I will take this back.' })))
    const parent = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'This one gets an answer.' })))
    await postJson(app, T, aComment({ body: 'The answer.', parentId: parent.comment.id }))
    expect((await json<ListCommentsAnswer>(app.request(T))).thread.commentCount).toBe(3)

    expect((await own(app, 'DELETE', alone.comment.id, { token: alone.edit!.token })).status).toBe(200)
    expect((await own(app, 'DELETE', parent.comment.id, { token: parent.edit!.token })).status).toBe(200)
    const list = await json<ListCommentsAnswer>(app.request(T))
    expect(list.thread.commentCount).toBe(1)
    expect(list.comments).toEqual([
      {
        id: parent.comment.id,
        parentId: null,
        authorName: '',
        body: '',
        createdAt: expect.any(String),
        deleted: true,
        replies: [expect.objectContaining({ body: 'The answer.' })],
      },
    ])
    // Deleted once is deleted: the token no longer works on it.
    expect((await own(app, 'DELETE', alone.comment.id, { token: alone.edit!.token })).status).toBe(404)
  })
})

describe('reply notifications, bounded', () => {
  it('answer the same for a confirmed address as for a new one, and mail one address at most 5 an hour and 20 a day', async () => {
    const { app, ctx, clock } = await testApp()
    const email = 'ida.replies@gmail.com'
    const asked = await json<PostCommentAnswer>(postJson(app, T, aComment({ authorName: 'Ida', email, body: 'Tell me of answers.', notify: true })))
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: normalizeEmail(email) })
    const confirmed = await json<PostCommentAnswer>(
      postJson(app, '/api/v1/sites/cpr/threads/%2Fa/comments', aComment({ email, body: 'Elsewhere.', notify: true })),
    )
    const stranger = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'Who am I?', notify: true })))
    expect([asked.notify, confirmed.notify, stranger.notify]).toEqual(['asked', 'asked', 'asked'])

    const notifications = async () =>
      ((await ctx.db.all(sql`select count(*) as n from outbox where event = 'reply.notify' and target = ${email}`)) as { n: number }[])[0]!.n
    for (let i = 0; i < 7; i++) await postJson(app, T, aComment({ body: `Answer number ${i}.`, parentId: asked.comment.id }))
    expect(await notifications()).toBe(5)
    clock.advance(61 * 60_000)
    for (let i = 0; i < 7; i++) await postJson(app, T, aComment({ body: `Later answer ${i}.`, parentId: asked.comment.id }))
    expect(await notifications()).toBe(10)
  })
})

describe('the pages behind mailed links, given bad input', () => {
  it('answer 404, 413 or 400 in words, never 500, and send no referrer', async () => {
    const { app, ctx } = await testApp()
    const bad = await app.request(`/reader/unsubscribe?t=${encodeURIComponent(`1.0.${'A'.repeat(31)}é`)}`, { method: 'POST' })
    expect(bad.status).toBe(404)
    expect(bad.headers.get('referrer-policy')).toBe('no-referrer')

    const email = 'olga.pages@gmail.com'
    await postJson(app, T, aComment({ email }))
    await requestDataLink(ctx, { site: await getSite(ctx, 'cpr'), email, network: '203.0.113.0' })
    const [row] = (await ctx.db.all(sql`select payload from outbox where event = 'reader.data-link'`)) as { payload: string }[]
    const t = (JSON.parse(row!.payload) as { token: string }).token
    const erase = (body: BodyInit, type: string) => app.request(`/reader/data/erase?t=${t}`, { method: 'POST', headers: { 'content-type': type }, body })
    expect((await erase(`how=anonymize&sure=yes&pad=${'x'.repeat(50_000)}`, 'application/x-www-form-urlencoded')).status).toBe(413)
    expect((await erase('--broken\r\nnot a form', 'multipart/form-data; boundary=broken')).status).toBe(400)
    const page = await app.request(`/reader/data?t=${t}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
  })
})

describe('the author’s reply', () => {
  it('carries the Author badge that a reader who takes the owner’s name does not get, and earns nothing', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx, 'owner')
    const reader = await json<PostCommentAnswer>(postJson(app, T, aComment({ body: 'A question for the author.' })))
    // A reader calls themselves what the owner is called.
    await postJson(app, T, aComment({ authorName: 'owner@example.com', body: 'I am the author, honestly.' }))
    const reply = await owner.send('POST', `/api/v1/admin/comments/${reader.comment.id}/reply`, { body: 'Thank you for asking!' })
    expect(reply.status).toBe(201)
    const list = await json<ListCommentsAnswer>(app.request(T))
    const answer = list.comments[0]!.replies![0]!
    // An admin who never chose a name answers as the blog, not as the start of their address.
    expect(answer).toMatchObject({ body: 'Thank you for asking!', byAuthor: true, authorName: 'CPR Blog' })
    expect(list.comments[1]).not.toHaveProperty('byAuthor')
    expect(list.thread.commentCount).toBe(3)
    const rewards = (await ctx.db.all(sql`select count(*) as n from rewards where reader_key like 'admin:%'`)) as { n: number }[]
    expect(rewards[0]!.n).toBe(0)
    // Only a published comment is answered.
    expect((await owner.send('POST', '/api/v1/admin/comments/999999/reply', { body: 'Nobody.' })).status).toBe(404)
  })
})

describe('a reader’s data, erased', () => {
  it('leaves no copy of the address anywhere in the database, and the code still works at the shop', async () => {
    const { app, ctx } = await testApp()
    const email = 'Zoe.Erase+blog@gmail.com'
    const mine = await json<PostCommentAnswer>(postJson(app, T, aComment({ authorName: 'Zoe', email, body: 'Mine, and an answer below.', notify: true })))
    await postJson(app, T, aComment({ email: 'zoe.erase@gmail.com', body: 'Another of mine, another spelling.' }))
    await postJson(app, T, aComment({ body: 'Someone answers Zoe.', parentId: mine.comment.id }))
    const site = await getSite(ctx, 'cpr')
    await requestDataLink(ctx, { site, email, network: '203.0.113.0' })
    const code = mine.reward!.status === 'issued' ? mine.reward!.code : ''

    const readerKey = normalizeEmail(email)
    const everything = async () => {
      const tables = (await ctx.db.all(
        sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
      )) as {
        name: string
      }[]
      const dump: string[] = []
      for (const { name } of tables) dump.push(JSON.stringify(await ctx.db.all(sql.raw(`select * from "${name}"`))))
      return dump.join('\n').toLowerCase()
    }
    expect(await everything()).toContain(readerKey)
    expect(await everything()).toContain('zoe.erase+blog@gmail.com')

    const done = await eraseReader(ctx, { siteId: 'cpr', readerKey, how: 'remove', actor: SYSTEM })
    expect(done).toEqual({ comments: 2, rewards: 1 })
    const after = await everything()
    expect(after).not.toContain('zoe.erase')
    expect(after).not.toContain(readerKey)

    // The comments are down, Zoe's with a reply stays as an empty placeholder.
    const list = await json<ListCommentsAnswer>(app.request(T))
    expect(list.comments.map((c) => c.deleted ?? c.body)).toEqual([true])
    expect(list.thread.commentCount).toBe(1)
    // The code is the shop's: still valid, no longer anyone's.
    const [row] = (await ctx.db.all(sql`select status, email, reader_key as readerKey from rewards where code = ${code}`)) as {
      status: string
      email: string
      readerKey: string
    }[]
    expect(row).toMatchObject({ status: 'issued', email: '' })
    expect(row!.readerKey).toMatch(/^erased:/)

    // Erasing is not a way to become a new reader: the same address comments again and earns nothing.
    const again = await json<PostCommentAnswer>(postJson(app, T, aComment({ authorName: 'Zoe', email, body: 'Back again, hoping for another code.' })))
    expect(again.comment.status).toBe('published')
    expect(again.reward).toBeNull()
  })
})
