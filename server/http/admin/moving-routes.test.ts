/** The admin's import (a preview first), export and a reader's data, over the API as the admin app calls it. */

import { describe, expect, it } from 'vitest'
import type { ImportReport, ReaderExport } from '../../../shared/moving.ts'
import { type AdminClient, loginAs } from '../../../tests/helpers/admin.ts'
import { fixtureBytes } from '../../../tests/helpers/import.ts'
import { testApp } from '../../../tests/helpers/test-app.ts'
import { auditLog, comments, threads } from '../../db/schema.ts'
import { readerPseudonym, readerSubject } from '../../domain/readers/reader-subject.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']

/** The file itself as the body, as the admin app uploads it. */
function upload(app: App, admin: AdminClient, query: string, body: Buffer | string | ReadableStream<Uint8Array>, type = 'application/octet-stream') {
  return app.request(`/api/v1/admin/sites/cpr/import?${query}`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': type },
    body: (Buffer.isBuffer(body) ? new Uint8Array(body) : body) as BodyInit,
    // A stream body needs this in Node's fetch.
    ...({ duplex: 'half' } as object),
  })
}

describe('POST /api/v1/admin/sites/:site/import', () => {
  it('previews a dry run (threads, comments, skipped with reasons) and writes nothing; then imports', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    const preview = await upload(app, owner, 'source=disqus&dryRun=1', fixtureBytes('disqus.xml', { gzip: true }))
    expect(preview.status).toBe(200)
    const report = (await preview.json()) as ImportReport
    expect(report).toMatchObject({
      dryRun: true,
      threads: { total: 2, created: 2 },
      comments: { imported: 7, pending: 0, present: 0 },
      skipped: { spam: 1, deleted: 1, orphan: 1, 'thread-deleted': 1 },
    })
    expect(report.problems.map((p) => p.reason)).toEqual(['orphan', 'thread-deleted'])
    expect(await ctx.db.$count(comments)).toBe(0)
    expect(await ctx.db.$count(threads)).toBe(0)

    const done = (await (await upload(app, owner, 'source=disqus&countAsRewarded=1', fixtureBytes('disqus.xml'))).json()) as ImportReport
    expect(done).toMatchObject({ dryRun: false, comments: { imported: 7 }, rewards: { thanked: 5 }, warnings: { reattached: 1 } })
    const again = (await (await upload(app, owner, 'source=disqus', fixtureBytes('disqus.xml'))).json()) as ImportReport
    expect(again.comments).toEqual({ imported: 0, pending: 0, present: 7 })
    expect((await ctx.db.select().from(auditLog)).filter((a) => a.action === 'comments.imported')).toHaveLength(2)

    // The public thread shows them, replies nested.
    const thread = await (await app.request('/api/v1/sites/cpr/threads/%2F2024%2F05%2Fhello-world/comments')).json()
    expect(thread.thread.commentCount).toBe(4)
    expect(thread.comments[0].replies[0].replies[0].body).toBe('ありがとうございます！\n\nWorks for me too <3')
    expect(JSON.stringify(thread)).not.toContain('@example')
  })

  it('takes address rules, and refuses what it cannot take', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    const mapped = await upload(
      app,
      owner,
      `source=wordpress&map=${encodeURIComponent('https://blog.example.com/?p=57=/drafts/57 https://blog.example.com/blog/=/')}`,
      fixtureBytes('wordpress.xml'),
    )
    expect(((await mapped.json()) as ImportReport).threads.total).toBe(3)
    expect((await ctx.db.select({ key: threads.key }).from(threads)).map((t) => t.key).sort()).toEqual(['/2024/05/hello-world', '/drafts/57', '/reciprocity'])

    expect((await upload(app, owner, 'source=disqus', '<disqus xmlns="http://disqus.com"/>', 'text/xml; charset=utf-8')).status).toBe(200)
    expect((await upload(app, owner, 'source=disqus', 'x', 'multipart/form-data; boundary=x')).status).toBe(415)
    expect((await upload(app, owner, 'source=blogger', 'x')).status).toBe(400)
    const broken = await upload(app, owner, 'source=disqus', '<disqus xmlns="http://disqus.com"><post>')
    expect(broken.status).toBe(400)
    expect((await broken.json()).error.message).toContain('line 1')

    // Past the upload limit while it streams in (no Content-Length): refused, pointing at the CLI.
    const mb = new Uint8Array(1024 * 1024).fill(32)
    let sent = 0
    const big = new ReadableStream<Uint8Array>({ pull: (c) => (sent++ < 21 ? c.enqueue(mb) : c.close()) })
    const tooBig = await upload(app, owner, 'source=commento', big)
    expect(tooBig.status).toBe(413)
    expect((await tooBig.json()).error.message).toContain('CLI')
  })

  it('is for owners only', async () => {
    const { app, ctx } = await testApp()
    const moderator = await loginAs(app, ctx, 'moderator')
    expect((await upload(app, moderator, 'source=disqus&dryRun=1', fixtureBytes('disqus.xml'))).status).toBe(403)
    expect((await moderator.get('/api/v1/admin/sites/cpr/export')).status).toBe(403)
    expect((await moderator.get('/api/v1/admin/readers/export?site=cpr&email=zoe@example.net')).status).toBe(403)
    expect((await app.request('/api/v1/admin/sites/cpr/import?source=disqus', { method: 'POST', body: 'x' })).status).toBe(401)
  })
})

describe('exports', () => {
  it('streams the whole site as NDJSON, a file to download', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    await upload(app, owner, 'source=disqus', fixtureBytes('disqus.xml'))
    const res = await owner.get('/api/v1/admin/sites/cpr/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/x-ndjson')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="inkind-cpr-2026-11-26.ndjson"')
    const lines = (await res.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ type: 'header', format: 'inkind-export', site: { id: 'cpr' } })
    expect(lines.filter((l) => l.type === 'comment')).toHaveLength(7)
    expect((await owner.get('/api/v1/admin/sites/nope/export')).status).toBe(404)
    const json = await owner.get('/api/v1/admin/sites/cpr/export?format=json')
    expect(JSON.parse(await json.text())).toHaveLength(lines.length)
  })

  it('hands over a reader’s own data, found by any spelling of their address, and audits it', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    await upload(app, owner, 'source=disqus&countAsRewarded=1', fixtureBytes('disqus.xml'))
    const res = await owner.get('/api/v1/admin/readers/export?site=cpr&email=ZOE%2Bblog@Example.net')
    expect(res.status).toBe(200)
    const data = (await res.json()) as ReaderExport
    expect(data.comments.map((c) => [c.thread.key, c.body.slice(0, 14), c.imported])).toEqual([
      ['/2024/05/hello-world', 'Great write-up', true],
      ['/blog/reciprocity', 'Replying to a ', true],
    ])
    expect(data.rewards).toEqual([expect.objectContaining({ status: 'revoked', code: null, label: 'Thanked before the move to Inkind' })])
    // Audited under a hash of the reader, never their address (erasing them leaves no address in the log).
    const audit = await ctx.db.select().from(auditLog)
    const pseudonym = await readerPseudonym(ctx, 'cpr', 'zoe@example.net')
    expect(audit.some((a) => a.action === 'reader.exported' && a.subject === readerSubject(pseudonym))).toBe(true)
    expect(JSON.stringify(audit)).not.toContain('zoe@')
    expect((await owner.get('/api/v1/admin/readers/export?site=cpr&email=not-an-email')).status).toBe(400)
  })
})
