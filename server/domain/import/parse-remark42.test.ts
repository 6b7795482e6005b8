/** tests/fixtures/import/remark42.json (EXPECTED.md): a meta line, then one comment a line; real backups are gzipped. */
import { describe, expect, it } from 'vitest'
import { fixtureBytes, importBytes, importedComments, threadsOf } from '../../../tests/helpers/import.ts'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'

const id = (tail: string) => `remark42:3f2b9c1e-5a7d-4e8f-9b0a-1c2d3e4f${tail}`

describe('a Remark42 backup', () => {
  it('imports comments with their replies and UTC dates; skips deleted comments and blocked users', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const report = await importBytes(ctx, 'remark42', fixtureBytes('remark42.json', { gzip: true }))

    expect(report.threads).toEqual({ total: 2, created: 2 })
    expect(report.comments).toEqual({ imported: 9, pending: 0, present: 0 })
    expect(report.skipped).toEqual({ deleted: 1, blocked: 1 })
    expect(report.warnings).toMatchObject({ reattached: 1, parentMissing: 1 })
    expect((await threadsOf(ctx)).map((t) => [t.key, t.title, t.commentCount])).toEqual([
      ['/2024/05/hello-world', 'Hello, world!', 5],
      ['/blog/reciprocity', 'On reciprocity', 4],
    ])

    const c = await importedComments(ctx)
    // Nanoseconds and a +02:00 offset; the email comes from the meta line's users.
    expect(c.get(id('5a61'))).toMatchObject({
      author: 'Zoë Ångström',
      email: 'zoe@example.net',
      createdAt: '2024-05-14T09:12:44.512Z',
      body: [
        "Great write-up! I've been trying this on my own blog & it works.",
        '',
        'Two questions:',
        '1. does it handle `<script>` tags?',
        '2. what about [the docs](https://example.org/docs?a=1&b=2)?',
      ].join('\n'),
    })
    expect(c.get(id('5a62'))).toMatchObject({
      parent: id('5a61'),
      createdAt: '2024-05-14T10:03:10.250Z',
      email: '',
      readerKey: 'import:remark42:google_4a3487e57d90e2084654b6d23937e75af5c8ee55',
    })
    expect(c.get(id('5a63'))).toMatchObject({ parent: id('5a62'), root: id('5a61'), createdAt: '2024-05-15T07:45:00.000Z' })
    expect(c.get(id('5a65'))).toMatchObject({ parent: null, createdAt: '2024-05-16T12:00:00.875Z' })
    // A shortened autolink is its whole address again.
    expect(c.get(id('5a66'))).toMatchObject({
      createdAt: '2024-05-16T18:20:05.000Z',
      body: 'Found this via https://news.example.net/item?id=123456789&utm_source=rss&utm_campaign=weekly',
    })
    expect(c.get(id('5a71'))?.body).toBe(
      'Reciprocity is **underrated**. I wrote a follow-up here: [my draft notes](https://blog.example.com/?p=57) — feedback welcome!\n\nFish & chips > salad.\nMulti-line\nbody',
    )
    expect(c.get(id('5a72'))).toMatchObject({ parent: id('5a71'), email: 'owner@blog.example.com', body: 'Thanks! "Underrated" is the word.' })
    expect(c.get(id('5a74'))).toMatchObject({ parent: null, createdAt: '2024-06-03T12:00:00.000Z' })
    expect(c.get('remark42:6432101011')).toMatchObject({ author: 'Guest Ünal', body: 'Just a plain line, no markup.' })
    expect(c.has(id('5a64'))).toBe(false)
    expect(c.has(id('5a73'))).toBe(false)
  })

  it('names a line that is not JSON, and imports the rest', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const bytes = Buffer.from(`${fixtureBytes('remark42.json').toString('utf8').trimEnd()}\n{"id": "broken",\n`)
    const report = await importBytes(ctx, 'remark42', bytes)
    expect(report.comments.imported).toBe(9)
    expect(report.skipped.invalid).toBe(1)
    expect(report.problems).toContainEqual({ line: 13, id: null, reason: 'invalid', detail: expect.stringContaining('not JSON') })
  })
})
