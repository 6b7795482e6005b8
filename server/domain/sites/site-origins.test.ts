import { describe, expect, it } from 'vitest'
import { isSiteOrigin } from './site-origins.ts'

describe('isSiteOrigin', () => {
  const origins = ['https://blog.example.com', 'https://*.example.org', 'http://localhost:4000']
  it('takes exact origins and any subdomain of a wildcard entry', () => {
    expect(isSiteOrigin(origins, 'https://blog.example.com')).toBe(true)
    expect(isSiteOrigin(origins, 'https://www.example.org')).toBe(true)
    expect(isSiteOrigin(origins, 'https://a.b.example.org')).toBe(true)
    expect(isSiteOrigin(origins, 'http://localhost:4000')).toBe(true)
  })
  it('refuses the bare domain, another scheme or port, and look-alikes', () => {
    expect(isSiteOrigin(origins, 'https://example.org')).toBe(false)
    expect(isSiteOrigin(origins, 'http://www.example.org')).toBe(false)
    expect(isSiteOrigin(origins, 'https://www.example.org:8443')).toBe(false)
    expect(isSiteOrigin(origins, 'https://evilexample.org')).toBe(false)
    expect(isSiteOrigin(origins, 'https://www.example.org.evil.com')).toBe(false)
    expect(isSiteOrigin(origins, 'http://localhost:4001')).toBe(false)
    expect(isSiteOrigin(origins, 'not an origin')).toBe(false)
  })
})
