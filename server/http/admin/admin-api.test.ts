import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loginAs, PASSWORD } from '../../../tests/helpers/admin.ts'
import { aComment, PUBLIC_URL, postJson, testApp, threadPath } from '../../../tests/helpers/test-app.ts'
import { auditLog, comments, outbox, rewards } from '../../db/schema.ts'

const T = threadPath('/blog/reciprocity')
const json = (res: Response | Promise<Response>) => Promise.resolve(res).then((r) => r.json())

/** The admin routes anyone may call: logging in (both steps), asking who is logged in, following an invitation. */
const OPEN = [
  ['POST', '/api/v1/admin/session'],
  ['GET', '/api/v1/admin/session'],
  ['POST', '/api/v1/admin/session/two-factor'],
  ['POST', '/api/v1/admin/invites/open'],
  ['POST', '/api/v1/admin/invites/accept'],
]

/** Every admin route but the open ones, from the app's own route table: a new route cannot be forgotten here. */
async function adminRoutes() {
  const { app } = await testApp()
  return app.routes
    .filter((r) => r.path.startsWith('/api/v1/admin/') && r.method !== 'ALL' && !OPEN.some(([method, path]) => r.method === method && r.path === path))
    .map((r) => ({ method: r.method, path: r.path.replace(':code', 'CPR-0000000000').replace(':id', '1').replace(':site', 'cpr') }))
}

describe('admin authorization', async () => {
  const routes = await adminRoutes()

  it('covers the admin API', () => {
    expect(routes.length).toBeGreaterThanOrEqual(24)
  })

  it.each(routes)('$method $path answers 401 without a session', async ({ method, path }) => {
    const { app } = await testApp()
    const res = await app.request(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' })
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('unauthorized')
  })

  it.each(routes.filter((r) => r.method !== 'GET'))('$method $path answers 403 without the CSRF token', async ({ method, path }) => {
    const { app, ctx } = await testApp()
    const admin = await loginAs(app, ctx)
    for (const token of [undefined, 'wrong-token']) {
      const res = await app.request(path, {
        method,
        headers: { cookie: admin.cookie, 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
        body: '{}',
      })
      expect(res.status).toBe(403)
      expect((await res.json()).error.code).toBe('csrf_failed')
    }
  })

  it('lets a moderator moderate but not change settings', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const site = await json(mod.get('/api/v1/admin/sites/cpr'))
    const put = await mod.send('PUT', '/api/v1/admin/sites/cpr', { ...site, name: 'Hijacked' })
    expect(put.status).toBe(403)
    expect((await put.json()).error.code).toBe('forbidden')
    expect((await mod.get('/api/v1/admin/comments')).status).toBe(200)
    const owner = await loginAs(app, ctx, 'owner')
    const ok = await owner.send('PUT', '/api/v1/admin/sites/cpr', { ...site, name: 'Renamed' })
    expect(ok.status).toBe(200)
    expect((await json(app.request('/api/v1/sites/cpr/config'))).site.name).toBe('Renamed')
  })
})

describe('logging in', () => {
  const login = (app: Awaited<ReturnType<typeof testApp>>['app'], password: string, ip = '203.0.113.7', email = 'owner@example.com') =>
    app.request('/api/v1/admin/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC_URL, 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    })

  it('sets an HttpOnly SameSite=Lax session cookie and returns the CSRF token', async () => {
    const { app, ctx } = await testApp()
    await loginAs(app, ctx)
    const res = await login(app, PASSWORD)
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const body = await res.json()
    expect(body.user).toMatchObject({ email: 'owner@example.com', role: 'owner' })
    expect(body.user.passwordHash).toBeUndefined()
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/)
  })

  it('answers one message for a wrong password and an unknown account', async () => {
    const { app, ctx } = await testApp()
    await loginAs(app, ctx)
    const a = await login(app, 'wrong password!')
    const b = await login(app, PASSWORD, '203.0.113.8', 'nobody@example.com')
    expect([a.status, b.status]).toEqual([401, 401])
    expect((await a.json()).error.message).toBe((await b.json()).error.message)
  })

  it('slows repeated failures with 429 + Retry-After, yet the owner gets in from elsewhere, and here once the window passes', async () => {
    const { app, ctx } = await testApp()
    await loginAs(app, ctx)
    for (let i = 0; i < 3; i++) expect((await login(app, `wrong ${i}`)).status).toBe(401)
    const blocked = await login(app, PASSWORD)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await blocked.json()).error.code).toBe('rate_limited')
    // The attacker's IP is slowed; the owner's own network is not.
    expect((await login(app, PASSWORD, '198.51.100.1')).status).toBe(200)
    // The block expires (a one-second window in tests).
    await new Promise((r) => setTimeout(r, 1100))
    expect((await login(app, PASSWORD)).status).toBe(200)
  })

  it('refuses a login posted from another origin', async () => {
    const { app, ctx } = await testApp()
    await loginAs(app, ctx)
    const res = await app.request('/api/v1/admin/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
    })
    expect(res.status).toBe(403)
  })

  it('logs out: the session no longer works', async () => {
    const { app, ctx } = await testApp()
    const admin = await loginAs(app, ctx)
    expect((await admin.get('/api/v1/admin/session')).status).toBe(200)
    expect((await admin.send('DELETE', '/api/v1/admin/session')).status).toBe(200)
    expect((await admin.get('/api/v1/admin/codes')).status).toBe(401)
  })

  it('expires a session after its lifetime', async () => {
    const { app, ctx, clock } = await testApp()
    const admin = await loginAs(app, ctx)
    clock.advance(8 * 86_400_000)
    expect((await admin.get('/api/v1/admin/codes')).status).toBe(401)
  })
})

describe('codes', () => {
  async function withCodes() {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const ann = await json(postJson(t.app, T, aComment({ authorName: 'Ann Lee', email: 'ann.lee@gmail.com' })))
    const bob = await json(postJson(t.app, threadPath('/other'), aComment({ authorName: 'Bob Stone', email: 'bob@example.com' })))
    return { ...t, owner, ann: ann.reward.code as string, bob: bob.reward.code as string }
  }

  it('finds a reader’s code by email (any spelling), by code as typed, and by name', async () => {
    const { owner, ann, bob } = await withCodes()
    const byEmail = await json(owner.get('/api/v1/admin/codes?q=AnnLee%2Bshop%40gmail.com'))
    expect(byEmail.items.map((c: { code: string }) => c.code)).toEqual([ann])
    expect(byEmail.items[0]).toMatchObject({ readerName: 'Ann Lee', email: 'ann.lee@gmail.com', status: 'issued', thread: { key: '/blog/reciprocity' } })
    const typed = bob.toLowerCase().replace('-', ' ')
    expect((await json(owner.get(`/api/v1/admin/codes?q=${encodeURIComponent(typed)}`))).items[0].code).toBe(bob)
    expect((await json(owner.get('/api/v1/admin/codes?q=stone'))).items[0].code).toBe(bob)
    expect((await json(owner.get('/api/v1/admin/codes?thread=%2Fother'))).items.map((c: { code: string }) => c.code)).toEqual([bob])
  })

  it('revokes a code once, audited with who and when', async () => {
    const { owner, ann, ctx } = await withCodes()
    const res = await owner.send('POST', `/api/v1/admin/codes/${ann}/revoke`)
    expect(await res.json()).toEqual({ code: ann, status: 'revoked' })
    const again = await owner.send('POST', `/api/v1/admin/codes/${ann}/revoke`)
    expect(again.status).toBe(409)
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'code.revoked'))
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ subject: ann, actor: expect.stringMatching(/^admin:\d+$/), at: '2026-11-26T10:00:00.000Z' })
    expect((await json(owner.get('/api/v1/admin/codes?status=revoked'))).items.map((c: { code: string }) => c.code)).toEqual([ann])
  })

  it('marks a code redeemed by hand, and tells expired codes apart without a cron', async () => {
    const { owner: before, ann, bob, clock, app, ctx } = await withCodes()
    const res = await json(before.send('POST', `/api/v1/admin/codes/${ann}/redeem`, { orderRef: 'order-17' }))
    expect(res).toMatchObject({ status: 'redeemed', orderRef: 'order-17' })
    clock.advance(31 * 86_400_000)
    const owner = await loginAs(app, ctx)
    const expired = await json(owner.get('/api/v1/admin/codes?status=expired'))
    expect(expired.items.map((c: { code: string }) => c.code)).toEqual([bob])
    expect((await json(owner.get('/api/v1/admin/codes?status=issued'))).items).toEqual([])
  })

  it('pages with a keyset cursor, newest first', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    for (let i = 0; i < 7; i++) await postJson(app, T, aComment())
    const first = await json(owner.get('/api/v1/admin/codes?limit=5'))
    const second = await json(owner.get(`/api/v1/admin/codes?limit=5&cursor=${first.nextCursor}`))
    expect(first.items).toHaveLength(5)
    expect(second.items).toHaveLength(2)
    expect(second.nextCursor).toBeNull()
    const ids = [...first.items, ...second.items].map((c: { id: number }) => c.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
  })

  it('exports CSV with a header, every row, and formulas defused', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    await postJson(app, T, aComment({ authorName: '=HYPERLINK("http://evil.example","click")' }))
    for (let i = 0; i < 4; i++) await postJson(app, T, aComment())
    const res = await owner.get('/api/v1/admin/codes.csv?site=cpr')
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const lines = (await res.text()).trim().split('\n')
    expect(lines[0]).toBe(
      'code,status,label,readerName,email,siteId,thread,threadTitle,commentId,createdAt,issuedAt,expiresAt,redeemedAt,orderRef,orderTotal,orderCurrency',
    )
    expect(lines).toHaveLength(6)
    expect(lines.some((l) => l.includes(`"'=HYPERLINK`))).toBe(true)
  })

  it('answers bad filters and unknown codes with JSON errors', async () => {
    const { owner } = await withCodes()
    expect((await owner.get('/api/v1/admin/codes?status=lost')).status).toBe(400)
    expect((await owner.get('/api/v1/admin/codes?from=yesterday')).status).toBe(400)
    const missing = await owner.send('POST', '/api/v1/admin/codes/NOPE-123456/revoke')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('code_not_found')
  })
})

describe('moderation', () => {
  it('approving a held comment publishes it and issues its reward, exactly once', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const posted = await json(postJson(app, T, aComment({ body: 'Held for review.' })))
    expect(posted.reward).toEqual({ status: 'pending', reason: 'approval' })
    const queue = await json(mod.get('/api/v1/admin/comments?site=cpr'))
    expect(queue.items.map((c: { id: number }) => c.id)).toEqual([posted.comment.id])
    expect(queue.items[0].reward).toEqual({ status: 'pending', code: null })

    const answers = await Promise.all(Array.from({ length: 5 }, () => json(mod.send('POST', `/api/v1/admin/comments/${posted.comment.id}/approve`))))
    const codes = new Set(answers.map((a) => a.reward.code))
    expect(codes.size).toBe(1)
    expect([...codes][0]).toMatch(/^CPR-/)
    expect(await ctx.db.$count(rewards)).toBe(1)
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'comment.approve'))).toBe(1)

    const list = await json(app.request(T))
    expect(list.comments.map((c: { body: string }) => c.body)).toEqual(['Held for review.'])
    expect(list.thread.commentCount).toBe(1)
    expect((await json(mod.get('/api/v1/admin/comments?site=cpr'))).items).toEqual([])
  })

  it('a reward issued on approval is emailed to the reader, who has left the page by then', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const posted = await json(postJson(app, T, aComment({ email: 'later@example.com' })))
    await mod.send('POST', `/api/v1/admin/comments/${posted.comment.id}/approve`)
    const rows = await ctx.db.select().from(outbox).where(eq(outbox.channel, 'email'))
    expect(rows).toEqual([
      // The moderator heard of the held comment (notifyHeld is on by default)…
      expect.objectContaining({ target: 'moderator@example.com', event: 'comment.held', subject: `comment:${posted.comment.id}` }),
      // …and the reader gets their code once it is approved.
      expect.objectContaining({ target: 'later@example.com', event: 'reward.issued', status: 'pending' }),
    ])
  })

  it('rejecting a held comment drops its pending reward so the reader can still earn one', async () => {
    const { app, ctx } = await testApp({ moderation: 'pre' })
    const mod = await loginAs(app, ctx, 'moderator')
    const posted = await json(postJson(app, T, aComment({ email: 'eve@example.com' })))
    await mod.send('POST', `/api/v1/admin/comments/${posted.comment.id}/reject`)
    expect(await ctx.db.$count(rewards)).toBe(0)
    const second = await json(postJson(app, T, aComment({ email: 'eve@example.com' })))
    expect(second.reward).toEqual({ status: 'pending', reason: 'approval' })
  })

  it('unpublishing a comment takes it out of the thread and its count', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const posted = await json(postJson(app, T, aComment()))
    await mod.send('POST', `/api/v1/admin/comments/${posted.comment.id}/spam`)
    const list = await json(app.request(T))
    expect(list).toMatchObject({ comments: [], thread: { commentCount: 0 } })
    const [row] = await ctx.db.select().from(comments)
    expect(row!.status).toBe('spam')
    // The issued code stays the reader's; revoking it is a separate, deliberate act.
    expect((await ctx.db.select().from(rewards))[0]!.status).toBe('issued')
  })

  it('rescuing a honeypot false positive publishes it and rewards the reader', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    const posted = await json(postJson(app, T, aComment({ website: 'autofill' })))
    const spam = await json(mod.get('/api/v1/admin/comments?status=spam'))
    expect(spam.items[0]).toMatchObject({ id: posted.comment.id, flag: 'honeypot' })
    const approved = await json(mod.send('POST', `/api/v1/admin/comments/${posted.comment.id}/approve`))
    expect(approved.reward.status).toBe('issued')
  })

  it('answers 404 for an unknown comment and 400 for a bad id', async () => {
    const { app, ctx } = await testApp()
    const mod = await loginAs(app, ctx, 'moderator')
    expect((await mod.send('POST', '/api/v1/admin/comments/999/approve')).status).toBe(404)
    expect((await mod.send('POST', '/api/v1/admin/comments/abc/approve')).status).toBe(400)
  })
})

describe('site settings', () => {
  it('validates with the shared schema and names the bad field', async () => {
    const { app, ctx } = await testApp()
    const owner = await loginAs(app, ctx)
    const site = await json(owner.get('/api/v1/admin/sites/cpr'))
    const bad = await owner.send('PUT', '/api/v1/admin/sites/cpr', { ...site, origins: ['not a url'], reward: { ...site.reward, percentOff: 500 } })
    expect(bad.status).toBe(400)
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['origins.0', 'reward.percentOff'])
    expect((await owner.get('/api/v1/admin/sites/nope')).status).toBe(404)
  })
})

describe('reward settings (issue 18)', () => {
  async function settings() {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const site = await json(owner.get('/api/v1/admin/sites/cpr'))
    const { id: _, ...rest } = site
    const save = (reward: Record<string, unknown>, over: Record<string, unknown> = {}) =>
      owner.send('PUT', '/api/v1/admin/sites/cpr', { ...rest, ...over, reward: { ...site.reward, ...reward } })
    return { ...t, owner, save }
  }

  it('words the offer from the value unless the owner wrote their own', async () => {
    const { save, app } = await settings()
    const derived = await json(save({ percentOff: 15, label: '10% off', labelCustom: false }))
    expect(derived.reward).toMatchObject({ percentOff: 15, label: '15% off your next order', labelCustom: false })
    expect((await json(app.request('/api/v1/sites/cpr/config'))).reward.label).toBe('15% off your next order')
    const german = await json(save({ percentOff: 20, labelCustom: false }, { locale: 'de-AT' }))
    expect(german.reward.label).toBe('20 % Rabatt auf Ihre nächste Bestellung')
    const own = await json(save({ percentOff: 25, label: 'A quarter off, because you wrote', labelCustom: true }))
    expect(own.reward).toMatchObject({ percentOff: 25, label: 'A quarter off, because you wrote', labelCustom: true })
  })

  it('refuses a percent and an amount together with a reason that says choose one, and names what is missing', async () => {
    const { save } = await settings()
    const both = await save({ percentOff: 10, amountOff: 5, currency: 'EUR' })
    expect(both.status).toBe(400)
    expect((await both.json()).error.fields).toEqual({ 'reward.amountOff': 'percent_or_amount' })
    const noCurrency = await save({ percentOff: undefined, amountOff: 5 })
    expect((await noCurrency.json()).error.fields).toEqual({ 'reward.currency': 'currency_required' })
    const noValue = await save({ percentOff: undefined, labelCustom: false })
    expect((await noValue.json()).error.fields).toEqual({ 'reward.percentOff': 'value_needed' })
    const badCurrency = await save({ percentOff: undefined, amountOff: 5, currency: 'EUX' })
    expect((await badCurrency.json()).error.fields).toEqual({ 'reward.currency': 'unknown_currency' })
  })

  it('takes a locale that exists, not any two letters', async () => {
    const { save } = await settings()
    expect((await save({}, { locale: 'pt-BR' })).status).toBe(200)
    expect((await (await save({}, { locale: 'qq' })).json()).error.fields).toEqual({ locale: 'unknown_locale' })
    expect((await (await save({}, { locale: 'de-QQ' })).json()).error.fields).toEqual({ locale: 'unknown_locale' })
  })
})

describe('searching codes', () => {
  it('finds a code with no digit in it, and a name that looks like a code', async () => {
    const { app, ctx } = await testApp({ reward: { kind: 'static', label: 'x', staticCode: 'SPRINGSALE' } })
    const owner = await loginAs(app, ctx)
    await postJson(app, T, aComment({ authorName: 'Annabelle' }))
    const byName = await json(owner.get('/api/v1/admin/codes?q=Annabelle'))
    expect(byName.items.map((c: { readerName: string }) => c.readerName)).toEqual(['Annabelle'])
    // A generated code can be all letters: still found as a code.
    const t = await testApp()
    const o = await loginAs(t.app, t.ctx)
    const [row] = await t.ctx.db.select().from(rewards)
    expect(row).toBeUndefined()
    await postJson(t.app, T, aComment())
    await t.ctx.db.update(rewards).set({ code: 'CPR-ABCDEFGHJKMN', codeKey: 'CPRABCDEFGHJKMN' })
    expect((await json(o.get('/api/v1/admin/codes?q=cpr-abcdefghjkmn'))).items.map((c: { code: string }) => c.code)).toEqual(['CPR-ABCDEFGHJKMN'])
  })
})

describe('a search that forgives (issue 18)', () => {
  async function readers() {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const post = async (path: string, over: Record<string, unknown>) => (await json(postJson(t.app, threadPath(path), aComment(over)))).reward.code as string
    const codes = {
      jimenez: await post('/blog/2024/reciprocity-in-practice', { authorName: 'Lucía Jiménez', email: 'lucia.jimenez@example.org' }),
      upper: await post('/blog/2024/reciprocity-in-practice', { authorName: 'JOSÉ JIMENEZ', email: 'jose@example.com' }),
      noor: await post('/notes/giving-first', { authorName: 'Noor Haddad', email: 'noor.h+blog@gmail.com' }),
      kai: await post('/notes/giving-first', { authorName: 'Kai Tanaka', email: 'kai@tanaka.dev' }),
    }
    const find = async (query: Record<string, string>) => {
      const page = await json(owner.get(`/api/v1/admin/codes?${new URLSearchParams(query)}`))
      return { codes: page.items.map((c: { code: string }) => c.code).sort() as string[], total: page.total as number }
    }
    return { ...t, owner, codes, find }
  }
  const sorted = (...codes: string[]) => [...codes].sort()

  it('finds a reader by part of their email address', async () => {
    const { codes, find } = await readers()
    expect(await find({ q: 'lucia.jim' })).toEqual({ codes: [codes.jimenez], total: 1 })
    expect(await find({ q: 'TANAKA.DEV' })).toEqual({ codes: [codes.kai], total: 1 })
    expect(await find({ q: 'noor.h+blog@gm' })).toEqual({ codes: [codes.noor], total: 1 })
    // The whole address in another spelling of the same mailbox still finds it.
    expect((await find({ q: 'NoorH@googlemail.com' })).codes).toEqual([codes.noor])
  })

  it('finds a code typed without its prefix, or only part of it, in any case', async () => {
    const { codes, find } = await readers()
    const withoutPrefix = codes.kai.replace(/^CPR-/, '')
    expect((await find({ q: withoutPrefix })).codes).toEqual([codes.kai])
    expect((await find({ q: withoutPrefix.toLowerCase().slice(2, 9) })).codes).toEqual([codes.kai])
    expect((await find({ q: codes.kai.toLowerCase().replace('-', ' ') })).codes).toEqual([codes.kai])
  })

  it('ignores accents on both sides: Jimenez finds Jiménez, jiménez finds JIMENEZ', async () => {
    const { codes, find } = await readers()
    expect(await find({ q: 'Jimenez' })).toEqual({ codes: sorted(codes.jimenez, codes.upper), total: 2 })
    expect(await find({ q: 'jiménez' })).toEqual({ codes: sorted(codes.jimenez, codes.upper), total: 2 })
    expect((await find({ q: 'lucia jimenez' })).codes).toEqual([codes.jimenez])
    expect((await find({ q: 'jose' })).codes).toEqual([codes.upper])
    expect((await find({ q: 'Jímenéz' })).codes).toEqual(sorted(codes.jimenez, codes.upper))
  })

  it('finds a redeemed code by its order number, whole or in part', async () => {
    const { codes, find, owner } = await readers()
    await owner.send('POST', `/api/v1/admin/codes/${codes.noor}/redeem`, { orderRef: '#NW-10482' })
    expect((await find({ q: '#NW-10482' })).codes).toEqual([codes.noor])
    expect((await find({ q: '10482' })).codes).toEqual([codes.noor])
    // LIKE's own wildcards are taken literally.
    expect((await find({ q: '%' })).codes).toEqual([])
  })

  it('filters by part of a post’s path, and says how many match in all', async () => {
    const { codes, find, owner } = await readers()
    expect(await find({ thread: 'reciprocity' })).toEqual({ codes: sorted(codes.jimenez, codes.upper), total: 2 })
    expect(await find({ thread: '/notes/' })).toEqual({ codes: sorted(codes.noor, codes.kai), total: 2 })
    expect(await find({ thread: 'giving', q: 'kai' })).toEqual({ codes: [codes.kai], total: 1 })
    const first = await json(owner.get('/api/v1/admin/codes?limit=3'))
    expect([first.items.length, first.total]).toEqual([3, 4])
    // Later pages do not count again.
    expect((await json(owner.get(`/api/v1/admin/codes?limit=3&cursor=${first.nextCursor}`))).total).toBeNull()
    expect(await find({ q: 'nobody-like-this' })).toEqual({ codes: [], total: 0 })
  })

  it('revokes with a reason and marks redeemed with an order number and total, both in the audit log', async () => {
    const { codes, owner, ctx } = await readers()
    const revoked = await owner.send('POST', `/api/v1/admin/codes/${codes.kai}/revoke`, { reason: 'Same person as Noor, second address' })
    expect(await revoked.json()).toEqual({ code: codes.kai, status: 'revoked' })
    const redeemed = await json(owner.send('POST', `/api/v1/admin/codes/${codes.noor}/redeem`, { orderRef: '#1001', orderTotal: '64.00', currency: 'EUR' }))
    expect(redeemed).toMatchObject({ status: 'redeemed', orderRef: '#1001', orderTotal: '64.00', orderCurrency: 'EUR' })
    const audit = await ctx.db.select().from(auditLog)
    expect(audit.find((a) => a.action === 'code.revoked')!.detail).toEqual({ reason: 'Same person as Noor, second address' })
    expect(audit.find((a) => a.action === 'code.redeemed')!.detail).toEqual({ orderRef: '#1001', orderTotal: '64.00', currency: 'EUR' })
    const bad = await owner.send('POST', `/api/v1/admin/codes/${codes.jimenez}/redeem`, { orderRef: '#1002', orderTotal: '-1', currency: 'EUR' })
    expect((await bad.json()).error.fields).toEqual({ orderTotal: 'invalid' })
  })
})
