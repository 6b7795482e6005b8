/**
 * Two-factor login against the real server over HTTP, as `npm start` runs it:
 * the owner turns it on, and logs in with a TOTP code this test computes with
 * otpauth, as an authenticator app would.
 */
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminSession, OWNER, type RunningServer, startServer } from './helpers/server.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startServer(OWNER)
}, 60_000)
afterAll(() => server?.stop())

const login = (body: unknown, path = '/session') =>
  fetch(`${server.url}/api/v1/admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  })

/**
 * The app's code for the next 30-second step: a code is accepted once, and the
 * one that confirmed the setup may be the current one. The server accepts the
 * step before and after its own (a phone's clock a little off).
 */
const nextCode = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + 30_000 })

describe('two-factor login over HTTP', () => {
  it('the owner turns it on and logs in with a code from the app', async () => {
    const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
    const setup = await admin<{ secret: string; uri: string }>('POST', '/me/two-factor')
    expect(setup.uri).toContain(`secret=${setup.secret}`)
    const { recoveryCodes } = await admin<{ recoveryCodes: string[] }>('POST', '/me/two-factor/confirm', {
      code: TOTP.generate({ secret: Secret.fromBase32(setup.secret) }),
    })
    expect(recoveryCodes).toHaveLength(10)

    const first = await login({ email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD })
    expect(first.status).toBe(200)
    expect(first.headers.get('set-cookie') ?? '').not.toContain('inkind_session=')
    const { twoFactor, challenge } = (await first.json()) as { twoFactor: boolean; challenge: string }
    expect(twoFactor).toBe(true)

    const wrong = await login({ challenge, code: '000000' }, '/session/two-factor')
    expect(wrong.status).toBe(401)

    const ok = await login({ challenge, code: nextCode(setup.secret) }, '/session/two-factor')
    expect(ok.status).toBe(200)
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!
    expect(cookie).toMatch(/^inkind_session=/)
    const who = (await (await fetch(`${server.url}/api/v1/admin/session`, { headers: { cookie } })).json()) as { user: { twoFactor: boolean } }
    expect(who.user.twoFactor).toBe(true)
    expect((await fetch(`${server.url}/api/v1/admin/codes`, { headers: { cookie } })).status).toBe(200)

    // A recovery code works once.
    const again = (await (await login({ email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD })).json()) as { challenge: string }
    expect((await login({ challenge: again.challenge, code: recoveryCodes[0] }, '/session/two-factor')).status).toBe(200)
    expect((await login({ challenge: again.challenge, code: recoveryCodes[0] }, '/session/two-factor')).status).toBe(401)
  })
})
