import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { SiteSettingsInput } from '../../shared/site.ts'
import { WebhookPayload } from '../../shared/webhooks.ts'
import { type AdminClient, loginAs } from '../../tests/helpers/admin.ts'
import { aComment, addSite, limitsOnClock, postJson, testApp, threadPath } from '../../tests/helpers/test-app.ts'
import { auditLog, codePool, outbox, rewards } from '../db/schema.ts'
import { eventPayload } from '../domain/events/event-payload.ts'

const T = threadPath('/blog/reciprocity')
const json = (res: Response | Promise<Response>) => Promise.resolve(res).then((r) => r.json())

async function shop(settings: Partial<SiteSettingsInput> = {}) {
  const t = await testApp(settings)
  const owner = await loginAs(t.app, t.ctx)
  const { key } = await json(owner.send('POST', '/api/v1/admin/sites/cpr/api-keys', { name: 'Checkout' }))
  const auth = { authorization: `Bearer ${key}` }
  const check = (code: string, headers: Record<string, string> = auth) => t.app.request(`/api/v1/codes/${encodeURIComponent(code)}`, { headers })
  const redeem = (code: string, body: unknown, headers: Record<string, string> = auth) =>
    t.app.request(`/api/v1/codes/${encodeURIComponent(code)}/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { ...t, owner, key, auth, check, redeem }
}

async function earnCode(app: Awaited<ReturnType<typeof testApp>>['app']) {
  return (await json(postJson(app, T, aComment()))).reward.code as string
}

describe('shop API keys', () => {
  it('are shown once, listed without the key, and stop working when revoked', async () => {
    const { owner, check, key, app } = await shop()
    const code = await earnCode(app)
    const list = await json(owner.get('/api/v1/admin/sites/cpr/api-keys'))
    expect(list.items).toHaveLength(1)
    expect(JSON.stringify(list)).not.toContain(key)
    expect(list.items[0]).toMatchObject({ name: 'Checkout', prefix: key.slice(0, 10) })
    expect((await check(code)).status).toBe(200)
    expect((await json(owner.get('/api/v1/admin/sites/cpr/api-keys'))).items[0].lastUsedAt).not.toBeNull()
    await owner.send('DELETE', `/api/v1/admin/sites/cpr/api-keys/${list.items[0].id}`)
    expect((await check(code)).status).toBe(401)
  })

  it('answers 401 with no key, a malformed header or a wrong key', async () => {
    const { check, app } = await shop()
    const code = await earnCode(app)
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer ik_wrong' }] as Record<string, string>[]) {
      const res = await check(code, headers)
      expect(res.status).toBe(401)
      expect((await res.json()).error.code).toBe('unauthorized')
    }
  })

  it('only a key of the same site sees its codes', async () => {
    const t = await shop()
    const code = await earnCode(t.app)
    await addSite(t.ctx, 'other', { reward: null })
    const { key } = await json(t.owner.send('POST', '/api/v1/admin/sites/other/api-keys', { name: 'Other shop' }))
    expect((await t.check(code, { authorization: `Bearer ${key}` })).status).toBe(404)
  })
})

describe('validating a code', () => {
  it('finds it however the customer typed it, with its value and expiry', async () => {
    const { check, app } = await shop()
    const code = await earnCode(app)
    const typed = ` ${code.toLowerCase().replace('-', ' - ')} `.replace(/0/g, 'o')
    const res = await check(typed)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      code,
      kind: 'generated',
      valid: true,
      status: 'issued',
      label: '10% off',
      percentOff: 10,
      amountOff: null,
      currency: null,
      issuedAt: '2026-11-26T10:00:00.000Z',
      expiresAt: '2026-12-26T10:00:00.000Z',
      redeemedAt: null,
      orderRef: null,
      orderTotal: null,
      orderCurrency: null,
    })
  })

  it('folds O to 0 and I and L to 1 both ways, for fixed codes holding 0, 1, I, L and O', async () => {
    const { check, owner, app } = await shop({ reward: { kind: 'pool', label: '15% off', percentOff: 15 } })
    await owner.send('POST', '/api/v1/admin/sites/cpr/code-pool', { csv: 'CODE-0A1B\nGOLD-LION\n' })
    const digits = (await json(postJson(app, T, aComment()))).reward.code
    const letters = (await json(postJson(app, T, aComment()))).reward.code
    expect([digits, letters]).toEqual(['CODE-0A1B', 'GOLD-LION'])
    for (const [typed, code] of [
      ['CODE-0A1B', 'CODE-0A1B'],
      ['code-oaib', 'CODE-0A1B'],
      ['CODE OALB', 'CODE-0A1B'],
      ['c o d e 0 a l b', 'CODE-0A1B'],
      ['GOLD-LION', 'GOLD-LION'],
      ['g0ld-110n', 'GOLD-LION'],
      ['G0LD l1on', 'GOLD-LION'],
      ['goid-iion', 'GOLD-LION'],
    ]) {
      const res = await check(typed!)
      expect(res.status, typed).toBe(200)
      expect(await res.json(), typed).toMatchObject({ code, valid: true })
    }
    // Only those look-alikes: another letter is another code.
    expect((await check('CODE-0A1E')).status).toBe(404)
  })

  it('says why a code is not valid: unknown, expired, revoked, redeemed', async () => {
    const { check, app, owner, clock, redeem } = await shop()
    expect((await check('CPR-NOSUCHCODE1')).status).toBe(404)
    const a = await earnCode(app)
    const b = await earnCode(app)
    const c = await earnCode(app)
    await owner.send('POST', `/api/v1/admin/codes/${b}/revoke`)
    await redeem(c, { orderRef: 'o-1' })
    expect(await json(check(b))).toMatchObject({ valid: false, status: 'revoked' })
    expect(await json(check(c))).toMatchObject({ valid: false, status: 'redeemed', orderRef: 'o-1' })
    clock.advance(31 * 86_400_000)
    expect(await json(check(a))).toMatchObject({ valid: false, status: 'expired' })
  })
})

describe('redeeming a code', () => {
  it('is single use; the same orderRef again is the same 200; another order gets 409', async () => {
    const { redeem, app, ctx } = await shop()
    const code = await earnCode(app)
    const first = await redeem(code, { orderRef: '#1001' })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ code, status: 'redeemed', orderRef: '#1001', replay: false })
    const retry = await json(redeem(code, { orderRef: '#1001' }))
    expect(retry).toMatchObject({ status: 'redeemed', orderRef: '#1001', replay: true })
    const other = await redeem(code, { orderRef: '#1002' })
    expect(other.status).toBe(409)
    expect((await other.json()).error).toMatchObject({ code: 'conflict', fields: { status: 'redeemed' } })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'code.redeemed'))
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor).toMatch(/^shop:\d+$/)
  })

  it('refuses an expired or revoked code with the reason', async () => {
    const { redeem, app, owner, clock } = await shop()
    const a = await earnCode(app)
    const b = await earnCode(app)
    await owner.send('POST', `/api/v1/admin/codes/${b}/revoke`)
    expect((await json(redeem(b, { orderRef: 'x' }))).error.fields).toEqual({ status: 'revoked' })
    clock.advance(31 * 86_400_000)
    const expired = await redeem(a, { orderRef: 'x' })
    expect(expired.status).toBe(409)
    expect((await expired.json()).error.fields).toEqual({ status: 'expired' })
  })

  it('honours a shared static code for every order', async () => {
    const { redeem, check, app } = await shop({ reward: { kind: 'static', label: '10% off', staticCode: 'CPR10' } })
    await earnCode(app)
    expect(await json(check('cpr10'))).toMatchObject({ code: 'CPR10', kind: 'static', valid: true })
    expect((await redeem('CPR10', { orderRef: 'a' })).status).toBe(200)
    expect((await redeem('CPR10', { orderRef: 'b' })).status).toBe(200)
  })

  it('stops honouring a static code when the reward is turned off: it reads as revoked and redeems as unknown', async () => {
    const reward = { kind: 'static', label: '10% off', percentOff: 10, staticCode: 'CPR10' } as const
    const { redeem, check, ctx } = await shop({ reward })
    expect(await json(check('cpr 10'))).toEqual({
      code: 'CPR10',
      kind: 'static',
      valid: true,
      status: 'issued',
      label: '10% off',
      percentOff: 10,
      amountOff: null,
      currency: null,
      issuedAt: null,
      expiresAt: null,
      redeemedAt: null,
      orderRef: null,
      orderTotal: null,
      orderCurrency: null,
    })
    expect(await json(redeem('cpr10', { orderRef: '#7' }))).toEqual({
      code: 'CPR10',
      status: 'redeemed',
      redeemedAt: '2026-11-26T10:00:00.000Z',
      orderRef: '#7',
      orderTotal: null,
      orderCurrency: null,
      replay: false,
    })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'code.redeemed'))
    expect(audit.map((a) => [a.actor, a.subject, a.detail])).toEqual([[expect.stringMatching(/^shop:\d+$/), 'CPR10', { orderRef: '#7', shared: true }]])
    await addSite(ctx, 'cpr', { reward: { ...reward, enabled: false } })
    expect(await json(check('CPR10'))).toMatchObject({ code: 'CPR10', valid: false, status: 'revoked' })
    expect((await redeem('CPR10', { orderRef: '#8' })).status).toBe(404)
  })

  it('takes no other code for a static reward’s, and no static code left over after switching to generated codes', async () => {
    const statik = await shop({ reward: { kind: 'static', label: '10% off', staticCode: 'CPR10' } })
    expect((await statik.check('CPR11')).status).toBe(404)
    expect((await statik.redeem('CPR11', { orderRef: '#1' })).status).toBe(404)
    const generated = await shop({ reward: { kind: 'generated', label: '10% off', staticCode: 'OLD10' } })
    const code = await earnCode(generated.app)
    expect(code).not.toBe('OLD10')
    expect((await generated.check('OLD10')).status).toBe(404)
    expect((await generated.redeem('OLD10', { orderRef: '#1' })).status).toBe(404)
  })

  it('still checks and redeems a reader’s code after the owner turned rewards off', async () => {
    const { redeem, check, app, ctx } = await shop()
    const code = await earnCode(app)
    await addSite(ctx, 'cpr', { reward: null })
    expect(await json(check(code))).toMatchObject({ code, valid: true, label: '10% off' })
    expect(await json(redeem(code, { orderRef: '#9' }))).toMatchObject({ code, status: 'redeemed', replay: false })
  })

  it('answers malformed bodies with JSON errors', async () => {
    const { redeem, app } = await shop()
    const code = await earnCode(app)
    for (const [body, status] of [
      ['{', 400],
      ['{}', 400],
      [{ orderRef: '' }, 400],
      [{ orderRef: 'x'.repeat(201) }, 400],
    ] as const) {
      const res = await redeem(code, body)
      expect(res.status).toBe(status)
      expect((await res.json()).error.code).toMatch(/invalid_/)
    }
  })
})

describe('the order’s total', () => {
  it('is kept with the redemption in minor units, answered, shown on a check and carried by the code.redeemed webhook', async () => {
    const { redeem, check, app, ctx, owner } = await shop()
    await owner.send('POST', '/api/v1/admin/sites/cpr/webhooks', { url: 'https://93.184.216.34/hooks', events: ['code.redeemed'] })
    const code = await earnCode(app)
    const res = await redeem(code, { orderRef: '#1001', orderTotal: '49.90', currency: 'EUR' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ code, status: 'redeemed', orderRef: '#1001', orderTotal: '49.90', orderCurrency: 'EUR', replay: false })
    const [row] = await ctx.db.select().from(rewards).where(eq(rewards.code, code))
    expect(row).toMatchObject({ orderTotal: 4990, orderCurrency: 'EUR' })
    expect(await json(check(code))).toMatchObject({ status: 'redeemed', orderTotal: '49.90', orderCurrency: 'EUR' })
    const [event] = await ctx.db.select().from(outbox).where(eq(outbox.event, 'code.redeemed'))
    const payload = WebhookPayload.parse(await eventPayload(ctx, event!))
    expect(payload.type === 'code.redeemed' && payload.data.reward).toMatchObject({ code, orderRef: '#1001', orderTotal: '49.90', orderCurrency: 'EUR' })
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'code.redeemed'))
    expect(audit!.detail).toEqual({ orderRef: '#1001', orderTotal: '49.90', currency: 'EUR' })
  })

  it('counts in each currency’s own minor unit: yen have none, dinars three', async () => {
    const { redeem, app, ctx } = await shop()
    const yen = await earnCode(app)
    const dinar = await earnCode(app)
    const plain = await earnCode(app)
    expect(await json(redeem(yen, { orderRef: 'j', orderTotal: '4990', currency: 'JPY' }))).toMatchObject({ orderTotal: '4990', orderCurrency: 'JPY' })
    expect(await json(redeem(dinar, { orderRef: 'k', orderTotal: '12.5', currency: 'KWD' }))).toMatchObject({ orderTotal: '12.500', orderCurrency: 'KWD' })
    expect(await json(redeem(plain, { orderRef: 'p' }))).toMatchObject({ orderTotal: null, orderCurrency: null })
    const rows = await ctx.db.select({ code: rewards.code, total: rewards.orderTotal, currency: rewards.orderCurrency }).from(rewards)
    expect(rows.find((r) => r.code === yen)).toMatchObject({ total: 4990, currency: 'JPY' })
    expect(rows.find((r) => r.code === dinar)).toMatchObject({ total: 12500, currency: 'KWD' })
    expect(rows.find((r) => r.code === plain)).toMatchObject({ total: null, currency: null })
  })

  it('refuses a bad currency, a negative or malformed total, and one without the other, naming the field; the code stays valid', async () => {
    const { redeem, check, app } = await shop()
    const code = await earnCode(app)
    for (const [body, fields] of [
      [{ orderTotal: '49.90', currency: 'EURO' }, { currency: 'invalid' }],
      [{ orderTotal: '49.90', currency: 'eur' }, { currency: 'invalid' }],
      [{ orderTotal: '49.90', currency: 'XYZ' }, { currency: 'unknown_currency' }],
      [{ orderTotal: '-5.00', currency: 'EUR' }, { orderTotal: 'invalid' }],
      [{ orderTotal: '1e3', currency: 'EUR' }, { orderTotal: 'invalid' }],
      [{ orderTotal: 49.9, currency: 'EUR' }, { orderTotal: 'invalid' }],
      [{ orderTotal: '49.999', currency: 'EUR' }, { orderTotal: 'too_many_decimals' }],
      [{ orderTotal: '4990.5', currency: 'JPY' }, { orderTotal: 'too_many_decimals' }],
      [{ orderTotal: '49.90' }, { currency: 'required' }],
      [{ currency: 'EUR' }, { orderTotal: 'required' }],
    ] as const) {
      const res = await redeem(code, { orderRef: '#1', ...body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      const { error } = await res.json()
      expect(error.code).toBe('invalid_input')
      expect(error.fields, JSON.stringify(body)).toEqual(fields)
    }
    expect(await json(check(code))).toMatchObject({ valid: true, status: 'issued', orderTotal: null })
  })

  it('is in the audit log for the shared code of a static reward, which has no reader to count it for', async () => {
    const { redeem, ctx, app } = await shop({ reward: { kind: 'static', label: '10% off', staticCode: 'CPR10' } })
    await earnCode(app)
    expect(await json(redeem('CPR10', { orderRef: 'a', orderTotal: '20.00', currency: 'USD' }))).toMatchObject({ orderTotal: '20.00', orderCurrency: 'USD' })
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'code.redeemed'))
    expect(audit!.detail).toEqual({ orderRef: 'a', shared: true, orderTotal: '20.00', currency: 'USD' })
  })
})

describe('code pools', () => {
  const pool = { reward: { kind: 'pool', label: '15% off', percentOff: 15 } } as const
  const importCsv = (owner: AdminClient, csv: string) => owner.send('POST', '/api/v1/admin/sites/cpr/code-pool', { csv })

  it('imports a Shopify export, a plain list and a headerless file, counting duplicates and blanks', async () => {
    const { owner } = await shop(pool)
    const shopify = 'Code,Usage count,Status\r\nSPRING-AAA1,0,Active\r\nSPRING-AAA2,0,Active\r\n\r\nSPRING-AAA1,0,Active\r\n'
    expect(await json(importCsv(owner, shopify))).toEqual({ imported: 2, duplicates: 1, blank: 1, handedOut: 0 })
    expect(await json(importCsv(owner, 'code\nSPRING-AAA2\nSPRING-BBB1\n'))).toEqual({ imported: 1, duplicates: 1, blank: 0, handedOut: 0 })
    expect(await json(importCsv(owner, 'SPRING-CCC1\nSPRING-CCC2\n'))).toEqual({ imported: 2, duplicates: 0, blank: 0, handedOut: 0 })
    expect(await json(owner.get('/api/v1/admin/sites/cpr/code-pool'))).toEqual({ available: 5, handedOut: 0, waiting: 0 })
  })

  it('rejects a bad file whole, naming the line, and imports nothing', async () => {
    const { owner, ctx } = await shop(pool)
    const res = await importCsv(owner, 'GOOD-CODE-1\nbad code with spaces\nGOOD-CODE-2\n')
    expect(res.status).toBe(400)
    expect((await res.json()).error.fields).toEqual({ 'line 2': 'invalid_code' })
    expect(await ctx.db.$count(codePool)).toBe(0)
    expect((await importCsv(owner, '\n\n')).status).toBe(400)
    expect((await owner.send('POST', '/api/v1/admin/sites/cpr/code-pool', 'x', { 'content-type': 'image/png' })).status).toBe(415)
  })

  it('hands each code out once; an empty pool keeps the comment and the reward waits, then gets a code on import', async () => {
    const { owner, app, ctx, check } = await shop(pool)
    await importCsv(owner, 'POOL-0001\nPOOL-0002\n')
    const answers = []
    for (let i = 0; i < 4; i++) answers.push(await json(postJson(app, T, aComment())))
    expect(answers.map((a) => a.comment.status)).toEqual(['published', 'published', 'published', 'published'])
    expect(answers.map((a) => a.reward.status)).toEqual(['issued', 'issued', 'pending', 'pending'])
    expect(answers.slice(0, 2).map((a) => a.reward.code)).toEqual(['POOL-0001', 'POOL-0002'])
    expect(answers[2].reward).toEqual({ status: 'pending', reason: 'pool-empty' })
    expect(await json(owner.get('/api/v1/admin/sites/cpr/code-pool'))).toEqual({ available: 0, handedOut: 2, waiting: 2 })

    expect(await json(importCsv(owner, 'POOL-0003\nPOOL-0004\nPOOL-0005\n'))).toMatchObject({ imported: 3, handedOut: 2 })
    const codes = (await ctx.db.select().from(rewards)).map((r) => [r.status, r.code])
    expect(codes).toEqual([
      ['issued', 'POOL-0001'],
      ['issued', 'POOL-0002'],
      ['issued', 'POOL-0003'],
      ['issued', 'POOL-0004'],
    ])
    expect(await json(owner.get('/api/v1/admin/sites/cpr/code-pool'))).toEqual({ available: 1, handedOut: 4, waiting: 0 })
    expect(await json(check('pool-0003'))).toMatchObject({ valid: true, kind: 'pool' })
  })

  it('does not spend a pool code on a reader who already has one', async () => {
    const { owner, app } = await shop(pool)
    await importCsv(owner, 'POOL-0001\nPOOL-0002\n')
    await postJson(app, T, aComment({ email: 'same@example.com' }))
    await postJson(app, T, aComment({ email: 'same@example.com' }))
    expect(await json(owner.get('/api/v1/admin/sites/cpr/code-pool'))).toEqual({ available: 1, handedOut: 1, waiting: 0 })
  })
})

describe('guessing codes', () => {
  // 40 lookups a minute per key, so 2 unknown codes a minute (a twentieth).
  const limits = { antiAbuse: { shopRequestsPerMinute: 40 } }

  it('a key that asks for unknown codes is refused for the rest of the minute, even for a real code; other keys go on', async () => {
    const t = await shop(limits)
    const advance = limitsOnClock(t.clock)
    const code = await earnCode(t.app)
    expect((await t.check('CPR-NOSUCHCODE1')).status).toBe(404)
    expect((await t.check(code)).status).toBe(200)
    expect((await t.check('CPR-NOSUCHCODE2')).status).toBe(404)
    // Told to come back when the minute of the first miss is over.
    advance(20_000)
    const refused = await t.check(code)
    expect(refused.status).toBe(429)
    expect((await refused.json()).error.code).toBe('rate_limited')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(39)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(41)
    expect((await t.redeem(code, { orderRef: '#1' })).status).toBe(429)
    const { key } = await json(t.owner.send('POST', '/api/v1/admin/sites/cpr/api-keys', { name: 'Second till' }))
    expect((await t.check(code, { authorization: `Bearer ${key}` })).status).toBe(200)
    advance(40_001)
    expect((await t.check(code)).status).toBe(200)
  })

  it('answers 500, not 429, when the counters cannot be read', async () => {
    const t = await shop(limits)
    const code = await earnCode(t.app)
    // Counters read, but none written.
    await t.ctx.db.run(sql`create trigger no_counting before insert on rate_limits begin select raise(abort, 'disk full'); end`)
    const res = await t.check(code)
    expect(res.status).toBe(500)
    expect((await res.json()).error.code).toBe('internal')
  })

  it('a key gets its lookups a minute, then 429 until the minute has passed', async () => {
    const t = await shop(limits)
    const advance = limitsOnClock(t.clock)
    const code = await earnCode(t.app)
    const statuses: number[] = []
    for (let i = 0; i < 41; i++) statuses.push((await t.check(code)).status)
    expect(statuses).toEqual([...Array(40).fill(200), 429])
    advance(60_001)
    expect((await t.check(code)).status).toBe(200)
  })
})
