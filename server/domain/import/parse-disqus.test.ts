/**
 * tests/fixtures/import/disqus.xml (EXPECTED.md), imported into a real
 * database. Thread keys are the widget's (canonicalThreadKey: no trailing
 * slash), and bold, italics and code keep the widget's markup (EXPECTED.md
 * drops them); everything else is as EXPECTED.md has it.
 */
import { describe, expect, it } from 'vitest'
import { fixtureBytes, GREAT_WRITE_UP, importBytes, importedComments, threadsOf } from '../../../tests/helpers/import.ts'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'

const HELLO = '/2024/05/hello-world'
const RECIPROCITY = '/blog/reciprocity'

describe('a Disqus export', () => {
  it('imports threads, replies two deep, dates, authors and bodies; skips spam, deleted, orphans and deleted threads', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const report = await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'))

    expect(report.threads).toEqual({ total: 2, created: 2 })
    expect(report.comments).toEqual({ imported: 7, pending: 0, present: 0 })
    expect(report.skipped).toEqual({ spam: 1, deleted: 1, orphan: 1, 'thread-deleted': 1 })
    expect(report.warnings).toMatchObject({ reattached: 1, parentMissing: 0, truncated: 0 })
    expect(report.problems).toEqual([
      { line: 236, id: 'disqus:6432101009', reason: 'orphan', detail: 'thread 7999 is not in the file' },
      { line: 252, id: 'disqus:6432101010', reason: 'thread-deleted' },
    ])

    // The http:// duplicate thread with a tracking query is the same post.
    expect(await threadsOf(ctx)).toEqual([
      { key: HELLO, title: 'Hello, world!', url: 'https://blog.example.com/2024/05/hello-world/', source: 'import', commentCount: 4 },
      { key: RECIPROCITY, title: 'On reciprocity', url: 'https://blog.example.com/blog/reciprocity', source: 'import', commentCount: 3 },
    ])

    const c = await importedComments(ctx)
    expect([...c.keys()]).toEqual([
      'disqus:6432101001',
      'disqus:6432101003',
      'disqus:6432101002',
      'disqus:6432101004',
      'disqus:6432101005',
      'disqus:6432101008',
      'disqus:6432101011',
    ])
    expect(c.get('disqus:6432101001')).toEqual({
      key: 'disqus:6432101001',
      thread: HELLO,
      parent: null,
      root: null,
      author: 'Zoë Ångström',
      email: 'zoe@example.net',
      readerKey: 'zoe@example.net',
      createdAt: '2024-05-14T09:12:44.000Z',
      status: 'published',
      body: GREAT_WRITE_UP,
    })
    expect(c.get('disqus:6432101002')).toMatchObject({
      parent: 'disqus:6432101001',
      root: 'disqus:6432101001',
      author: 'José Núñez',
      createdAt: '2024-05-14T10:03:10.000Z',
      body: '@Zoë it does — see https://blog.example.com/blog/reciprocity',
    })
    // Two deep, and before its parent in the file.
    expect(c.get('disqus:6432101003')).toMatchObject({
      parent: 'disqus:6432101002',
      root: 'disqus:6432101001',
      author: '田中 太郎',
      createdAt: '2024-05-15T07:45:00.000Z',
      body: 'ありがとうございます！\n\nWorks for me too <3',
    })
    // On the duplicate thread; the link text Disqus cut short is the whole address again; no email: a private placeholder.
    expect(c.get('disqus:6432101004')).toMatchObject({
      thread: HELLO,
      author: 'Ольга Петрова',
      email: '',
      readerKey: 'import:disqus:disqus_Xk3hT9aQ1z',
      createdAt: '2024-05-16T18:20:05.000Z',
      body: 'Found this via https://news.example.net/item?id=123456789&utm_source=rss',
    })
    // Not in CDATA: two levels of escaping; a createdAt without Z on its thread is UTC.
    expect(c.get('disqus:6432101005')).toMatchObject({
      thread: RECIPROCITY,
      author: 'Mark O’Neil',
      createdAt: '2024-06-02T08:00:00.000Z',
      body: 'Fish & chips > salad.\n\nMulti-line\nbody',
    })
    // Its parent was deleted: top-level.
    expect(c.get('disqus:6432101008')).toMatchObject({ parent: null, root: null, body: 'Replying to a comment that was later deleted.' })
    expect(c.get('disqus:6432101011')).toMatchObject({
      author: 'Guest Ünal',
      email: 'guest@example.com.tr',
      createdAt: '2024-06-04T15:30:00.000Z',
      body: 'Just a plain line, no markup.',
    })
  })

  it('reads it gzipped, as Disqus sends it, and in the same way', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const report = await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml', { gzip: true }))
    expect(report.comments.imported).toBe(7)
    expect((await importedComments(ctx)).get('disqus:6432101003')?.parent).toBe('disqus:6432101002')
  })

  it('refuses a file that is not a Disqus export, and says where the XML breaks', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    await expect(importBytes(ctx, 'disqus', fixtureBytes('wordpress.xml'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a Disqus export'),
    })
    const broken = Buffer.from(fixtureBytes('disqus.xml').toString('utf8').replace('<isSpam>true</isSpam>', '<isSpam>true</isSpm>'))
    await expect(importBytes(ctx, 'disqus', broken)).rejects.toMatchObject({
      code: 'invalid_input',
      fields: { line: '190' },
      message: expect.stringContaining('line 190'),
    })
  })
})
