/** What every import shares: a second import adds nothing, a dry run writes nothing, imported comments earn nothing, big files stream. */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/limits.ts'
import type { ImportSource } from '../../../shared/values.ts'
import { fixtureBytes, importBytes, importedComments, issoDatabase, threadsOf } from '../../../tests/helpers/import.ts'
import { aComment, addSite, postJson, ROOT, testApp, testCtx, threadPath } from '../../../tests/helpers/test-app.ts'
import { comments, importLinks, rewards, threads } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { moderateComment } from '../moderation/moderate-comment.ts'
import { THANKED_LABEL } from './import-comments.ts'

const run = promisify(execFile)

const FIXTURES: [ImportSource, () => Promise<Buffer>][] = [
  ['disqus', async () => fixtureBytes('disqus.xml')],
  ['wordpress', async () => fixtureBytes('wordpress.xml')],
  ['isso', () => issoDatabase(mkdtempSync(join(tmpdir(), 'inkind-isso-')))],
  ['remark42', async () => fixtureBytes('remark42.json')],
  ['commento', async () => fixtureBytes('commento.json')],
]

describe('importComments', () => {
  it.each(FIXTURES)('imports %s a second time and adds nothing', async (source, bytes) => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const file = await bytes()
    const first = await importBytes(ctx, source, file)
    const before = { comments: await importedComments(ctx), threads: await threadsOf(ctx) }
    const second = await importBytes(ctx, source, file)
    expect(second.comments).toEqual({ imported: 0, pending: 0, present: first.comments.imported })
    expect(second.skipped).toEqual(first.skipped)
    // Threads count where comments were added: none.
    expect(second.threads).toEqual({ total: 0, created: 0 })
    expect(await importedComments(ctx)).toEqual(before.comments)
    expect(await threadsOf(ctx)).toEqual(before.threads)
    expect(await ctx.db.$count(importLinks)).toBe(0)
  })

  it('previews a dry run exactly and writes nothing', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const dry = await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'), { dryRun: true })
    expect(await ctx.db.$count(comments)).toBe(0)
    expect(await ctx.db.$count(threads)).toBe(0)
    const real = await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'))
    expect({ ...dry, dryRun: false, warnings: real.warnings }).toEqual(real)
    expect((await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'), { dryRun: true })).comments).toEqual({ imported: 0, pending: 0, present: 7 })
  })

  it('earns no rewards, not even when a moderator approves an imported comment; the reader’s first comment here still does', async () => {
    const { ctx, app } = await testApp()
    await importBytes(ctx, 'wordpress', fixtureBytes('wordpress.xml'))
    expect(await ctx.db.$count(rewards)).toBe(0)
    const pending = (await ctx.db.query.comments.findFirst({ where: eq(comments.importKey, 'wordpress:104') }))!
    expect((await moderateComment(ctx, { id: pending.id, action: 'approve', actor: SYSTEM })).reward).toBeNull()
    expect(await ctx.db.$count(rewards)).toBe(0)

    const res = await postJson(app, threadPath('/2024/05/hello-world'), aComment({ email: 'Zoe@Example.net' }))
    expect((await res.json()).reward.status).toBe('issued')
  })

  it('counts past commenters as already thanked when the owner asks: one row each, no code, and no new reward', async () => {
    const { ctx, app } = await testApp()
    const report = await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'), { countAsRewarded: true })
    // zoe (twice), jose, taro, mark, guest: five readers with an email and a published comment; olga has no email.
    expect(report.rewards.thanked).toBe(5)
    const rows = await ctx.db.select().from(rewards)
    expect(rows.map((r) => [r.readerKey, r.status, r.code, r.issuedAt, r.label]).sort()).toEqual(
      ['guest@example.com.tr', 'jose@example.es', 'mark@example.ie', 'taro@example.jp', 'zoe@example.net'].map((k) => [
        k,
        'revoked',
        null,
        null,
        THANKED_LABEL,
      ]),
    )
    // The row hangs on the reader's first imported comment, dated as it was.
    expect(rows.find((r) => r.readerKey === 'zoe@example.net')?.createdAt).toBe('2024-05-14T09:12:44.000Z')

    const zoe = await (await postJson(app, threadPath('/2024/05/hello-world'), aComment({ email: 'zoe@example.net' }))).json()
    expect(zoe.reward).toEqual({ status: 'already', label: THANKED_LABEL })
    const olga = await (await postJson(app, threadPath('/2024/05/hello-world'), aComment({ email: 'olga@example.ru' }))).json()
    expect(olga.reward.status).toBe('issued')
    // Asking again adds nothing.
    expect((await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'), { countAsRewarded: true })).rewards.thanked).toBe(0)
  })

  it('cuts a body over the limit at a word, marks it and reports it', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const long = `<p>${'word '.repeat(2000)}</p>`
    const xml = fixtureBytes('disqus.xml').toString('utf8').replace('Just a plain line, no markup.', long)
    const report = await importBytes(ctx, 'disqus', Buffer.from(xml))
    expect(report.warnings.truncated).toBe(1)
    expect(report.problems).toContainEqual({ line: 269, id: 'disqus:6432101011', reason: 'truncated', detail: expect.any(String) })
    const body = (await importedComments(ctx)).get('disqus:6432101011')!.body
    expect(body.length).toBeLessThanOrEqual(LIMITS.body)
    expect(body).toMatch(/word…$/)
  })

  it('streams a generated 2 MB Disqus export in many batches: every post accounted for, every reply under its parent', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-gen-'))
    const file = join(dir, 'disqus.xml')
    const { stderr } = await run(process.execPath, [join(ROOT, 'bench/gen-disqus.mjs'), '2', file])
    const posts = Number(/posts (\d+)/.exec(stderr)![1])
    const { ctx } = await testCtx()
    await addSite(ctx)
    const bytes = readFileSync(file)
    const report = await importBytes(ctx, 'disqus', bytes, { batchSize: 200 })
    const skipped = Object.values(report.skipped).reduce((n, k) => n + (k ?? 0), 0)
    expect(report.comments.imported + skipped).toBe(posts)
    expect(report.comments.imported).toBeGreaterThan(1000)
    expect(await ctx.db.$count(comments)).toBe(report.comments.imported)
    // Every reply is rooted; every root is top-level and on the same thread as its replies.
    const orphans = await ctx.db.all(
      `select c.id from comments c left join comments r on r.id = c.root_id
       where c.parent_id is not null and (r.id is null or r.parent_id is not null or r.thread_id <> c.thread_id)`,
    )
    expect(orphans).toEqual([])
    const again = await importBytes(ctx, 'disqus', bytes, { batchSize: 200 })
    expect(again.comments).toEqual({ imported: 0, pending: 0, present: report.comments.imported })
  })
})
