/**
 * tests/fixtures/import/wordpress.xml (EXPECTED.md): WXR 1.2. The draft's
 * `?p=57` link keeps its number only on a site whose post query parameter is
 * `p`; elsewhere its comments are skipped (reason shortlink) unless the owner
 * maps the address.
 */
import { describe, expect, it } from 'vitest'
import { fixtureBytes, importBytes, importedComments, threadsOf } from '../../../tests/helpers/import.ts'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'

const HELLO = '/2024/05/hello-world'
const RECIPROCITY = '/blog/reciprocity'

describe('a WordPress export (WXR)', () => {
  it('imports comments with their replies, pending state and UTC dates; skips spam, trash, pingbacks and trackbacks', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx, 'cpr', { posts: { check: 'listed', queryParam: 'p' } })
    const report = await importBytes(ctx, 'wordpress', fixtureBytes('wordpress.xml'))

    expect(report.threads).toEqual({ total: 3, created: 3 })
    expect(report.comments).toEqual({ imported: 9, pending: 1, present: 0 })
    expect(report.skipped).toEqual({ spam: 1, deleted: 1, 'not-a-comment': 2 })
    // 203's parent 299 is not in the file (the exporter drops spam); 108's date had no UTC form.
    expect(report.warnings).toEqual({ truncated: 0, reattached: 0, parentMissing: 1, guessedDates: 1 })
    expect(report.problems.map((p) => [p.line, p.id, p.reason, p.detail])).toEqual([
      [177, 'wordpress:107', 'not-a-comment', 'pingback'],
      [253, 'wordpress:202', 'not-a-comment', 'trackback'],
    ])

    expect(await threadsOf(ctx)).toEqual([
      { key: HELLO, title: 'Hello, world!', url: 'https://blog.example.com/2024/05/hello-world/', source: 'import', commentCount: 4 },
      { key: '/?p=57', title: 'Draft notes on reciprocity', url: 'https://blog.example.com/?p=57', source: 'import', commentCount: 1 },
      { key: RECIPROCITY, title: 'On reciprocity', url: 'https://blog.example.com/blog/reciprocity', source: 'import', commentCount: 3 },
    ])

    const c = await importedComments(ctx)
    expect(c.get('wordpress:101')?.body).toBe(
      [
        "Great write-up! I've been trying this on my own blog & it works.",
        '',
        'Two questions:',
        '1. does it handle <script> tags?',
        '2. what about [the docs](https://example.org/docs?a=1&b=2)?',
      ].join('\n'),
    )
    expect(c.get('wordpress:102')).toMatchObject({ parent: 'wordpress:101', root: 'wordpress:101', createdAt: '2024-05-14T10:03:10.000Z' })
    // Two deep, listed after unrelated comments.
    expect(c.get('wordpress:103')).toMatchObject({
      parent: 'wordpress:102',
      root: 'wordpress:101',
      author: '田中 太郎',
      body: 'ありがとうございます！\n\nWorks for me too <3',
    })
    expect(c.get('wordpress:104')).toMatchObject({ status: 'pending', author: 'Pat Pending', createdAt: '2024-05-15T06:00:00.000Z' })
    // comment_date_gmt all zeros: 21:30 local, less the post's +02:00.
    expect(c.get('wordpress:108')).toMatchObject({ createdAt: '2024-05-20T19:30:00.000Z', body: 'Line one\nLine two\n\nNew paragraph.' })
    // An HTML-escaped name; summer comments on a winter post keep their own UTC date.
    expect(c.get('wordpress:201')).toMatchObject({
      author: "Mark O'Neil",
      createdAt: '2024-06-02T08:00:00.000Z',
      body: 'Reciprocity is **underrated**. I wrote a follow-up here: [my draft notes](https://blog.example.com/?p=57) — feedback welcome!',
    })
    expect(c.get('wordpress:204')).toMatchObject({
      parent: 'wordpress:201',
      author: 'Blog Owner',
      createdAt: '2024-06-02T16:30:00.000Z',
      body: 'Reciprocity is underrated.\n\nCompletely agree.',
    })
    expect(c.get('wordpress:203')).toMatchObject({ parent: null, root: null, body: 'Agreed with the comment above.' })
    expect(c.get('wordpress:301')).toMatchObject({
      thread: '/?p=57',
      author: 'Anonymous',
      email: '',
      readerKey: 'import:wordpress:Anonymous',
      createdAt: '2024-06-01T11:15:00.000Z',
      body: 'Will this be published again?',
    })
    for (const skipped of ['wordpress:105', 'wordpress:106', 'wordpress:107', 'wordpress:202']) expect(c.has(skipped)).toBe(false)
  })

  it('skips a ?p=N post on a site without that query parameter (its key would be the home page), unless the owner maps it', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const skipped = await importBytes(ctx, 'wordpress', fixtureBytes('wordpress.xml'))
    expect(skipped.comments.imported).toBe(8)
    expect(skipped.skipped.shortlink).toBe(1)
    expect(skipped.problems).toContainEqual({
      line: null,
      id: 'post:57',
      reason: 'shortlink',
      detail: expect.stringContaining("set the site's post query parameter to p or map it"),
    })
    expect((await threadsOf(ctx)).map((t) => t.key)).toEqual([HELLO, RECIPROCITY])

    const mapped = await importBytes(ctx, 'wordpress', fixtureBytes('wordpress.xml'), { map: ['https://blog.example.com/?p=57=/drafts/reciprocity'] })
    expect(mapped.comments).toEqual({ imported: 1, pending: 0, present: 8 })
    expect((await importedComments(ctx)).get('wordpress:301')?.thread).toBe('/drafts/reciprocity')
  })
})
