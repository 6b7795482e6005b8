import { describe, expect, it } from 'vitest'
import { emailDomain, isCommonProvider } from './email-domain.ts'

describe('emailDomain', () => {
  it('is the registrable domain, so subdomains count as their owner', () => {
    expect(emailDomain('ann@sub.example.com')).toBe('example.com')
    expect(emailDomain('ann@deep.sub.shop.co.uk')).toBe('shop.co.uk')
    expect(emailDomain('Ann@GMAIL.com.')).toBe('gmail.com')
    // Free subdomains of a dynamic-DNS service are one domain, not a thousand.
    expect(emailDomain('a@one.duckdns.org')).toBe('duckdns.org')
    expect(emailDomain('a@two.dynv6.net')).toBe('dynv6.net')
  })

  it('tells common providers from rare and reserved domains', () => {
    expect(isCommonProvider('gmail.com')).toBe(true)
    expect(isCommonProvider('outlook.com')).toBe(true)
    expect(isCommonProvider('fastmail.com')).toBe(true)
    expect(isCommonProvider('googlemail.com')).toBe(true)
    expect(isCommonProvider('web.de')).toBe(true)
    expect(isCommonProvider('example.com')).toBe(false)
    expect(isCommonProvider('googlemail.co')).toBe(false)
    expect(isCommonProvider('northwind-farm.biz')).toBe(false)
  })
})
