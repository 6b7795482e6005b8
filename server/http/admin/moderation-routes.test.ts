/**
 * The moderation tools over the routes, on a real database: decisions on many
 * comments and undoing them (rewards included), "in reply to", one reader's
 * comments, blocks, approving readers approved before, closing posts, and a
 * moderator's edit; each with its refusals.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { AdminComment, Page } from '../../../shared/admin.ts'
import type { ListCommentsAnswer, PostCommentAnswer, ThreadView } from '../../../shared/comments.ts'
import type { ErrorBody } from '../../../shared/errors.ts'
import type { AdminPost, Block, DecisionAnswer, ModeratorEditAnswer, RevokeCodesAnswer, UndoAnswer } from '../../../shared/moderation.ts'
import { type AdminClient, loginAs } from '../../../tests/helpers/admin.ts'
import { aComment, BLOG, postJson, testApp, threadPath } from '../../../tests/helpers/test-app.ts'
import { auditLog, codePool, comments, outbox, rewards } from '../../db/schema.ts'

const T = threadPath('/blog/reciprocity')
const json = async <J = ErrorBody>(r: Response | Promise<Response>) => (await r).json() as Promise<J>
const post = (app: Awaited<ReturnType<typeof testApp>>['app'], over: Record<string, unknown> = {}, thread = T, ip = '203.0.113.9') =>
  json<PostCommentAnswer>(postJson(app, thread, aComment(over), { 'x-forwarded-for': ip }))
const decide = (admin: AdminClient, ids: number[], action: string) => admin.send('POST', '/api/v1/admin/comments/decisions', { ids, action })
/** The code an instant reward showed. */
const codeOf = (a: PostCommentAnswer) => (a.reward as { code: string }).code
const rewardOf = async (ctx: Awaited<ReturnType<typeof testApp>>['ctx'], commentId: number) =>
  (await ctx.db.select().from(rewards).where(eq(rewards.commentId, commentId)))[0]

describe('deciding on many comments at once, and undoing it', () => {
  it('approves a page of held comments in one request, and the undo puts each back, its code back to waiting', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const held = [await post(app), await post(app), await post(app)]
    const ids = held.map((h) => h.comment.id)
    const res = await decide(mod, ids, 'approve')
    expect(res.status).toBe(200)
    const answer = await json<DecisionAnswer>(res)
    expect(answer.comments.map((c) => [c.status, c.changed, c.reward?.status])).toEqual(ids.map(() => ['published', true, 'issued']))
    expect(answer.undo?.until).toBe('2026-11-26T10:10:00.000Z')
    expect((await json<ListCommentsAnswer>(app.request(T))).thread.commentCount).toBe(3)
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'comment.approve'))).toBe(3)
    const codes = answer.comments.map((c) => c.reward!.code!)

    const undo = await json<UndoAnswer>(mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`))
    expect(undo).toEqual({ restored: 3, skipped: 0 })
    const queue = await json<Page<AdminComment>>(mod.get('/api/v1/admin/comments?site=cpr'))
    expect(queue.items.map((c) => [c.id, c.status, c.reward])).toEqual([...ids].reverse().map((id) => [id, 'pending', { status: 'pending', code: null }]))
    expect((await json<ListCommentsAnswer>(app.request(T))).thread.commentCount).toBe(0)
    // Nobody heard of those codes: the mails waiting to carry them are gone, and the codes no longer exist.
    expect(await ctx.db.$count(outbox, eq(outbox.event, 'reward.issued'))).toBe(0)
    for (const code of codes) expect((await mod.get(`/api/v1/admin/codes?q=${code}`)).status).toBe(200)
    expect((await json<Page<unknown>>(mod.get(`/api/v1/admin/codes?q=${codes[0]}`))).items).toEqual([])
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'comment.undo'))).toBe(3)

    // Approving again issues a fresh code, once.
    const again = await json<DecisionAnswer>(decide(mod, ids, 'approve'))
    expect(again.comments.every((c) => c.reward?.status === 'issued' && !codes.includes(c.reward.code!))).toBe(true)
    // An undo is one-shot.
    const twice = await mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`)
    expect(twice.status).toBe(409)
  })

  it('revokes a code its approval issued if the reader was already mailed it, and frees nothing of the pool', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre', reward: { kind: 'pool', label: 'From the shop' } })
    await ctx.db.insert(codePool).values([{ siteId: 'cpr', code: 'POOL-1', codeKey: 'POOL1', importedAt: '2026-11-26T09:00:00.000Z' }])
    const mod = await loginAs(app, ctx, 'moderator')
    const held = await post(app)
    const answer = await json<DecisionAnswer>(decide(mod, [held.comment.id], 'approve'))
    expect(answer.comments[0]!.reward).toEqual({ status: 'issued', code: 'POOL-1' })
    // The worker sent the reader's mail meanwhile.
    await ctx.db.update(outbox).set({ status: 'sent', attempts: 1 }).where(eq(outbox.event, 'reward.issued'))
    await mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`)
    expect((await rewardOf(ctx, held.comment.id))?.status).toBe('revoked')
    expect((await ctx.db.select().from(codePool))[0]!.claim).not.toBeNull()
    expect(await ctx.db.$count(auditLog, and(eq(auditLog.action, 'code.revoked'), eq(auditLog.subject, 'POOL-1')))).toBe(1)
  })

  it('a pool code nobody heard of goes back to the pool', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre', reward: { kind: 'pool', label: 'From the shop' } })
    await ctx.db.insert(codePool).values([{ siteId: 'cpr', code: 'POOL-1', codeKey: 'POOL1', importedAt: '2026-11-26T09:00:00.000Z' }])
    const mod = await loginAs(app, ctx, 'moderator')
    const held = await post(app)
    const answer = await json<DecisionAnswer>(decide(mod, [held.comment.id], 'approve'))
    await mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`)
    expect(await rewardOf(ctx, held.comment.id)).toMatchObject({ status: 'pending', pendingReason: 'approval', code: null })
    expect((await ctx.db.select().from(codePool))[0]!.claim).toBeNull()
  })

  it('marks rewarded comments as spam, revokes their codes on request, and the undo makes them valid again', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const a = await post(app, { authorName: 'Ann' })
    const b = await post(app, { authorName: 'Bo' })
    const answer = await json<DecisionAnswer>(decide(mod, [a.comment.id, b.comment.id], 'spam'))
    expect(answer.stillValid.map((s) => [s.authorName, s.code])).toEqual([
      ['Ann', codeOf(a)],
      ['Bo', codeOf(b)],
    ])
    const revoked = await json<RevokeCodesAnswer>(mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/revoke-codes`))
    expect(revoked.revoked.sort()).toEqual([codeOf(a), codeOf(b)].sort())
    expect((await rewardOf(ctx, a.comment.id))?.status).toBe('revoked')
    expect((await json<ListCommentsAnswer>(app.request(T))).comments).toEqual([])

    await mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`)
    expect((await rewardOf(ctx, a.comment.id))?.status).toBe('issued')
    expect((await rewardOf(ctx, b.comment.id))?.status).toBe('issued')
    expect((await json<ListCommentsAnswer>(app.request(T))).comments.map((c) => c.authorName)).toEqual(['Ann', 'Bo'])
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'code.restored'))).toBe(2)
  })

  it('a take-down drops a waiting reward, and the undo brings it back', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const held = await post(app)
    const answer = await json<DecisionAnswer>(decide(mod, [held.comment.id], 'delete'))
    expect(await rewardOf(ctx, held.comment.id)).toBeUndefined()
    await mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`)
    expect(await rewardOf(ctx, held.comment.id)).toMatchObject({ status: 'pending', pendingReason: 'approval' })
    expect((await ctx.db.select().from(comments))[0]!.status).toBe('pending')
  })

  it('leaves a comment someone changed since, and refuses another admin’s undo, a late one and a bad request', async () => {
    const { app, ctx, clock } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const owner = await loginAs(app, ctx, 'owner')
    const [x, y] = [await post(app), await post(app)]
    const answer = await json<DecisionAnswer>(decide(mod, [x.comment.id, y.comment.id], 'reject'))
    await owner.send('POST', `/api/v1/admin/comments/${y.comment.id}/approve`)
    expect((await owner.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`)).status).toBe(404)
    expect(await json<UndoAnswer>(mod.send('POST', `/api/v1/admin/comments/decisions/${answer.undo!.id}/undo`))).toEqual({ restored: 1, skipped: 1 })
    const statuses = await ctx.db.select({ id: comments.id, status: comments.status }).from(comments)
    expect(statuses).toEqual([
      { id: x.comment.id, status: 'pending' },
      { id: y.comment.id, status: 'published' },
    ])

    const late = await json<DecisionAnswer>(decide(mod, [x.comment.id], 'spam'))
    clock.advance(10 * 60_000 + 1)
    const tooLate = await mod.send('POST', `/api/v1/admin/comments/decisions/${late.undo!.id}/undo`)
    expect(tooLate.status).toBe(409)
    expect((await json(tooLate)).error.message).toContain('too late')

    for (const body of [
      { ids: [], action: 'approve' },
      { ids: [1, 1], action: 'approve' },
      { ids: [1], action: 'publish' },
      { ids: Array.from({ length: 201 }, (_, i) => i + 1), action: 'spam' },
    ]) {
      const bad = await mod.send('POST', '/api/v1/admin/comments/decisions', body)
      expect(bad.status).toBe(400)
      expect((await json(bad)).error.code).toBe('invalid_input')
    }
    const unknown = await decide(mod, [x.comment.id, 999], 'approve')
    expect(unknown.status).toBe(404)
    expect((await ctx.db.select().from(comments).where(eq(comments.id, x.comment.id)))[0]!.status).toBe('spam')
    expect((await mod.send('POST', '/api/v1/admin/comments/decisions/not-a-decision/undo')).status).toBe(400)
  })
})

describe('the queue’s context', () => {
  it('shows what a reply answers, and every comment of one reader across posts', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const first = await post(app, { authorName: 'Ann', email: 'ann.lee@gmail.com', body: `The first thought, ${'long '.repeat(40)}end.` })
    await decide(mod, [first.comment.id], 'approve')
    const reply = await post(app, { authorName: 'Bo', body: 'An answer.', parentId: first.comment.id })
    await post(app, { authorName: 'Ann', email: 'AnnLee+blog@gmail.com', body: 'On another post.' }, threadPath('/other'))
    const queue = await json<Page<AdminComment>>(mod.get('/api/v1/admin/comments?site=cpr'))
    const bo = queue.items.find((c) => c.id === reply.comment.id)!
    expect(bo.parent).toMatchObject({ id: first.comment.id, authorName: 'Ann', status: 'published' })
    expect(bo.parent!.excerpt.endsWith('…')).toBe(true)
    expect(bo.parent!.excerpt.length).toBeLessThanOrEqual(141)

    const ann = await json<Page<AdminComment>>(mod.get(`/api/v1/admin/comments?reader=${encodeURIComponent('ann.lee@googlemail.com')}`))
    expect(ann.items.map((c) => [c.thread.key, c.status])).toEqual([
      ['/other', 'pending'],
      ['/blog/reciprocity', 'published'],
    ])
    expect((await json<Page<AdminComment>>(mod.get('/api/v1/admin/comments?reader=ann.lee%40gmail.com&status=pending'))).items).toHaveLength(1)
    expect((await mod.get('/api/v1/admin/comments?status=everything')).status).toBe(400)
  })
})

describe('blocks', () => {
  it('refuses a blocked address (any spelling), domain, network or word with 403 blocked, and unblocks', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    const mod = await loginAs(app, ctx, 'moderator')
    const add = (b: Record<string, unknown>) => mod.send('POST', '/api/v1/admin/sites/cpr/blocks', b)
    expect((await add({ kind: 'email', value: 'Troll.Face@gmail.com' })).status).toBe(201)
    expect((await add({ kind: 'domain', value: '@spam.example' })).status).toBe(201)
    expect((await add({ kind: 'word', value: 'Casino' })).status).toBe(201)

    const refused = await postJson(app, T, aComment({ email: 'trollface+x@googlemail.com' }))
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error: { code: 'blocked', message: 'This site does not accept comments from you.' } })
    expect((await postJson(app, T, aComment({ email: 'a@mail.spam.example' }))).status).toBe(403)
    const word = await postJson(app, T, aComment({ body: 'Visit my CASÍNO today' }))
    expect(await word.json()).toMatchObject({ error: { code: 'blocked', message: expect.stringContaining('words') } })
    // A word stands on its own: "casinos" in a name of a place is not "casino".
    expect((await postJson(app, T, aComment({ body: 'The casinoroyale fan club.' }))).status).toBe(201)
    expect(await ctx.db.$count(comments)).toBe(1)

    // A network, from one of the reader's comments: another address from it is refused too.
    const from = await post(app, { authorName: 'Hopper' }, T, '198.51.100.23')
    const net = await json<Block>(add({ kind: 'network', commentId: from.comment.id }))
    expect(net).toMatchObject({ kind: 'network', action: 'refuse', note: expect.stringContaining('Hopper') })
    expect((await postJson(app, T, aComment(), { 'x-forwarded-for': '198.51.100.23' })).status).toBe(403)
    expect((await postJson(app, T, aComment(), { 'x-forwarded-for': '198.51.100.24' })).status).toBe(201)
    await add({ kind: 'network', commentId: from.comment.id, wide: true })
    expect((await postJson(app, T, aComment(), { 'x-forwarded-for': '198.51.100.99' })).status).toBe(403)

    const list = await json<Page<Block>>(owner.get('/api/v1/admin/sites/cpr/blocks'))
    expect(list.items.map((b) => [b.kind, b.kind === 'network' ? 'hash' : b.value])).toEqual([
      ['network', 'hash'],
      ['network', 'hash'],
      ['word', 'casino'],
      ['domain', 'spam.example'],
      ['email', 'trollface@gmail.com'],
    ])
    const email = list.items.find((b) => b.kind === 'email')!
    expect((await owner.send('DELETE', `/api/v1/admin/sites/cpr/blocks/${email.id}`)).status).toBe(200)
    expect((await postJson(app, T, aComment({ email: 'troll.face@gmail.com' }))).status).toBe(201)
    expect((await owner.send('DELETE', `/api/v1/admin/sites/cpr/blocks/${email.id}`)).status).toBe(404)
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'block.added'))).toBe(5)
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'block.removed'))).toBe(1)
  })

  it('holds a blocked comment for a moderator when the block says so, with its reward waiting', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    await mod.send('POST', '/api/v1/admin/sites/cpr/blocks', { kind: 'word', value: 'crypto giveaway', action: 'hold' })
    const held = await post(app, { body: 'A real CRYPTO   giveaway, honest.' })
    expect(held).toMatchObject({ comment: { status: 'pending' }, reward: { status: 'pending', reason: 'approval' } })
    const queue = await json<Page<AdminComment>>(mod.get('/api/v1/admin/comments?site=cpr'))
    expect(queue.items[0]).toMatchObject({ id: held.comment.id, flag: 'blocked' })
    // Blocking it again as refuse changes the block, not the list.
    const again = await json<Block>(mod.send('POST', '/api/v1/admin/sites/cpr/blocks', { kind: 'word', value: 'Crypto Giveaway', action: 'refuse' }))
    expect(again.action).toBe('refuse')
    expect((await json<Page<Block>>(mod.get('/api/v1/admin/sites/cpr/blocks'))).items).toHaveLength(1)
  })

  it('refuses a block that makes no sense', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const add = (b: Record<string, unknown>) => mod.send('POST', '/api/v1/admin/sites/cpr/blocks', b)
    const cases: [Record<string, unknown>, number, string][] = [
      [{ kind: 'email' }, 400, 'invalid_input'],
      [{ kind: 'email', value: 'not an address' }, 400, 'invalid_input'],
      [{ kind: 'domain', value: 'gmail.com' }, 400, 'invalid_input'],
      [{ kind: 'domain', value: 'no spaces.example' }, 400, 'invalid_input'],
      [{ kind: 'word', value: 'x' }, 400, 'invalid_input'],
      [{ kind: 'network', commentId: 999 }, 404, 'not_found'],
      [{ kind: 'ip', value: '203.0.113.7' }, 400, 'invalid_input'],
      [{ kind: 'word', value: 'casino', action: 'shadowban' }, 400, 'invalid_input'],
    ]
    for (const [body, status, code] of cases) {
      const res = await add(body)
      expect([JSON.stringify(body), res.status, (await json(res)).error.code]).toEqual([JSON.stringify(body), status, code])
    }
    expect((await mod.send('POST', '/api/v1/admin/sites/nope/blocks', { kind: 'word', value: 'casino' })).status).toBe(404)
  })
})

describe('approving readers approved before', () => {
  it('publishes a known reader at once while everyone else waits; their reward still meets the farming checks', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre', approveKnownReaders: true, reward: { kind: 'generated', label: '10% off', scope: 'thread' } })
    const mod = await loginAs(app, ctx, 'moderator')
    const first = await post(app, { email: 'known@example.com' }, threadPath('/a'))
    expect(first.comment.status).toBe('pending')
    await decide(mod, [first.comment.id], 'approve')
    const second = await post(app, { email: 'Known@Example.com' }, threadPath('/b'))
    expect(second.comment.status).toBe('published')
    expect(second.reward?.status).toBe('issued')
    expect((await post(app, { email: 'stranger@example.com' }, threadPath('/b'))).comment.status).toBe('pending')

    // The farming check still holds a reward past the network's daily allowance.
    const owner = await loginAs(app, ctx)
    const site = await json<Record<string, unknown>>(owner.get('/api/v1/admin/sites/cpr'))
    expect(site.approveKnownReaders).toBe(true)
    await owner.send('PUT', '/api/v1/admin/sites/cpr', { ...site, antiAbuse: { ...(site.antiAbuse as object), rewardsPerNetworkPerDay: 1 } })
    const third = await post(app, { email: 'known@example.com' }, threadPath('/p'))
    expect(third.comment.status).toBe('published')
    expect(third.reward).toMatchObject({ status: 'pending', reason: 'review' })
  })

  it('is off by default: a known reader waits like anyone', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const first = await post(app, { email: 'known@example.com' })
    await decide(mod, [first.comment.id], 'approve')
    expect((await post(app, { email: 'known@example.com' })).comment.status).toBe('pending')
  })
})

describe('closing a post', () => {
  it('refuses new comments with 403 thread_closed, tells the widget, keeps the comments, and reopens', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const before = await post(app, { body: 'Said before it closed.' })
    const closed = await mod.send('POST', '/api/v1/admin/sites/cpr/posts/close', { thread: 'https://blog.example/blog/reciprocity/' })
    expect(await json(closed)).toEqual({ key: '/blog/reciprocity', closedAt: '2026-11-26T10:00:00.000Z' })
    const refused = await postJson(app, T, aComment())
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error: { code: 'thread_closed', message: 'Comments are closed on this post.' } })
    const view = await json<ThreadView>(app.request('/api/v1/sites/cpr/threads/%2Fblog%2Freciprocity', { headers: { origin: BLOG } }))
    expect(view.page.thread.closed).toBe(true)
    expect(view.page.comments.map((c) => c.id)).toEqual([before.comment.id])
    const posts = await json<Page<AdminPost>>(mod.get('/api/v1/admin/sites/cpr/posts?closed=true'))
    expect(posts.items.map((p) => [p.key, p.comments, p.closedAt])).toEqual([['/blog/reciprocity', 1, '2026-11-26T10:00:00.000Z']])

    // A post nobody commented on can be closed before its first comment.
    await mod.send('POST', '/api/v1/admin/sites/cpr/posts/close', { thread: '/coming-soon' })
    expect((await postJson(app, threadPath('/coming-soon'), aComment())).status).toBe(403)

    expect(await json(mod.send('POST', '/api/v1/admin/sites/cpr/posts/open', { thread: '/blog/reciprocity' }))).toEqual({
      key: '/blog/reciprocity',
      closedAt: null,
    })
    expect((await postJson(app, T, aComment())).status).toBe(201)
    expect((await json<ThreadView>(app.request('/api/v1/sites/cpr/threads/%2Fblog%2Freciprocity', { headers: { origin: BLOG } }))).page.thread.closed).toBe(
      false,
    )
    expect((await mod.send('POST', '/api/v1/admin/sites/cpr/posts/open', { thread: '/never-was' })).status).toBe(404)
    expect((await mod.send('POST', '/api/v1/admin/sites/cpr/posts/close', {})).status).toBe(400)
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'post.closed'))).toBe(2)
  })
})

describe('the posts view', () => {
  it('counts each post’s published and waiting comments, and finds a post by path or title', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const first = await post(app, {}, threadPath('/a'))
    await post(app, {}, threadPath('/a'))
    await post(app, {}, threadPath('/a'))
    await post(app, {}, threadPath('/b'))
    await decide(mod, [first.comment.id], 'approve')
    const all = await json<Page<AdminPost>>(mod.get('/api/v1/admin/sites/cpr/posts'))
    expect(all.items.map((p) => [p.key, p.comments, p.pending, p.closedAt])).toEqual([
      ['/b', 0, 1, null],
      ['/a', 1, 2, null],
    ])
    expect((await json<Page<AdminPost>>(mod.get('/api/v1/admin/sites/cpr/posts?q=a'))).items.map((p) => p.key)).toEqual(['/a'])
    expect((await json<Page<AdminPost>>(mod.get('/api/v1/admin/sites/cpr/posts?thread=%2Fb%2F'))).items.map((p) => p.key)).toEqual(['/b'])
    expect((await mod.get('/api/v1/admin/sites/cpr/posts?closed=maybe')).status).toBe(400)
  })
})

describe('a moderator’s edit', () => {
  it('changes the text, marks it edited, and audits before and after', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const posted = await post(app, { body: 'Great post, visit http://spam.example now' })
    const res = await mod.send('PATCH', `/api/v1/admin/comments/${posted.comment.id}`, { body: 'Great post.' })
    expect(await json<ModeratorEditAnswer>(res)).toEqual({ id: posted.comment.id, body: 'Great post.', editedAt: '2026-11-26T10:00:00.000Z' })
    expect((await json<ListCommentsAnswer>(app.request(T))).comments[0]).toMatchObject({ body: 'Great post.', edited: true })
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'comment.edit'))
    expect(audit).toMatchObject({
      subject: `comment:${posted.comment.id}`,
      detail: { before: 'Great post, visit http://spam.example now', after: 'Great post.' },
    })
    expect((await rewardOf(ctx, posted.comment.id))?.status).toBe('issued')

    expect((await mod.send('PATCH', `/api/v1/admin/comments/${posted.comment.id}`, { body: '' })).status).toBe(400)
    expect((await mod.send('PATCH', '/api/v1/admin/comments/999', { body: 'x' })).status).toBe(404)
    await decide(mod, [posted.comment.id], 'delete')
    expect((await mod.send('PATCH', `/api/v1/admin/comments/${posted.comment.id}`, { body: 'Back?' })).status).toBe(409)
  })
})
