import { describe, expect, it } from 'vitest'
import { isPrivateLiteral, isPublicAddress, publicLookup, urlHost } from './public-address.ts'

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, ULA, metadata and embedded private IPv4', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:a00:1::1',
      '224.0.0.1',
      '255.255.255.255',
      'not an ip',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false)
    }
  })

  it('takes public unicast addresses', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2001:4860:4860::8888', '::ffff:93.184.216.34']) expect(isPublicAddress(ip), ip).toBe(true)
  })

  it('sees through the numeric spellings of 127.0.0.1 in a URL', () => {
    for (const url of [
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://0177.0.0.1/',
      'http://[::1]/',
      'http://localhost./',
      'http://LOCALHOST/',
    ]) {
      const host = urlHost(new URL(url)).replace(/\.$/, '')
      expect(isPrivateLiteral(host), url).toBe(true)
    }
    expect(isPrivateLiteral('hooks.example.com')).toBe(false)
  })
})

describe('publicLookup', () => {
  it('refuses a name that resolves to a private address, before any connection', async () => {
    const error = await new Promise((resolve) => publicLookup('localhost', {}, (e) => resolve(e)))
    expect(error).toMatchObject({ name: 'PrivateAddressError' })
  })
})
