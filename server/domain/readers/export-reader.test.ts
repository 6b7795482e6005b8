/**
 * What a reader downloads (and an owner exports for them): exactly this
 * reader's comments, rewards and notification settings on this site, found by
 * any spelling of the address, and nobody else's; audited when someone other
 * than the reader looks.
 */
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { ReaderExport } from '../../../shared/moving.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { auditLog, rewards } from '../../db/schema.ts'
import { CLI } from '../audit/actor.ts'
import { postComment } from '../comments/post-comment.ts'
import { confirmReplies } from '../notifications/ask-for-replies.ts'
import { getSite } from '../sites/get-site.ts'
import { exportReader } from './export-reader.ts'
import { readerPseudonym, readerSubject } from './reader-subject.ts'

const DAY = 86_400_000

async function site() {
  const t = await testCtx()
  const { ctx } = t
  await addSite(ctx, 'cpr')
  await addSite(ctx, 'other', { origins: ['https://other.example'] })
  const write = async (comment: Record<string, unknown>, threadKey = '/p', siteId = 'cpr') =>
    postComment(ctx, { site: await getSite(ctx, siteId), threadKey, comment: aComment(comment) as never, ip: '192.0.2.200' })
  return { ...t, write }
}

describe('exportReader', () => {
  it('holds exactly this reader’s comments, reward and subscriptions on this site, in any spelling of the address', async () => {
    const { ctx, clock, write } = await site()
    const first = await write({ authorName: 'Ann', email: 'Ann.Lee+blog@gmail.com', body: 'First, with replies please.', notify: true }, '/b')
    clock.advance(60_000)
    const second = await write({ authorName: 'Ann L.', email: 'annlee@googlemail.com', body: 'Second, on another post.', notify: true }, '/a')
    const third = await write({ authorName: 'Ann', email: 'ann.lee@gmail.com', body: 'A reply to myself.', parentId: first.comment.id }, '/b')
    // Someone else on this site, Ann on another site: neither is in her export.
    await write({ authorName: 'Bob', email: 'bob@example.com', body: 'Bob was here.', notify: true }, '/b')
    await write({ authorName: 'Ann elsewhere', email: 'ann.lee@gmail.com', body: 'On the other blog.', notify: true }, '/b', 'other')
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: 'annlee@gmail.com' })
    await confirmReplies(ctx, { siteId: 'cpr', readerKey: 'bob@example.com' })
    await ctx.db.run(sql`update comments set import_key = 'disqus:7' where id = ${second.comment.id}`)
    const [reward] = await ctx.db.select().from(rewards).where(eq(rewards.commentId, first.comment.id))
    clock.advance(60_000)

    const data = await exportReader(ctx, { siteId: 'cpr', email: 'ANN.LEE@gmail.com' })
    expect(ReaderExport.parse(data)).toEqual(data)
    expect(data).toEqual({
      site: 'cpr',
      email: 'ANN.LEE@gmail.com',
      exportedAt: '2026-11-26T10:02:00.000Z',
      comments: [
        {
          id: first.comment.id,
          thread: { key: '/b', title: null, url: null },
          parentId: null,
          authorName: 'Ann',
          email: 'Ann.Lee+blog@gmail.com',
          body: 'First, with replies please.',
          status: 'published',
          createdAt: '2026-11-26T10:00:00.000Z',
          imported: false,
        },
        {
          id: second.comment.id,
          thread: { key: '/a', title: null, url: null },
          parentId: null,
          authorName: 'Ann L.',
          email: 'annlee@googlemail.com',
          body: 'Second, on another post.',
          status: 'published',
          createdAt: '2026-11-26T10:01:00.000Z',
          imported: true,
        },
        expect.objectContaining({ id: third.comment.id, parentId: first.comment.id, body: 'A reply to myself.', imported: false }),
      ],
      rewards: [
        {
          code: reward!.code,
          status: 'issued',
          label: '10% off',
          email: 'Ann.Lee+blog@gmail.com',
          thread: '/b',
          createdAt: '2026-11-26T10:00:00.000Z',
          issuedAt: '2026-11-26T10:00:00.000Z',
          expiresAt: reward!.expiresAt,
          redeemedAt: null,
          orderRef: null,
        },
      ],
      notifications: { status: 'confirmed', posts: ['/a', '/b'] },
    })
    expect(JSON.stringify(data)).not.toMatch(/bob|elsewhere|other blog/i)
  })

  it('says a code past its date is expired, and a reader who never asked for replies has them off', async () => {
    const { ctx, clock, write } = await site()
    await write({ email: 'cy@example.com' })
    clock.advance(31 * DAY)
    const data = await exportReader(ctx, { siteId: 'cpr', email: 'cy@example.com' })
    expect(data.rewards.map((r) => r.status)).toEqual(['expired'])
    expect(data.notifications).toEqual({ status: 'off', posts: [] })
  })

  it('tells replies asked for but not confirmed apart from confirmed ones', async () => {
    const { ctx, write } = await site()
    await write({ email: 'dee@example.com', notify: true })
    expect((await exportReader(ctx, { siteId: 'cpr', email: 'dee@example.com' })).notifications).toEqual({ status: 'pending', posts: ['/p'] })
  })

  it('for an address the site does not know is empty, whoever else asked for replies', async () => {
    const { ctx, write } = await site()
    await write({ email: 'bob@example.com', notify: true })
    await write({ email: 'ann@example.com', notify: true }, '/p', 'other')
    const data = await exportReader(ctx, { siteId: 'cpr', email: 'ann@example.com' })
    expect([data.comments, data.rewards, data.notifications]).toEqual([[], [], { status: 'off', posts: [] }])
  })

  it('is audited when the owner or the CLI exports, under the reader’s pseudonym, and not when the reader looks', async () => {
    const { ctx, write } = await site()
    await write({ email: 'eve@example.com' })
    await write({ email: 'eve@example.com' }, '/a')
    await exportReader(ctx, { siteId: 'cpr', email: 'eve@example.com' })
    expect(await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'reader.exported'))).toEqual([])
    await exportReader(ctx, { siteId: 'cpr', email: 'Eve@Example.com', actor: CLI })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'reader.exported'))
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'cli',
        siteId: 'cpr',
        subject: readerSubject(await readerPseudonym(ctx, 'cpr', 'eve@example.com')),
        detail: { comments: 2, rewards: 1 },
      }),
    ])
    expect(JSON.stringify(audit)).not.toContain('eve@')
  })
})
