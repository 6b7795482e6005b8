import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientIp, withoutPort } from './client-ip.ts'

describe('clientIp', () => {
  const app = (trust: number) => new Hono().get('/', (c) => c.text(clientIp(c, trust)))
  const ip = async (trust: number, xff?: string) => (await app(trust).request('/', { headers: xff ? { 'x-forwarded-for': xff } : {} })).text()

  it('believes no header without a proxy of ours', async () => {
    expect(await ip(0, '203.0.113.9')).toBe('unknown')
  })

  it('takes the entry our outermost proxy appended, n from the right', async () => {
    expect(await ip(1, '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9')
    expect(await ip(2, '6.6.6.6, 203.0.113.9, 198.51.100.1')).toBe('203.0.113.9')
    expect(await ip(2, '198.51.100.1')).toBe('unknown')
  })

  it('drops a port', async () => {
    expect(await ip(1, '203.0.113.77:40000')).toBe('203.0.113.77')
    expect(await ip(1, '[2001:db8:99::1]:40001')).toBe('2001:db8:99::1')
    expect(withoutPort('2001:db8::1')).toBe('2001:db8::1')
    expect(withoutPort('[2001:db8::1]')).toBe('2001:db8::1')
  })
})
