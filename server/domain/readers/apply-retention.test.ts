/**
 * A site that keeps readers' addresses for a year: the sweep erases the
 * address of every reader whose last comment is older than that, on that site
 * only; names, words and the one-reward rule stay, and the address is gone
 * from the database file too.
 */
import { readFileSync } from 'node:fs'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { auditLog, comments, rewards } from '../../db/schema.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { getSite } from '../sites/get-site.ts'
import { applyRetention } from './apply-retention.ts'

const DAY = 86_400_000

const write = async (ctx: Ctx, email: string, siteId = 'cpr', authorName = 'Reader') =>
  postComment(ctx, { site: await getSite(ctx, siteId), threadKey: '/p', comment: aComment({ email, authorName }) as never, ip: '192.0.2.200' })
const addresses = async (ctx: Ctx) =>
  (await ctx.db.select({ site: comments.siteId, name: comments.authorName, email: comments.email }).from(comments).orderBy(comments.id)).map((c) =>
    [c.site, c.name, c.email].join(' '),
  )

describe('applyRetention', () => {
  it('erases the address of each reader whose last comment is past the site’s period, and only on that site', async () => {
    const { ctx, clock } = await testCtx()
    await addSite(ctx, 'cpr', { emailRetentionDays: 365 })
    await addSite(ctx, 'other', { origins: ['https://other.example'] })
    await write(ctx, 'ann@example.com', 'cpr', 'Ann')
    await write(ctx, 'bob@example.com', 'cpr', 'Bob')
    await write(ctx, 'ann@example.com', 'other', 'Ann')
    clock.advance(390 * DAY)
    await write(ctx, 'Bob@example.com', 'cpr', 'Bob') // Bob came back: his clock starts again.
    clock.advance(10 * DAY)

    expect(await applyRetention(ctx)).toBe(1)
    expect(await addresses(ctx)).toEqual(['cpr Ann ', 'cpr Bob bob@example.com', 'other Ann ann@example.com', 'cpr Bob Bob@example.com'])
    const [reward] = await ctx.db.select().from(rewards).where(eq(rewards.siteId, 'cpr')).orderBy(rewards.id)
    expect(reward).toMatchObject({ email: '', readerKey: expect.stringMatching(/^erased:/) })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'reader.emails-expired'))
    expect(audit).toEqual([expect.objectContaining({ actor: 'system', siteId: 'cpr', detail: expect.objectContaining({ how: 'emails', comments: 1 }) })])
    // Done is done: the next sweep finds nobody.
    expect(await applyRetention(ctx)).toBe(0)

    // A year after Bob's last comment, his turn.
    clock.advance(356 * DAY)
    expect(await applyRetention(ctx)).toBe(1)
    expect(await addresses(ctx)).toEqual(['cpr Ann ', 'cpr Bob ', 'other Ann ann@example.com', 'cpr Bob '])
  })

  it('keeps the address on a site that keeps it as long as the site exists, however old', async () => {
    const { ctx, clock } = await testCtx()
    await addSite(ctx, 'cpr')
    await write(ctx, 'ann@example.com')
    clock.advance(3000 * DAY)
    expect(await applyRetention(ctx)).toBe(0)
    expect(await addresses(ctx)).toEqual(['cpr Reader ann@example.com'])
  })

  it('leaves a reader whose address expired without a second reward when they come back', async () => {
    const { ctx, clock } = await testCtx()
    await addSite(ctx, 'cpr', { emailRetentionDays: 365 })
    expect((await write(ctx, 'ann@example.com')).reward?.status).toBe('issued')
    clock.advance(366 * DAY)
    expect(await applyRetention(ctx)).toBe(1)
    expect((await write(ctx, 'Ann@Example.com')).reward).toBeNull()
    expect((await write(ctx, 'new@example.com')).reward?.status).toBe('issued')
  })

  it('leaves no byte of an expired address in the database file or its WAL', async () => {
    const { ctx, clock, url, close } = await testCtx({ file: true })
    await addSite(ctx, 'cpr', { emailRetentionDays: 730 })
    await write(ctx, 'Wanda.Gone@gmail.com')
    const file = url.slice('file:'.length)
    const onDisk = () => [file, `${file}-wal`].map((f) => readFileSync(f, { flag: 'r' }).toString('latin1').toLowerCase()).join('\n')
    expect(onDisk()).toContain('wanda.gone')
    clock.advance(729 * DAY)
    expect(await applyRetention(ctx)).toBe(0)
    clock.advance(2 * DAY)
    expect(await applyRetention(ctx)).toBe(1)
    expect(onDisk()).not.toContain('wanda.gone')
    expect(onDisk()).not.toContain('wandagone')
    const [count] = (await ctx.db.all(sql`select count(*) as n from comments where email <> ''`)) as { n: number }[]
    expect(count!.n).toBe(0)
    close()
  })
})
