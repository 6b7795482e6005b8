import { describe, expect, it } from 'vitest'
import { clientNetwork, networkKey, wideNetwork } from './client-network.ts'

describe('clientNetwork', () => {
  it('is the address for IPv4 and the /64 for IPv6', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7')
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(clientNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
    expect(clientNetwork('2001:db8:1:2::1')).toBe(clientNetwork('2001:0db8:0001:0002:ffff::9'))
    expect(clientNetwork('2001:db8:1:3::1')).not.toBe(clientNetwork('2001:db8:1:2::1'))
    expect(clientNetwork('[2001:db8::1]')).toBe('2001:db8::/64')
  })

  it('widens to the IPv4 /24 and the IPv6 /48', () => {
    expect(wideNetwork('203.0.113.7')).toBe('203.0.113.0/24')
    expect(wideNetwork('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1::/48')
    expect(wideNetwork('2001:db8:1:ff00::1')).toBe(wideNetwork('2001:db8:1:2::1'))
    expect(wideNetwork('::ffff:203.0.113.7')).toBe('203.0.113.0/24')
  })

  it('keeps something countable for what is not an address, cut to 64 characters', () => {
    expect(clientNetwork('unknown')).toBe('unknown')
    expect(clientNetwork('x'.repeat(100))).toBe('x'.repeat(64))
    expect(wideNetwork('y'.repeat(100))).toBe('y'.repeat(64))
  })

  it('drops an IPv6 zone id: one interface’s scope is not another client', () => {
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80::/64')
    expect(wideNetwork('fe80::1%eth0')).toBe('fe80::/48')
  })

  it('hashes a network with the installation key', () => {
    expect(networkKey('a', '203.0.113.7')).toBe(networkKey('a', '203.0.113.7'))
    expect(networkKey('a', '203.0.113.7')).not.toBe(networkKey('b', '203.0.113.7'))
    expect(networkKey('a', '203.0.113.7')).not.toContain('203')
    expect(networkKey('a', '203.0.113.7')).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })
})
