/** tests/fixtures/import/commento.json (EXPECTED.md): one JSON document; real ones are gzipped. Markdown passes through. */
import { describe, expect, it } from 'vitest'
import { fixtureBytes, importBytes, importedComments, threadsOf } from '../../../tests/helpers/import.ts'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'

describe('a Commento export', () => {
  it('imports comments oldest first with replies two deep; skips flagged and deleted ones', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const report = await importBytes(ctx, 'commento', fixtureBytes('commento.json', { gzip: true }))

    expect(report.threads).toEqual({ total: 2, created: 2 })
    expect(report.comments).toEqual({ imported: 7, pending: 1, present: 0 })
    expect(report.skipped).toEqual({ spam: 1, deleted: 1 })
    expect(report.warnings).toMatchObject({ reattached: 1, parentMissing: 1 })
    expect((await threadsOf(ctx)).map((t) => [t.key, t.commentCount])).toEqual([
      ['/2024/05/hello-world', 4],
      ['/blog/reciprocity', 2],
    ])

    const c = await importedComments(ctx)
    const key = (prefix: string) => [...c.keys()].find((k) => k.startsWith(`commento:${prefix}`))!
    // Oldest first, whatever the file's order.
    expect([...c.keys()].map((k) => k.slice(9, 17))).toEqual(['d0f631ca', '9c0abe51', '7c1c97df', 'd0bf3e6e', 'f28d5b0d', '7ed6a837', '95144b44'])
    expect(c.get(key('d0f631ca'))).toMatchObject({
      author: 'Zoë Ångström',
      email: 'zoe@example.net',
      createdAt: '2024-05-14T09:12:44.512Z',
      body: [
        "Great write-up! I've been trying this on my own blog & it works.",
        '',
        'Two questions:',
        '',
        '1. does it handle `<script>` tags?',
        '2. what about [the docs](https://example.org/docs?a=1&b=2)?',
      ].join('\n'),
    })
    expect(c.get(key('9c0abe51'))).toMatchObject({ parent: key('d0f631ca'), author: 'José Núñez', createdAt: '2024-05-14T10:03:10.250Z' })
    // Two deep, first in the file, anonymous, with CRLF line ends.
    expect(c.get(key('7c1c97df'))).toMatchObject({
      parent: key('9c0abe51'),
      root: key('d0f631ca'),
      author: 'Anonymous',
      email: '',
      readerKey: 'import:commento:anonymous',
      body: 'ありがとうございます！\n\nWorks for me too <3',
    })
    expect(c.get(key('d0bf3e6e'))).toMatchObject({ parent: null })
    expect(c.get(key('f28d5b0d'))).toMatchObject({ status: 'pending', author: 'Anonymous', createdAt: '2024-06-02T08:00:00.125Z' })
    expect(c.get(key('7ed6a837'))?.body).toBe(
      'Reciprocity is **underrated**. I wrote a follow-up here: [my draft notes](https://blog.example.com/?p=57) — feedback welcome!\n\nFish & chips > salad.  \nMulti-line  \nbody',
    )
    expect(c.get(key('95144b44'))).toMatchObject({ parent: null, author: 'José Núñez' })
  })
})
