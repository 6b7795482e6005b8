/**
 * What posting a comment writes besides the comment (the routes' tests,
 * server/http/public-api.test.ts, cover the answers): a new thread's title and
 * address from the post's own page, never from the reader; the outbox rows of
 * the batch; and the answer a dropped spam gets, the same as a kept one.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import type { SiteSettingsInput } from '../../../shared/site.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { comments, outbox, threads } from '../../db/schema.ts'
import { SPAM_KEPT } from '../abuse/rate-limits.ts'
import { SYSTEM } from '../audit/actor.ts'
import type { Ctx } from '../context.ts'
import { addWebhook } from '../events/manage-webhooks.ts'
import { getSite } from '../sites/get-site.ts'
import { postComment } from './post-comment.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f()
})

async function site(settings: Partial<SiteSettingsInput> = {}, over: Partial<Ctx> = {}) {
  const t = await testCtx()
  const ctx: Ctx = { ...t.ctx, outbound: { allowPrivate: true }, ...over }
  await addSite(ctx, 'cpr', settings)
  const post = async (comment: Record<string, unknown> = {}, threadKey = '/p', ip = '192.0.2.1') =>
    postComment(ctx, { site: await getSite(ctx, 'cpr'), threadKey, comment: aComment(comment) as never, ip })
  return { ...t, ctx, post }
}

/** A blog on loopback whose post embeds the site's thread, with its own title. */
async function blog() {
  const server = createServer((req, res) => {
    if (new URL(req.url!, 'http://x').pathname !== '/blog/give-first') return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<!doctype html><html><head><title>Give first &amp; get</title></head><body>
       <script src="/widget.js" data-site="cpr" data-thread="/blog/give-first"></script></body></html>`,
    )
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanup.push(() => new Promise((r) => server.close(r)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('a new thread', () => {
  it('takes its title and address from the post’s page (without query or fragment), not from the reader’s request', async () => {
    const origin = await blog()
    const { ctx, post } = await site({ origins: [origin], posts: { check: 'page' } })
    await post({ url: `${origin}/blog/give-first?utm_source=x#comments` }, '/blog/give-first')
    const [thread] = await ctx.db.select().from(threads)
    expect(thread).toMatchObject({ key: '/blog/give-first', title: 'Give first & get', url: `${origin}/blog/give-first`, source: 'page', commentCount: 1 })
  })

  it('taken as any path has no title or address', async () => {
    const { ctx, post } = await site()
    await post({}, '/anything')
    expect((await ctx.db.select().from(threads))[0]).toMatchObject({ key: '/anything', title: null, url: null, source: 'any' })
  })
})

describe('the batch’s outbox rows', () => {
  it('a comment.created webhook with or without a reward, and a reward.issued one only with', async () => {
    for (const reward of [null, undefined]) {
      const { ctx, post } = await site(reward === null ? { reward: null } : {})
      await addWebhook(ctx, { siteId: 'cpr', url: 'http://127.0.0.1:9/hook', events: ['comment.created', 'reward.issued'], actor: SYSTEM })
      const { comment } = await post()
      const rows = await ctx.db.select().from(outbox).where(eq(outbox.channel, 'webhook')).orderBy(outbox.id)
      const expected = [{ event: 'comment.created', subject: `comment:${comment.id}`, status: 'pending' }]
      if (reward !== null) expected.push({ event: 'reward.issued', subject: `comment:${comment.id}`, status: 'pending' })
      expect(rows, String(reward)).toMatchObject(expected)
    }
  })

  it('the reward email when this server sends email, and none when it does not', async () => {
    const mailing = await site()
    await mailing.post({ email: 'ann@example.com' })
    expect(await mailing.ctx.db.select().from(outbox).where(eq(outbox.channel, 'email'))).toMatchObject([{ event: 'reward.issued', target: 'ann@example.com' }])
    const silent = await site({}, { canEmail: false })
    await silent.post({ email: 'ann@example.com' })
    expect(await silent.ctx.db.$count(outbox, eq(outbox.channel, 'email'))).toBe(0)
  })
})

describe('spam past what is kept', () => {
  it('is answered exactly as kept spam is, with the next id, and stored nowhere', async () => {
    for (const reward of [undefined, null]) {
      const { ctx, post } = await site(reward === null ? { reward: null } : {})
      const parent = (await post({}, '/p', '192.0.2.99')).comment
      const bot = { website: 'http://spam.example', authorName: 'Bot', body: 'Buy now', parentId: parent.id }
      const kept = []
      for (let i = 0; i < SPAM_KEPT.perNetworkPerHour; i++) kept.push(await post(bot))
      const stored = await ctx.db.$count(comments)
      const dropped = await post(bot)
      expect(await ctx.db.$count(comments)).toBe(stored)
      const last = kept.at(-1)!
      expect(dropped).toEqual({ ...last, comment: { ...last.comment, id: last.comment.id + 1 }, edit: { ...last.edit, token: expect.any(String) } })
      expect(dropped.comment).toMatchObject({
        status: 'pending',
        parentId: parent.id,
        authorName: 'Bot',
        body: 'Buy now',
        createdAt: '2026-11-26T10:00:00.000Z',
      })
      expect(dropped.reward).toEqual(reward === null ? null : { status: 'pending', reason: 'approval' })
    }
  })
})

describe('the answer about the reward', () => {
  it('never shows a code delivered by email, and queues the email even while this server cannot send it', async () => {
    const { ctx, post } = await site({ reward: { kind: 'generated', label: '10% off', delivery: 'email' } })
    const answer = await post({ email: 'ann@example.com' })
    expect(answer.reward).toEqual({ status: 'sent', label: '10% off' })
    expect(JSON.stringify(answer)).not.toMatch(/CPR-|"code"/)
    // SMTP_URL removed after the site was set up: the mail waits in the outbox for it.
    const later = { ...ctx, canEmail: false }
    await postComment(later, { site: await getSite(later, 'cpr'), threadKey: '/p', comment: aComment({ email: 'bob@example.com' }) as never, ip: '192.0.2.2' })
    expect((await ctx.db.select().from(outbox).where(eq(outbox.channel, 'email'))).map((r) => r.target)).toEqual(['ann@example.com', 'bob@example.com'])
  })

  it('tells a returning reader about their own reward, not someone else’s', async () => {
    // One reward a day per network: the second reader's is held for review.
    const { post } = await site({ antiAbuse: { rewardsPerNetworkPerDay: 1 } })
    expect((await post({ email: 'first@example.com' })).reward).toMatchObject({ status: 'issued' })
    expect((await post({ email: 'second@example.com' })).reward).toEqual({ status: 'pending', reason: 'review' })
    expect((await post({ email: 'second@example.com' }, '/q')).reward).toEqual({ status: 'pending', reason: 'review' })
    expect((await post({ email: 'first@example.com' }, '/q')).reward).toEqual({ status: 'already', label: '10% off' })
  })
})
