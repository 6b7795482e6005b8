/** Admin accounts over the routes: invitations, roles, removal, your own password, two-factor login, and every refusal. */
import { eq } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { type AdminClient, loginAs, PASSWORD } from '../../../tests/helpers/admin.ts'
import { PUBLIC_URL, testApp } from '../../../tests/helpers/test-app.ts'
import { adminRecoveryCodes, adminUsers, auditLog, outbox, rewards } from '../../db/schema.ts'

type App = Awaited<ReturnType<typeof testApp>>['app']
/** Limits whose window outlasts a slow test, for the tests that reach them. */
const PATIENT = { perAccountAndIp: 3, perIp: 100, perAccount: 100, perDevice: 5, windowSeconds: 600 }
const json = (res: Response | Promise<Response>) => Promise.resolve(res).then((r) => r.json())

function post(app: App, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(`/api/v1/admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC_URL, 'x-forwarded-for': '203.0.113.9', ...headers },
    body: JSON.stringify(body),
  })
}

/** A session from a login answer, as the admin app holds it. */
async function sessionFrom(app: App, res: Response): Promise<AdminClient> {
  expect(res.status, await res.clone().text()).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = await res.json()
  return {
    cookie,
    csrf: csrfToken,
    get: async (path) => app.request(path, { headers: { cookie } }),
    send: async (method, path, body) =>
      app.request(path, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  }
}

/** The token of the latest invitation mail in the outbox. */
async function mailedToken(ctx: Awaited<ReturnType<typeof testApp>>['ctx'], email: string) {
  const rows = await ctx.db.select().from(outbox).where(eq(outbox.target, email))
  const row = rows.filter((r) => r.event === 'admin.invite').at(-1)!
  return (JSON.parse(row.payload!) as { token: string }).token
}

async function invited(t: Awaited<ReturnType<typeof testApp>>, owner: AdminClient, email: string, role: 'owner' | 'moderator' = 'moderator') {
  const res = await owner.send('POST', '/api/v1/admin/admins/invites', { email, role })
  expect(res.status).toBe(201)
  const token = await mailedToken(t.ctx, email)
  return sessionFrom(t.app, await post(t.app, '/invites/accept', { token, password: 'a new moderator password', name: 'Sam' }))
}

describe('inviting an admin', () => {
  it('mails a link; the invited person sees the invitation, chooses a password and is logged in as a moderator', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const answer = await json(owner.send('POST', '/api/v1/admin/admins/invites', { email: 'Sam@Example.com', role: 'moderator' }))
    expect(answer).toMatchObject({
      mailed: true,
      link: null,
      invite: { email: 'sam@example.com', role: 'moderator', invitedBy: 'owner@example.com', expired: false },
    })
    const token = await mailedToken(t.ctx, 'sam@example.com')
    expect(await json(post(t.app, '/invites/open', { token }))).toMatchObject({ email: 'sam@example.com', role: 'moderator' })
    expect((await json(owner.get('/api/v1/admin/admins'))).invites).toHaveLength(1)

    const sam = await sessionFrom(t.app, await post(t.app, '/invites/accept', { token, password: 'a new moderator password', name: 'Sam' }))
    const who = await json(sam.get('/api/v1/admin/session'))
    expect(who.user).toMatchObject({ email: 'sam@example.com', role: 'moderator', name: 'Sam', twoFactor: false })
    expect((await sam.get('/api/v1/admin/comments')).status).toBe(200)
    // The link is used up.
    expect((await post(t.app, '/invites/open', { token })).status).toBe(404)
    expect((await post(t.app, '/invites/accept', { token, password: 'another password here' })).status).toBe(404)

    const people = await json(owner.get('/api/v1/admin/admins'))
    expect(people.invites).toEqual([])
    expect(people.admins.map((a: { email: string; lastLoginAt: string | null }) => [a.email, Boolean(a.lastLoginAt)])).toEqual([
      ['owner@example.com', true],
      ['sam@example.com', true],
    ])
    expect(JSON.stringify(people)).not.toMatch(/passwordHash|totpSecret|\$argon2/)
  })

  it('shows the link once when the server cannot send email', async () => {
    const t = await testApp({}, { canEmail: false })
    const owner = await loginAs(t.app, t.ctx)
    const answer = await json(owner.send('POST', '/api/v1/admin/admins/invites', { email: 'sam@example.com', role: 'owner' }))
    expect(answer.mailed).toBe(false)
    expect(answer.link).toMatch(/\/admin\/invite\?t=[\w-]{30,}$/)
    expect(await t.ctx.db.$count(outbox)).toBe(0)
    const token = new URL(answer.link, PUBLIC_URL).searchParams.get('t')!
    const sam = await sessionFrom(t.app, await post(t.app, '/invites/accept', { token, password: 'a new owner password!' }))
    expect((await json(sam.get('/api/v1/admin/session'))).user.role).toBe('owner')
    // The list never shows a link again.
    expect(JSON.stringify(await json(owner.get('/api/v1/admin/admins')))).not.toContain(token)
  })

  it('refuses an expired link, a replaced link, a short password, and an address that is an admin already', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    await owner.send('POST', '/api/v1/admin/admins/invites', { email: 'sam@example.com', role: 'moderator' })
    const first = await mailedToken(t.ctx, 'sam@example.com')
    await owner.send('POST', '/api/v1/admin/admins/invites', { email: 'sam@example.com', role: 'moderator' })
    const second = await mailedToken(t.ctx, 'sam@example.com')
    expect((await post(t.app, '/invites/open', { token: first })).status).toBe(404)
    const short = await post(t.app, '/invites/accept', { token: second, password: 'short' })
    expect(short.status).toBe(400)
    expect((await short.json()).error.fields).toHaveProperty('password')
    // Still good after a refused password.
    expect((await post(t.app, '/invites/open', { token: second })).status).toBe(200)
    t.clock.advance(73 * 3_600_000)
    const late = await post(t.app, '/invites/accept', { token: second, password: 'a new moderator password' })
    expect(late.status).toBe(410)
    expect((await late.json()).error.code).toBe('link_expired')
    expect((await json(owner.get('/api/v1/admin/admins'))).invites[0].expired).toBe(true)

    const again = await owner.send('POST', '/api/v1/admin/admins/invites', { email: 'OWNER@example.com', role: 'owner' })
    expect(again.status).toBe(409)
    const bad = await owner.send('POST', '/api/v1/admin/admins/invites', { email: 'not an address', role: 'moderator' })
    expect(bad.status).toBe(400)
  })

  it('cancels an invitation: its link stops working', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const { invite } = await json(owner.send('POST', '/api/v1/admin/admins/invites', { email: 'sam@example.com', role: 'moderator' }))
    const token = await mailedToken(t.ctx, 'sam@example.com')
    expect((await owner.send('DELETE', `/api/v1/admin/admins/invites/${invite.id}`)).status).toBe(200)
    expect((await post(t.app, '/invites/open', { token })).status).toBe(404)
    expect((await owner.send('DELETE', `/api/v1/admin/admins/invites/${invite.id}`)).status).toBe(404)
  })
})

describe('roles and removal', () => {
  it('a moderator can do none of an owner’s things with people', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const mod = await loginAs(t.app, t.ctx, 'moderator')
    const ownerId = (await json(owner.get('/api/v1/admin/session'))).user.id
    for (const [method, path, body] of [
      ['GET', '/api/v1/admin/admins', undefined],
      ['POST', '/api/v1/admin/admins/invites', { email: 'x@example.com', role: 'owner' }],
      ['PUT', `/api/v1/admin/admins/${ownerId}/role`, { role: 'moderator' }],
      ['DELETE', `/api/v1/admin/admins/${ownerId}`, undefined],
    ] as const) {
      const res = await mod.send(method, path, body)
      expect(res.status, `${method} ${path}`).toBe(403)
      expect((await res.json()).error.code).toBe('forbidden')
    }
    expect((await json(owner.get('/api/v1/admin/session'))).user.role).toBe('owner')
  })

  it('keeps the last owner: not demoted, not removed; with a second owner, either may go', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const me = (await json(owner.get('/api/v1/admin/session'))).user
    const demote = await owner.send('PUT', `/api/v1/admin/admins/${me.id}/role`, { role: 'moderator' })
    expect(demote.status).toBe(409)
    expect((await demote.json()).error.fields).toEqual({ role: 'last_owner' })
    expect((await owner.send('DELETE', `/api/v1/admin/admins/${me.id}`)).status).toBe(409)

    const sam = await invited(t, owner, 'sam@example.com')
    const samId = (await json(sam.get('/api/v1/admin/session'))).user.id
    const promoted = await json(owner.send('PUT', `/api/v1/admin/admins/${samId}/role`, { role: 'owner' }))
    expect(promoted.role).toBe('owner')
    // The new role holds at once: Sam may now see the people.
    expect((await sam.get('/api/v1/admin/admins')).status).toBe(200)
    expect((await owner.send('PUT', `/api/v1/admin/admins/${me.id}/role`, { role: 'moderator' })).status).toBe(200)
    expect((await sam.send('DELETE', `/api/v1/admin/admins/${samId}`)).status).toBe(409)

    const audit = await json(sam.get('/api/v1/admin/audit?action=admin.role-changed'))
    expect(audit.items.map((e: { actorName: string; subjectName: string; detail: unknown }) => [e.actorName, e.subjectName, e.detail])).toEqual([
      ['owner@example.com', 'owner@example.com', { from: 'owner', to: 'moderator' }],
      ['owner@example.com', 'sam@example.com', { from: 'moderator', to: 'owner' }],
    ])
  })

  it('removing an admin ends their sessions and their password; the audit log still names them', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const sam = await invited(t, owner, 'sam@example.com')
    const samId = (await json(sam.get('/api/v1/admin/session'))).user.id
    expect((await owner.send('DELETE', `/api/v1/admin/admins/${samId}`)).status).toBe(200)
    expect((await sam.get('/api/v1/admin/comments')).status).toBe(401)
    expect((await json(sam.get('/api/v1/admin/session'))).user).toBeNull()
    expect((await post(t.app, '/session', { email: 'sam@example.com', password: 'a new moderator password' })).status).toBe(401)
    expect((await json(owner.get('/api/v1/admin/admins'))).admins.map((a: { email: string }) => a.email)).toEqual(['owner@example.com'])
    expect((await owner.send('DELETE', `/api/v1/admin/admins/${samId}`)).status).toBe(404)
    const [removed] = await json(owner.get('/api/v1/admin/audit?action=admin.removed')).then((a) => a.items)
    expect(removed).toMatchObject({ actorName: 'owner@example.com', subjectName: 'sam@example.com', detail: { role: 'moderator' } })
    // Invited again, the account comes back with a new password.
    const back = await invited(t, owner, 'sam@example.com')
    expect((await json(back.get('/api/v1/admin/session'))).user.id).toBe(samId)
  })
})

describe('your own password', () => {
  it('needs the current one, and ends every other session of yours', async () => {
    const t = await testApp()
    const here = await loginAs(t.app, t.ctx)
    const elsewhere = await sessionFrom(t.app, await post(t.app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    const wrong = await here.send('PUT', '/api/v1/admin/me/password', { current: 'not my password', next: 'a brand new password' })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).error.fields).toEqual({ current: 'wrong_password' })
    const short = await here.send('PUT', '/api/v1/admin/me/password', { current: PASSWORD, next: 'short' })
    expect(short.status).toBe(400)
    expect((await here.send('PUT', '/api/v1/admin/me/password', { current: PASSWORD, next: 'a brand new password' })).status).toBe(200)
    expect((await here.get('/api/v1/admin/comments')).status).toBe(200)
    expect((await elsewhere.get('/api/v1/admin/comments')).status).toBe(401)
    expect((await post(t.app, '/session', { email: 'owner@example.com', password: PASSWORD })).status).toBe(401)
    expect((await post(t.app, '/session', { email: 'owner@example.com', password: 'a brand new password' })).status).toBe(200)
    const actions = (await json(here.get('/api/v1/admin/audit?action=admin.'))).items.map((e: { action: string }) => e.action)
    expect(actions).toContain('admin.password-changed')
  })

  it('counts wrong current passwords like logins', async () => {
    const t = await testApp({}, { loginLimits: PATIENT })
    const here = await loginAs(t.app, t.ctx)
    for (let i = 0; i < 3; i++)
      expect((await here.send('PUT', '/api/v1/admin/me/password', { current: `wrong ${i}`, next: 'a brand new password' })).status).toBe(400)
    const limited = await here.send('PUT', '/api/v1/admin/me/password', { current: PASSWORD, next: 'a brand new password' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('two-factor login', () => {
  /** The code an authenticator app shows for this secret at the test clock's time. */
  const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() })

  async function withTwoFactor(limits?: typeof PATIENT) {
    const t = await testApp({}, { loginLimits: limits })
    const owner = await loginAs(t.app, t.ctx)
    const setup = await json(owner.send('POST', '/api/v1/admin/me/two-factor'))
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Inkind:owner%40example\.com\?/)
    expect(setup.qrSvg).toMatch(/^<svg/)
    const wrong = await owner.send('POST', '/api/v1/admin/me/two-factor/confirm', { code: codeAt(setup.secret, new Date(t.clock().getTime() + 600_000)) })
    expect(wrong.status).toBe(400)
    expect((await json(owner.get('/api/v1/admin/me/two-factor'))).on).toBe(false)
    const { recoveryCodes } = await json(owner.send('POST', '/api/v1/admin/me/two-factor/confirm', { code: codeAt(setup.secret, t.clock()) }))
    return { ...t, owner, secret: setup.secret as string, recoveryCodes: recoveryCodes as string[] }
  }

  it('is turned on with a confirmed code; the secret is kept encrypted and never answered again; ten recovery codes, hashed', async () => {
    const { owner, ctx, secret, recoveryCodes } = await withTwoFactor()
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    expect(await json(owner.get('/api/v1/admin/me/two-factor'))).toEqual({ on: true, recoveryCodesLeft: 10 })
    const row = (await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.email, 'owner@example.com') }))!
    expect(row.totpSecret).not.toContain(secret)
    expect(row.totpSecret).toMatch(/^v1\./)
    const stored = await ctx.db.select().from(adminRecoveryCodes)
    expect(stored.map((r) => r.codeHash).some((h) => recoveryCodes.some((c) => h.includes(c.replace('-', ''))))).toBe(false)
    expect(JSON.stringify(await json(owner.get('/api/v1/admin/session')))).not.toContain(secret)
    expect((await owner.send('POST', '/api/v1/admin/me/two-factor')).status).toBe(409)
  })

  it('asks for the code after the password; a wrong code, a replayed code and a reused recovery code are refused', async () => {
    const { app, clock, secret, recoveryCodes, owner } = await withTwoFactor()
    clock.advance(30_000)
    const first = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    expect(first.twoFactor).toBe(true)
    expect(first.csrfToken).toBeUndefined()
    const noCookie = await post(app, '/session', { email: 'owner@example.com', password: PASSWORD })
    expect(noCookie.headers.get('set-cookie') ?? '').not.toMatch(/inkind_session=/)

    const wrong = await post(app, '/session/two-factor', { challenge: first.challenge, code: '000000' })
    expect(wrong.status).toBe(401)
    const code = codeAt(secret, clock())
    const session = await sessionFrom(app, await post(app, '/session/two-factor', { challenge: first.challenge, code }))
    expect((await session.get('/api/v1/admin/codes')).status).toBe(200)
    // The same code again: refused, even with a new challenge.
    const again = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    expect((await post(app, '/session/two-factor', { challenge: again.challenge, code })).status).toBe(401)

    const recovery = recoveryCodes[3]!
    await sessionFrom(app, await post(app, '/session/two-factor', { challenge: again.challenge, code: recovery.toLowerCase() }))
    const third = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    expect((await post(app, '/session/two-factor', { challenge: third.challenge, code: recovery })).status).toBe(401)
    expect((await json(owner.get('/api/v1/admin/me/two-factor'))).recoveryCodesLeft).toBe(9)

    const failed = (await json(owner.get('/api/v1/admin/audit?action=admin.login-failed'))).items
    expect(failed).toHaveLength(3)
    expect(failed[0]).toMatchObject({ actor: 'anonymous', actorName: 'someone not logged in', subjectName: 'owner@example.com', detail: { step: 'code' } })
    const used = (await json(owner.get('/api/v1/admin/audit?action=admin.recovery-code-used'))).items
    expect(used[0].detail).toEqual({ left: 9 })
  })

  it('refuses a challenge that is forged, expired, or made before the password changed', async () => {
    const { app, clock, secret, owner } = await withTwoFactor()
    const { challenge } = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    const [id, expires, mac] = challenge.split('.')
    clock.advance(30_000)
    const forged = await post(app, '/session/two-factor', { challenge: `${id}.${Number(expires) + 600_000}.${mac}`, code: codeAt(secret, clock()) })
    expect(forged.status).toBe(401)
    clock.advance(6 * 60_000)
    expect((await post(app, '/session/two-factor', { challenge, code: codeAt(secret, clock()) })).status).toBe(401)
    const fresh = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    expect((await owner.send('PUT', '/api/v1/admin/me/password', { current: PASSWORD, next: 'a brand new password' })).status).toBe(200)
    clock.advance(30_000)
    expect((await post(app, '/session/two-factor', { challenge: fresh.challenge, code: codeAt(secret, clock()) })).status).toBe(401)
  })

  it('counts wrong codes per admin and answers 429 past the limit', async () => {
    const { app, clock, secret } = await withTwoFactor(PATIENT)
    const { challenge } = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    for (let i = 0; i < 3; i++)
      expect((await post(app, '/session/two-factor', { challenge, code: `00000${i}` }, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401)
    clock.advance(30_000)
    const limited = await post(app, '/session/two-factor', { challenge, code: codeAt(secret, clock()) })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).error.code).toBe('rate_limited')
  })

  it('is turned off only with a current code (or a recovery code); bad input is a 400', async () => {
    const { owner, clock, secret, app } = await withTwoFactor()
    expect((await owner.send('POST', '/api/v1/admin/me/two-factor/off', { code: '123456' })).status).toBe(400)
    expect((await owner.send('POST', '/api/v1/admin/me/two-factor/off', { code: 'not a code at all' })).status).toBe(400)
    clock.advance(30_000)
    expect((await owner.send('POST', '/api/v1/admin/me/two-factor/off', { code: codeAt(secret, clock()) })).status).toBe(200)
    expect(await json(owner.get('/api/v1/admin/me/two-factor'))).toEqual({ on: false, recoveryCodesLeft: 0 })
    expect((await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))).csrfToken).toBeTruthy()
    const all = (await json(owner.get('/api/v1/admin/audit?action=admin.'))).items.map((e: { action: string }) => e.action)
    expect(all).toEqual(expect.arrayContaining(['admin.two-factor-on', 'admin.two-factor-off']))
  })

  it('renews the recovery codes with a current code: the old ones stop working', async () => {
    const { owner, clock, secret, app, recoveryCodes } = await withTwoFactor()
    clock.advance(30_000)
    const renewed = await json(owner.send('POST', '/api/v1/admin/me/recovery-codes', { code: codeAt(secret, clock()) }))
    expect(renewed.recoveryCodes).toHaveLength(10)
    const { challenge } = await json(post(app, '/session', { email: 'owner@example.com', password: PASSWORD }))
    expect((await post(app, '/session/two-factor', { challenge, code: recoveryCodes[0] })).status).toBe(401)
    expect((await post(app, '/session/two-factor', { challenge, code: renewed.recoveryCodes[0] })).status).toBe(200)
  })
})

describe('the audit log', () => {
  it('names people, shows a settings change as a diff, drops empty values, and filters', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    const site = await json(owner.get('/api/v1/admin/sites/cpr'))
    const { id: _, ...settings } = site
    await owner.send('PUT', '/api/v1/admin/sites/cpr', {
      ...settings,
      reward: { ...settings.reward, percentOff: 15 },
      origins: [...settings.origins, 'https://www.blog.example'],
    })
    const { key } = await json(owner.send('POST', '/api/v1/admin/sites/cpr/api-keys', { name: 'Checkout' }))
    const { postJson, aComment, threadPath } = await import('../../../tests/helpers/test-app.ts')
    const a = await json(postJson(t.app, threadPath('/a'), aComment()))
    const b = await json(postJson(t.app, threadPath('/a'), aComment()))
    await owner.send('POST', `/api/v1/admin/codes/${a.reward.code}/revoke`)
    await t.app.request(`/api/v1/codes/${b.reward.code}/redeem`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{"orderRef":"#1001"}',
    })

    const all = (await json(owner.get('/api/v1/admin/audit'))).items
    const saved = all.find((e: { action: string }) => e.action === 'site.saved')
    expect(saved).toMatchObject({ actor: expect.stringMatching(/^admin:\d+$/), actorName: 'owner@example.com' })
    expect(saved.detail).toEqual({
      changes: [
        { path: 'origins', from: ['https://blog.example'], to: ['https://blog.example', 'https://www.blog.example'] },
        { path: 'reward.percentOff', from: 10, to: 15 },
      ],
    })
    const revoked = all.find((e: { action: string }) => e.action === 'code.revoked')
    expect(revoked.detail).toBeNull()
    const redeemed = all.find((e: { action: string }) => e.action === 'code.redeemed')
    expect(redeemed).toMatchObject({ actorName: 'Checkout (API key)', detail: { orderRef: '#1001' } })

    const shopActor = redeemed.actor
    expect((await json(owner.get(`/api/v1/admin/audit?actor=${shopActor}`))).items.map((e: { action: string }) => e.action)).toEqual(['code.redeemed'])
    expect((await json(owner.get('/api/v1/admin/audit?action=code.'))).items.map((e: { action: string }) => e.action)).toEqual([
      'code.redeemed',
      'code.revoked',
    ])
    expect((await json(owner.get('/api/v1/admin/audit?from=2026-11-26&to=2026-11-26'))).items.length).toBe(all.length)
    expect((await json(owner.get('/api/v1/admin/audit?from=2026-11-27'))).items).toEqual([])
    expect((await json(owner.get('/api/v1/admin/audit?to=2026-11-25'))).items).toEqual([])
    expect((await owner.get('/api/v1/admin/audit?from=2026-11-27&to=2026-11-26')).status).toBe(400)
    expect((await owner.get('/api/v1/admin/audit?from=yesterday')).status).toBe(400)

    const facets = await json(owner.get('/api/v1/admin/audit/facets'))
    expect(facets.actors).toEqual(
      expect.arrayContaining([
        { actor: shopActor, name: 'Checkout (API key)' },
        { actor: saved.actor, name: 'owner@example.com' },
      ]),
    )
    expect(facets.actions).toEqual(expect.arrayContaining(['code.redeemed', 'code.revoked', 'site.saved', 'api-key.created']))
  })

  it('records a failed password login on an existing account, not on an unknown one', async () => {
    const t = await testApp()
    const owner = await loginAs(t.app, t.ctx)
    await post(t.app, '/session', { email: 'owner@example.com', password: 'wrong password' })
    await post(t.app, '/session', { email: 'nobody@example.com', password: 'wrong password' })
    const failed = (await json(owner.get('/api/v1/admin/audit?actor=anonymous'))).items
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ action: 'admin.login-failed', subjectName: 'owner@example.com', detail: { step: 'password' } })
    expect(await t.ctx.db.$count(auditLog)).toBeGreaterThan(0)
  })
})

describe('what needs attention', () => {
  it('counts held comments and held rewards per site, refused origins not yet allowed, and failed deliveries', async () => {
    const t = await testApp({ moderation: 'pre' })
    const owner = await loginAs(t.app, t.ctx)
    const { postJson, aComment, threadPath } = await import('../../../tests/helpers/test-app.ts')
    await postJson(t.app, threadPath('/a'), aComment())
    await postJson(t.app, threadPath('/a'), aComment())
    await postJson(t.app, threadPath('/a'), aComment(), { origin: 'https://preview.blog.example' })
    const first = await json(owner.get('/api/v1/admin/attention'))
    expect(first.sites).toEqual([
      { site: 'cpr', name: 'CPR Blog', heldComments: 2, heldRewards: 0, failedDeliveries: 0, refusedOrigins: ['https://preview.blog.example'] },
    ])
    expect(first.total).toBe(3)
    await t.ctx.db.update(rewards).set({ pendingReason: 'review' }).where(eq(rewards.id, 1))
    const at = t.clock().toISOString()
    await t.ctx.db.insert(outbox).values({
      siteId: 'cpr',
      channel: 'webhook',
      event: 'comment.created',
      target: '1',
      subject: 'comment:1',
      status: 'failed',
      nextAttemptAt: at,
      createdAt: at,
    })
    const mod = await loginAs(t.app, t.ctx, 'moderator')
    const second = await json(mod.get('/api/v1/admin/attention'))
    expect(second.sites[0]).toMatchObject({ heldComments: 2, heldRewards: 1, failedDeliveries: 1 })
    expect(second.total).toBe(5)
    // A week later the failure is history.
    t.clock.advance(8 * 86_400_000)
    const later = await loginAs(t.app, t.ctx, 'moderator')
    expect((await json(later.get('/api/v1/admin/attention'))).sites[0]).toMatchObject({ heldComments: 2, failedDeliveries: 0, refusedOrigins: [] })
  })
})
