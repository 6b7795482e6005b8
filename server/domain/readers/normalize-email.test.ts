import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeEmail } from './normalize-email.ts'

describe('normalizeEmail', () => {
  it.each([
    ['Ann.Lee+blog@Gmail.com', 'annlee@gmail.com'],
    ['  ann.lee@googlemail.com ', 'annlee@gmail.com'],
    ['a.n.n.l.e.e+x+y@gmail.com', 'annlee@gmail.com'],
    ['Ann.Lee+news@Example.COM', 'ann.lee@example.com'],
    ['ann@example.com.', 'ann@example.com'],
    ['+only@example.com', '+only@example.com'],
    // One mailbox, several domains.
    ['x@me.com', 'x@icloud.com'],
    ['x@mac.com', 'x@icloud.com'],
    ['x@pm.me', 'x@proton.me'],
    ['x@protonmail.ch', 'x@proton.me'],
    ['x@ya.ru', 'x@yandex.ru'],
    ['x@yandex.kz', 'x@yandex.ru'],
    // Yahoo's disposable addresses, Fastmail's subdomain addressing.
    ['ann-shop1@yahoo.com', 'ann@yahoo.com'],
    ['ann-shop1@yahoo.co.uk', 'ann@yahoo.co.uk'],
    ['ann@yahoo.com', 'ann@yahoo.com'],
    ['-ann@yahoo.com', '-ann@yahoo.com'],
    ['shop7@ann.fastmail.com', 'ann@fastmail.com'],
    ['ann@fastmail.fm', 'ann@fastmail.com'],
    // Hyphens elsewhere are part of the mailbox.
    ['ann-lee@example.com', 'ann-lee@example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected)
  })

  const local = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/)
  const domain = fc.constantFrom('example.com', 'gmail.com', 'googlemail.com', 'mail.co.uk')
  const email = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`)

  it('is idempotent', () => {
    fc.assert(fc.property(email, (e) => normalizeEmail(normalizeEmail(e)) === normalizeEmail(e)))
  })

  it('ignores case, surrounding space and any +tag', () => {
    fc.assert(
      fc.property(email, fc.stringMatching(/^[a-z0-9]{0,8}$/), (e, tag) => {
        const [l, d] = e.split('@')
        const variant = `  ${l!.toUpperCase()}+${tag}@${d!.toUpperCase()} `
        return normalizeEmail(variant) === normalizeEmail(e)
      }),
    )
  })

  it('keeps different non-Gmail mailboxes apart', () => {
    fc.assert(
      fc.property(local, local, (a, b) => {
        fc.pre(a !== b && !a.includes('+') && !b.includes('+'))
        return normalizeEmail(`${a}@example.com`) !== normalizeEmail(`${b}@example.com`)
      }),
    )
  })
})
