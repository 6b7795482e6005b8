/**
 * tests/fixtures/import/isso.sql (EXPECTED.md), built into an SQLite file as
 * Isso leaves it, then uploaded as bytes: Markdown passes through, Disqus HTML
 * left by Isso's own importer becomes text, one reply level.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { importBytes, importedComments, issoDatabase, threadsOf } from '../../../tests/helpers/import.ts'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'

const HELLO = '/2024/05/hello-world'

describe('an Isso database', () => {
  it('imports its threads and comments; skips deleted ones and orphans', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx, 'cpr', { posts: { check: 'listed', queryParam: 'p' } })
    const db = await issoDatabase(mkdtempSync(join(tmpdir(), 'inkind-isso-')))
    const report = await importBytes(ctx, 'isso', db)

    expect(report.threads).toEqual({ total: 3, created: 3 })
    expect(report.comments).toEqual({ imported: 8, pending: 1, present: 0 })
    expect(report.skipped).toEqual({ deleted: 1, orphan: 1 })
    expect(report.warnings).toMatchObject({ reattached: 1, parentMissing: 0 })
    expect((await threadsOf(ctx)).map((t) => [t.key, t.title, t.commentCount])).toEqual([
      [HELLO, 'Hello, world!', 5],
      ['/?p=57', 'Draft notes on reciprocity', 1],
      ['/blog/reciprocity', 'On reciprocity', 1],
    ])

    const c = await importedComments(ctx)
    expect([...c.keys()]).toEqual(['isso:1', 'isso:2', 'isso:3', 'isso:5', 'isso:10', 'isso:8', 'isso:6', 'isso:7'])
    expect(c.get('isso:1')).toMatchObject({
      thread: HELLO,
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
    expect(c.get('isso:2')).toMatchObject({ parent: 'isso:1', createdAt: '2024-05-14T10:03:10.250Z' })
    // Isso flattened it to one level: its parent is the top-level comment.
    expect(c.get('isso:3')).toMatchObject({ parent: 'isso:1', root: 'isso:1', body: '@José Núñez ありがとうございます！\n\nWorks for me too <3' })
    expect(c.get('isso:5')).toMatchObject({ parent: null, createdAt: '2024-05-16T12:00:00.875Z' })
    expect(c.get('isso:10')?.body).toBe('Line one\nLine two\n\nNew paragraph.')
    expect(c.get('isso:6')).toMatchObject({ status: 'pending', createdAt: '2024-06-02T08:00:00.125Z' })
    expect(c.get('isso:7')).toMatchObject({ author: 'Mark O’Neil', createdAt: '2024-06-03T12:00:00.000Z', body: 'Fish & chips > salad.\n\nMulti-line\nbody' })
    expect(c.get('isso:8')).toMatchObject({ thread: '/?p=57', author: 'Anonymous', email: '', readerKey: 'import:isso:Anonymous' })
  })

  it('takes the file gzipped too, and refuses what is not an SQLite file', async () => {
    const { ctx } = await testCtx()
    await addSite(ctx)
    const db = await issoDatabase(mkdtempSync(join(tmpdir(), 'inkind-isso-')))
    expect((await importBytes(ctx, 'isso', gzipSync(db))).comments.imported).toBe(7)
    await expect(importBytes(ctx, 'isso', Buffer.from('{"version":1}'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not an Isso database'),
    })
  })
})
