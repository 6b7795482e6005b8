import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { aComment, BLOG, PUBLIC_URL, postJson, testApp, threadPath } from '../../tests/helpers/test-app.ts'
import { comments, outbox, rewards, threads } from '../db/schema.ts'
import { listRefusedOrigins } from '../domain/sites/refused-origins.ts'

const T = threadPath('/blog/reciprocity')
const EMAIL = /[^\s"@]+@[^\s"@]+\.[a-z]{2,}/i

describe('GET config', () => {
  it('shows the public settings and the reward offer, and nothing private', async () => {
    const { app } = await testApp()
    const res = await app.request('/api/v1/sites/cpr/config')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({
      site: { id: 'cpr', name: 'CPR Blog', locale: 'en', moderation: 'auto', emails: true },
      reward: { label: '10% off', delivery: 'instant', scope: 'site', minCommentChars: 0, validDays: 30, offerText: null },
    })
    expect(JSON.stringify(body)).not.toContain(BLOG)
  })

  it('answers the widget’s first paint in one request: settings and the first page', async () => {
    const { app } = await testApp()
    await postJson(app, threadPath('/view'), aComment({ body: 'First!' }))
    const res = await app.request('/api/v1/sites/cpr/threads/%2Fview%2F', { headers: { origin: BLOG } })
    expect(res.status).toBe(200)
    const view = await res.json()
    expect(view.config.site.id).toBe('cpr')
    expect(view.page.thread).toMatchObject({ key: '/view', commentCount: 1 })
    expect(view.page.comments[0].body).toBe('First!')
    const etag = res.headers.get('etag')!
    expect((await app.request('/api/v1/sites/cpr/threads/%2Fview', { headers: { origin: BLOG, 'if-none-match': etag } })).status).toBe(304)
  })

  it('tells a page on an origin the site does not allow what to fix, readably, and remembers the origin for the owner', async () => {
    const { app, ctx } = await testApp()
    const res = await app.request('/api/v1/sites/cpr/threads/%2Fp', { headers: { origin: 'https://www.blog.example' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.blog.example')
    const { error } = await res.json()
    expect(error).toMatchObject({ code: 'origin_not_allowed', fields: { origin: 'https://www.blog.example' } })
    expect(error.message).toContain('https://www.blog.example')
    expect(error.message).toContain('Settings')
    await new Promise((r) => setTimeout(r, 50))
    expect(await listRefusedOrigins(ctx, { siteId: 'cpr' })).toMatchObject([{ origin: 'https://www.blog.example', count: 1 }])
  })

  it('takes every subdomain of a wildcard origin, and not the bare domain', async () => {
    const { app } = await testApp({ origins: ['https://*.blog.example'] })
    expect((await postJson(app, threadPath('/w'), aComment(), { origin: 'https://preview.blog.example' })).status).toBe(201)
    expect((await postJson(app, threadPath('/w'), aComment(), { origin: 'https://blog.example' })).status).toBe(403)
  })

  it('emails a returning reader’s code again, only to the address that earned it, saying the same either way', async () => {
    const { app, ctx } = await testApp()
    await postJson(app, threadPath('/r'), aComment({ email: 'Ann.Lee+x@gmail.com' }))
    const resend = (email: string) => postJson(app, '/api/v1/sites/cpr/rewards/resend', { email })
    const known = await resend('annlee@gmail.com')
    const unknown = await resend('nobody@gmail.com')
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(await known.json()).toEqual(await unknown.json())
    const mails = await ctx.db.select().from(outbox).where(eq(outbox.event, 'reward.resent'))
    expect(mails.map((m) => m.target)).toEqual(['Ann.Lee+x@gmail.com'])
    for (let i = 0; i < 3; i++) await resend('annlee@gmail.com')
    expect((await resend('annlee@gmail.com')).status).toBe(429)
  })

  it('answers 404 for an unknown site and 400 for an impossible site id', async () => {
    const { app } = await testApp()
    expect((await app.request('/api/v1/sites/nope/config')).status).toBe(404)
    const bad = await app.request('/api/v1/sites/NOT%20A%20SITE/config')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('invalid_input')
  })
})

describe('POST a comment', () => {
  it('publishes it and issues a code with the promised value and expiry', async () => {
    const { app, ctx } = await testApp()
    const res = await postJson(app, T, aComment({ body: 'Reciprocity works.' }))
    expect(res.status).toBe(201)
    const { comment, reward } = await res.json()
    expect(comment).toMatchObject({ parentId: null, body: 'Reciprocity works.', status: 'published' })
    expect(reward).toMatchObject({ status: 'issued', label: '10% off', expiresAt: '2026-12-26T10:00:00.000Z' })
    expect(reward.code).toMatch(/^CPR-[0-9A-HJKMNP-TV-Z]{12}$/)
    const [row] = await ctx.db.select().from(rewards)
    expect(row).toMatchObject({ code: reward.code, status: 'issued', commentId: comment.id })
  })

  it('gives one reader one code, however they write their address', async () => {
    const { app, ctx } = await testApp()
    const first = await (await postJson(app, T, aComment({ email: 'ann.lee@gmail.com' }))).json()
    expect(first.reward.status).toBe('issued')
    for (const email of ['Ann.Lee@Gmail.com', 'annlee+blog@googlemail.com', ' ANN.LEE+x@gmail.com ']) {
      const again = await (await postJson(app, threadPath('/other-post'), aComment({ email }))).json()
      expect(again.comment.status).toBe('published')
      expect(again.reward).toEqual({ status: 'already', label: '10% off' })
      expect(JSON.stringify(again)).not.toContain(first.reward.code)
    }
    expect(await ctx.db.$count(rewards)).toBe(1)
    expect(await ctx.db.$count(comments)).toBe(4)
  })

  it('with per-thread scope, gives a reader one code per post', async () => {
    const { app } = await testApp({ reward: { kind: 'generated', label: '5 EUR off', amountOff: 5, currency: 'EUR', scope: 'thread' } })
    const a = await (await postJson(app, threadPath('/a'), aComment({ email: 'x@example.com' }))).json()
    const b = await (await postJson(app, threadPath('/b'), aComment({ email: 'x@example.com' }))).json()
    const a2 = await (await postJson(app, threadPath('/a'), aComment({ email: 'x@example.com' }))).json()
    expect([a.reward.status, b.reward.status, a2.reward.status]).toEqual(['issued', 'issued', 'already'])
    expect(a.reward.code).not.toBe(b.reward.code)
  })

  it('hands every reader the same code for a static reward', async () => {
    const { app } = await testApp({ reward: { kind: 'static', label: '10% off', staticCode: 'CPR10', validDays: null } })
    const a = await (await postJson(app, T, aComment())).json()
    const b = await (await postJson(app, T, aComment())).json()
    expect(a.reward).toEqual({ status: 'issued', code: 'CPR10', label: '10% off', expiresAt: null })
    expect(b.reward.code).toBe('CPR10')
  })

  it('under pre-moderation keeps the comment out of sight and the reward pending', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const res = await postJson(app, T, aComment())
    expect(res.status).toBe(201)
    const body = await res.json()
    expect(body.comment.status).toBe('pending')
    expect(body.reward).toEqual({ status: 'pending', reason: 'approval' })
    const [row] = await ctx.db.select().from(rewards)
    expect(row).toMatchObject({ status: 'pending', code: null })
    const [thread] = await ctx.db.select().from(threads)
    expect(thread!.commentCount).toBe(0)
    const list = await (await app.request(T)).json()
    expect(list.comments).toEqual([])
  })

  it('holds the reward for approval when the site issues on approval', async () => {
    const { app } = await testApp({ reward: { kind: 'generated', label: '10% off', issueOn: 'approval' } })
    const body = await (await postJson(app, T, aComment())).json()
    expect(body.comment.status).toBe('published')
    expect(body.reward).toEqual({ status: 'pending', reason: 'approval' })
  })

  it('publishes a short comment without a reward when the site asks for a minimum length', async () => {
    const { app } = await testApp({ reward: { kind: 'generated', label: '10% off', minCommentChars: 40 } })
    const short = await (await postJson(app, T, aComment({ body: 'Nice!' }))).json()
    expect(short).toMatchObject({ comment: { status: 'published' }, reward: null })
  })

  it('answers no reward when rewards are off', async () => {
    const { app } = await testApp({ reward: null })
    expect((await (await postJson(app, T, aComment())).json()).reward).toBeNull()
    expect((await (await app.request('/api/v1/sites/cpr/config')).json()).reward).toBeNull()
  })

  it('keeps a honeypot comment as spam: looks accepted, publishes nothing, rewards nothing', async () => {
    const { app, ctx } = await testApp()
    const res = await postJson(app, T, aComment({ website: 'http://spam.example' }))
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ comment: { status: 'pending' }, reward: { status: 'pending', reason: 'approval' } })
    const [row] = await ctx.db.select().from(comments)
    expect(row).toMatchObject({ status: 'spam', flag: 'honeypot' })
    expect(await ctx.db.$count(rewards)).toBe(0)
  })

  it('cleans what is stored: NFC, no control or bidi-override characters, one-line names', async () => {
    const { app } = await testApp()
    const body = await (await postJson(app, T, aComment({ authorName: ' Zoe\u0301\n\u202Eevil ', body: 'line one\r\nline two\u0007\u2066' }))).json()
    expect(body.comment.authorName).toBe('Zoé evil')
    expect(body.comment.body).toBe('line one\nline two')
  })

  it('nests replies and refuses a parent from another thread', async () => {
    const { app } = await testApp()
    const root = (await (await postJson(app, T, aComment())).json()).comment
    const reply = (await (await postJson(app, T, aComment({ parentId: root.id }))).json()).comment
    const deep = (await (await postJson(app, T, aComment({ parentId: reply.id }))).json()).comment
    const deeper = (await (await postJson(app, T, aComment({ parentId: deep.id }))).json()).comment
    const list = await (await app.request(T)).json()
    expect(list.comments).toHaveLength(1)
    const [r] = list.comments[0].replies
    expect(r.id).toBe(reply.id)
    // Two levels at most: a reply to a level-2 reply sits beside it.
    expect(r.replies.map((c: { id: number }) => c.id)).toEqual([deep.id, deeper.id])

    const wrong = await postJson(app, threadPath('/elsewhere'), aComment({ parentId: root.id }))
    expect(wrong.status).toBe(404)
    expect((await wrong.json()).error).toMatchObject({ code: 'parent_not_found', fields: { parentId: 'not_found' } })
  })
})

describe('bad input gets a clear error and changes nothing', () => {
  const cases: [string, () => RequestInit, number, string][] = [
    ['malformed JSON', () => ({ body: '{"authorName":' }), 400, 'invalid_json'],
    ['a JSON array', () => ({ body: '[]' }), 400, 'invalid_json'],
    ['JSON null', () => ({ body: 'null' }), 400, 'invalid_json'],
    ['no content type', () => ({ body: JSON.stringify(aComment()), headers: { origin: BLOG } }), 415, 'unsupported_media_type'],
    ['a form post', () => ({ body: 'a=b', headers: { origin: BLOG, 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type'],
    ['missing fields', () => ({ body: '{}' }), 400, 'invalid_input'],
    ['a bad email', () => ({ body: JSON.stringify(aComment({ email: 'not-an-email' })) }), 400, 'invalid_input'],
    ['a body of spaces', () => ({ body: JSON.stringify(aComment({ body: ' \n\t ' })) }), 400, 'invalid_input'],
    ['an over-long name', () => ({ body: JSON.stringify(aComment({ authorName: 'x'.repeat(81) })) }), 400, 'invalid_input'],
    ['an over-long comment', () => ({ body: JSON.stringify(aComment({ body: 'x'.repeat(5001) })) }), 400, 'invalid_input'],
    ['a string parentId', () => ({ body: JSON.stringify(aComment({ parentId: '1' })) }), 400, 'invalid_input'],
    ['a javascript: url', () => ({ body: JSON.stringify(aComment({ url: 'javascript:alert(1)' })) }), 400, 'invalid_input'],
    ['a body over the size limit', () => ({ body: JSON.stringify(aComment({ body: 'x'.repeat(40_000) })) }), 413, 'payload_too_large'],
    ['no Origin', () => ({ body: JSON.stringify(aComment()), headers: { 'content-type': 'application/json' } }), 403, 'origin_not_allowed'],
    [
      'a foreign Origin',
      () => ({ body: JSON.stringify(aComment()), headers: { 'content-type': 'application/json', origin: 'https://evil.example' } }),
      403,
      'origin_not_allowed',
    ],
  ]

  it.each(cases)('%s → %i %s', async (_, init, status, code) => {
    const { app, ctx } = await testApp()
    const i = init()
    const res = await app.request(T, { method: 'POST', ...i, headers: i.headers ?? { 'content-type': 'application/json', origin: BLOG } })
    expect(res.status).toBe(status)
    const body = await res.json()
    expect(body.error.code).toBe(code)
    expect(typeof body.error.message).toBe('string')
    expect(await ctx.db.$count(comments)).toBe(0)
    expect(await ctx.db.$count(threads)).toBe(0)
  })

  it('names each bad field with a reason the widget can show', async () => {
    const { app } = await testApp()
    const res = await postJson(app, T, { authorName: '', email: 'x', body: '' })
    expect((await res.json()).error.fields).toEqual({ authorName: 'required', email: 'invalid_email', body: 'required' })
  })

  it('answers unknown routes and bad query values with the JSON error body', async () => {
    const { app } = await testApp()
    const missing = await app.request('/api/v1/nothing')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('not_found')
    await postJson(app, T, aComment())
    for (const q of ['?limit=0', '?limit=1000', '?limit=abc', '?cursor=-1', '?cursor=abc']) {
      const res = await app.request(T + q)
      expect(res.status, q).toBe(400)
    }
  })
})

describe('listing a thread', () => {
  it('pages oldest first with a keyset cursor until the end', async () => {
    const { app, clock } = await testApp()
    const ids: number[] = []
    for (let i = 0; i < 120; i++) {
      clock.advance(1000)
      ids.push((await (await postJson(app, T, aComment())).json()).comment.id)
    }
    const seen: number[] = []
    let cursor: string | null = ''
    let pages = 0
    while (cursor !== null) {
      const page = await (await app.request(`${T}?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).json()
      seen.push(...page.comments.map((c: { id: number }) => c.id))
      expect(page.thread.commentCount).toBe(120)
      cursor = page.nextCursor
      pages++
    }
    expect(pages).toBe(3)
    expect(seen).toEqual(ids)
  })

  it('revalidates with ETag and 304, and a new comment changes the ETag', async () => {
    const { app } = await testApp()
    await postJson(app, T, aComment())
    const first = await app.request(T)
    const etag = first.headers.get('etag')!
    expect(first.headers.get('cache-control')).toContain('s-maxage')
    const same = await app.request(T, { headers: { 'if-none-match': etag } })
    expect(same.status).toBe(304)
    await postJson(app, T, aComment())
    const changed = await app.request(T, { headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect((await changed.json()).comments).toHaveLength(2)
  })

  it('shows at most 50 replies under a comment per page, and says how many more there are', async () => {
    const { app } = await testApp()
    const root = (await (await postJson(app, threadPath('/busy'), aComment())).json()).comment.id
    for (let i = 0; i < 60; i++) await postJson(app, threadPath('/busy'), aComment({ parentId: root, body: `Reply ${i} of many` }))
    const page = await (await app.request(`${threadPath('/busy')}?limit=1`)).json()
    const [top] = page.comments
    const shown = (c: { replies?: unknown[] }): number => (c.replies ?? []).reduce<number>((n, r) => n + 1 + shown(r as { replies?: unknown[] }), 0)
    expect(shown(top)).toBe(50)
    expect(top.moreReplies).toBe(10)
  })

  it('answers a post nobody commented on with an empty thread, and an ETag', async () => {
    const { app } = await testApp()
    const res = await app.request(threadPath('/new-post/'))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ thread: { key: '/new-post', title: null, commentCount: 0, closed: false }, comments: [], nextCursor: null })
    const etag = res.headers.get('etag')!
    expect((await app.request(threadPath('/new-post'), { headers: { 'if-none-match': etag } })).status).toBe(304)
    await postJson(app, threadPath('/new-post'), aComment())
    const after = await app.request(threadPath('/new-post'), { headers: { 'if-none-match': etag } })
    expect(after.status).toBe(200)
    expect((await after.json()).thread.commentCount).toBe(1)
    const html = await app.request(`${threadPath('/never')}.html`)
    expect(html.status).toBe(200)
    expect(await html.text()).toContain('0 comments')
  })

  it('reads and writes every spelling of a post as one thread, and counts it under the asked key', async () => {
    const { app } = await testApp()
    for (const spelling of ['/blog/post', '/blog/post/', '/blog//post?utm=x', '/blog/./x/../post#c']) {
      expect((await postJson(app, threadPath(spelling), aComment())).status).toBe(201)
    }
    const list = await (await app.request(threadPath('/blog/post/index.html'))).json()
    expect(list.thread).toMatchObject({ key: '/blog/post', commentCount: 4 })
    const counts = await (await app.request(`/api/v1/sites/cpr/counts?threads=${encodeURIComponent('/blog/post/')},${encodeURIComponent('/blog/post')}`)).json()
    expect(counts.counts).toEqual({ '/blog/post/': 4, '/blog/post': 4 })
  })

  it('counts published comments for an index page in one request', async () => {
    const { app } = await testApp()
    await postJson(app, threadPath('/a'), aComment())
    await postJson(app, threadPath('/a'), aComment())
    await postJson(app, threadPath('/b'), aComment({ website: 'spam' }))
    const res = await app.request('/api/v1/sites/cpr/counts?threads=/a,/b,/c')
    expect(await res.json()).toEqual({ counts: { '/a': 2, '/b': 0, '/c': 0 } })
    expect((await app.request('/api/v1/sites/cpr/counts')).status).toBe(400)
  })
})

describe('CORS and origins', () => {
  it('answers a preflight only for allowed origins', async () => {
    const { app } = await testApp()
    const ok = await app.request(T, { method: 'OPTIONS', headers: { origin: BLOG, 'access-control-request-method': 'POST' } })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(BLOG)
    const no = await app.request(T, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })
    expect(no.status).toBe(403)
    expect(no.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('lets this server’s own pages post, and sets CORS on reads only for allowed origins', async () => {
    const { app } = await testApp()
    expect((await postJson(app, T, aComment(), { origin: PUBLIC_URL })).status).toBe(201)
    const read = await app.request(T, { headers: { origin: 'https://evil.example' } })
    expect(read.status).toBe(200)
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    expect((await app.request(T, { headers: { origin: BLOG } })).headers.get('access-control-allow-origin')).toBe(BLOG)
  })
})

describe('privacy', () => {
  it('never puts an email address in a public answer', async () => {
    const { app } = await testApp()
    const answers: string[] = []
    const root = await postJson(app, T, aComment({ email: 'secret.person@example.com' }))
    answers.push(await root.text())
    const id = JSON.parse(answers[0]!).comment.id
    answers.push(await (await postJson(app, T, aComment({ email: 'other.person@example.org', parentId: id }))).text())
    answers.push(await (await postJson(app, T, aComment({ email: 'secret.person@example.com' }))).text())
    answers.push(await (await app.request(T)).text())
    answers.push(await (await app.request('/api/v1/sites/cpr/config')).text())
    answers.push(await (await app.request('/api/v1/sites/cpr/counts?threads=/blog/reciprocity')).text())
    for (const a of answers) expect(a).not.toMatch(EMAIL)
  })
})

describe('health and files', () => {
  it('pings the database', async () => {
    const { app } = await testApp()
    const res = await app.request('/healthz')
    expect(await res.json()).toEqual({ ok: true, database: 'ok' })
  })

  it('serves the widget and the demo post with nosniff, and the demo under a strict CSP', async () => {
    const { app } = await testApp()
    const widget = await app.request('/widget.js')
    expect(widget.headers.get('content-type')).toContain('javascript')
    expect(widget.headers.get('x-content-type-options')).toBe('nosniff')
    const demo = await app.request('/')
    expect(await demo.text()).toContain('data-thread="/blog/reciprocity"')
    expect(demo.headers.get('content-security-policy')).toContain("script-src 'self'")
  })
})

describe('atomicity', () => {
  it('writes nothing when the reward cannot be written', async () => {
    const { app, ctx } = await testApp()
    // A poisoned code pool: the reward insert fails, so the comment and thread must roll back with it.
    await ctx.db.run(`create trigger fail_reward before insert on rewards begin select raise(abort, 'boom'); end` as never)
    const res = await postJson(app, T, aComment())
    expect(res.status).toBe(500)
    expect((await res.json()).error.code).toBe('internal')
    expect(await ctx.db.$count(comments)).toBe(0)
    expect(await ctx.db.select().from(threads).where(eq(threads.key, '/blog/reciprocity'))).toEqual([])
  })
})

describe('the HTML fragment for static sites', () => {
  it('renders the thread as escaped HTML with no script', async () => {
    const { app } = await testApp()
    await postJson(
      app,
      T,
      aComment({ authorName: '<img src=x onerror=alert(1)>', body: 'First line\nsecond <script>alert(1)</script>\n\nNew paragraph & more' }),
    )
    const res = await app.request(`/api/v1/sites/cpr/threads/${encodeURIComponent('/blog/reciprocity')}/comments.html`)
    expect(res.headers.get('content-type')).toContain('text/html')
    const fragment = await res.text()
    expect(fragment).toContain('<h2>1 comment</h2>')
    expect(fragment).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(fragment).toContain('<p>First line<br>second &lt;script&gt;alert(1)&lt;/script&gt;</p><p>New paragraph &amp; more</p>')
    expect(fragment).not.toMatch(/<script|<img/)
  })
})

describe('index pages and languages', () => {
  it('serves count.js and the language files, minified', async () => {
    const { app } = await testApp()
    expect((await app.request('/count.js')).headers.get('content-type')).toContain('javascript')
    const de = await app.request('/i18n/de.json')
    expect(de.headers.get('access-control-allow-origin')).toBe('*')
    const text = await de.text()
    expect(JSON.parse(text).submit).toBe('Kommentar senden')
    expect(text).not.toContain('\n')
    expect((await app.request('/i18n/xx.json')).status).toBe(404)
  })
})
