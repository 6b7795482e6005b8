/**
 * Each login limit on its own (README, "Against abuse"): per account+network,
 * per network, per account, and a known browser's own allowance (its device
 * cookie). Each test reaches exactly one limit and stays under the others, so
 * taking any one limiter out fails its test. Numbers: TEST_LOGIN_LIMITS.
 */
import { describe, expect, it } from 'vitest'
import { PASSWORD } from '../../../tests/helpers/admin.ts'
import { TEST_LOGIN_LIMITS as L, limitsOnClock, PUBLIC_URL, testApp } from '../../../tests/helpers/test-app.ts'
import { saveAdminUser } from '../../domain/admin/save-admin-user.ts'

const OWNER = 'owner@example.com'
const MODERATOR = 'moderator@example.com'

async function accounts() {
  const t = await testApp()
  await saveAdminUser(t.ctx, { email: OWNER, password: PASSWORD, role: 'owner' })
  await saveAdminUser(t.ctx, { email: MODERATOR, password: PASSWORD, role: 'moderator' })
  const login = (email: string, password: string, ip: string, device?: string) =>
    t.app.request('/api/v1/admin/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC_URL, 'x-forwarded-for': ip, ...(device && { cookie: device }) },
      body: JSON.stringify({ email, password }),
    })
  const status = async (email: string, password: string, ip: string, device?: string) => (await login(email, password, ip, device)).status
  return { ...t, login, status }
}

const deviceCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('inkind_device='))!
    .split(';')[0]!

describe('login limits, each on its own', () => {
  it('per account and network: the right password waits after 3 failures from there, while that network and that account work elsewhere', async () => {
    const { status } = await accounts()
    for (let i = 0; i < L.perAccountAndIp; i++) expect(await status(OWNER, `wrong ${i}`, '203.0.113.1')).toBe(401)
    expect(await status(OWNER, PASSWORD, '203.0.113.1')).toBe(429)
    // Neither the network's nor the account's own limit is near.
    expect(await status(MODERATOR, PASSWORD, '203.0.113.1')).toBe(200)
    expect(await status(OWNER, PASSWORD, '198.51.100.1')).toBe(200)
  })

  it('per network: one network trying many accounts once each is stopped at 10 attempts', async () => {
    const { status } = await accounts()
    // Ten made-up accounts, one attempt each: no pair and no account comes near its own limit.
    for (let i = 0; i < L.perIp; i++) expect(await status(`nobody${i}@example.com`, 'guess guess guess', '203.0.113.2')).toBe(401)
    expect(await status(OWNER, PASSWORD, '203.0.113.2')).toBe(429)
    expect(await status(OWNER, PASSWORD, '198.51.100.2')).toBe(200)
  })

  it('per account: one account tried from many networks once each is stopped at 20 attempts', async () => {
    const { status } = await accounts()
    // Twenty networks, one guess each: no pair and no network comes near its own limit.
    for (let i = 0; i < L.perAccount; i++) expect(await status(OWNER, 'not it at all', `203.0.113.${100 + i}`)).toBe(401)
    expect(await status(OWNER, PASSWORD, '198.51.100.3')).toBe(429)
    // Another account from the same fresh network is not held.
    expect(await status(MODERATOR, PASSWORD, '198.51.100.3')).toBe(200)
  })

  it('per device: a known browser has its own allowance of 5, and strangers’ failures never spend it', async () => {
    const { login, status } = await accounts()
    const device = deviceCookie(await login(OWNER, PASSWORD, '198.51.100.4'))
    // Strangers spend the account's whole allowance…
    for (let i = 0; i < L.perAccount; i++) expect(await status(OWNER, 'not it at all', `203.0.113.${100 + i}`)).toBe(401)
    expect(await status(OWNER, PASSWORD, '198.51.100.5')).toBe(429)
    // …the owner's browser still gets in, from anywhere.
    expect(await status(OWNER, PASSWORD, '192.0.2.50', device)).toBe(200)
    // Its own failures are counted: 5, then it waits too.
    for (let i = 0; i < L.perDevice; i++) expect(await status(OWNER, `typo ${i}`, '192.0.2.51', device)).toBe(401)
    expect(await status(OWNER, PASSWORD, '192.0.2.51', device)).toBe(429)
    // Another account's browser cookie, or a forged one, is a stranger's.
    const forged = device.replace(/\.[^.]+$/, '.AAAA')
    expect(await status(OWNER, PASSWORD, '192.0.2.52', forged)).toBe(429)
  })

  it('a success takes back its own attempt and clears its pair’s failures', async () => {
    const { status } = await accounts()
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < L.perAccountAndIp - 1; i++) expect(await status(OWNER, `wrong ${i}`, '203.0.113.3')).toBe(401)
      expect(await status(OWNER, PASSWORD, '203.0.113.3')).toBe(200)
    }
  })

  it('every limit lasts its window, then lets the right password in again', async () => {
    const { status, login, clock } = await accounts()
    const advance = limitsOnClock(clock)
    const device = deviceCookie(await login(OWNER, PASSWORD, '198.51.100.6'))
    for (let i = 0; i < L.perDevice; i++) await status(OWNER, `typo ${i}`, '192.0.2.60', device)
    for (let i = 0; i < L.perAccount; i++) await status(OWNER, 'not it at all', `203.0.113.${100 + i}`)
    for (let i = 0; i < L.perIp; i++) await status(`nobody${i}@example.com`, 'guess guess guess', '203.0.113.7')
    const held = await login(OWNER, PASSWORD, '203.0.113.7')
    expect(held.status).toBe(429)
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(L.windowSeconds - 60)
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(L.windowSeconds)
    advance(L.windowSeconds * 1000 - 1000)
    expect(await status(OWNER, PASSWORD, '203.0.113.7')).toBe(429)
    expect(await status(OWNER, PASSWORD, '192.0.2.60', device)).toBe(429)
    advance(1001)
    expect(await status(OWNER, PASSWORD, '203.0.113.7')).toBe(200)
    expect(await status(OWNER, PASSWORD, '192.0.2.60', device)).toBe(200)
  })
})
