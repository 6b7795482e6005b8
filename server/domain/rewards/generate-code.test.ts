import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CODE_SYMBOLS, generateCode } from './generate-code.ts'

describe('generateCode', () => {
  it('has at least 50 bits of entropy in Crockford base32, after the prefix', () => {
    expect(CODE_SYMBOLS * 5).toBeGreaterThanOrEqual(50)
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9-]{0,12}$/), (prefix) => {
        const code = generateCode(prefix)
        return code.startsWith(prefix) && /^[0-9A-HJKMNP-TV-Z]{12}$/.test(code.slice(prefix.length))
      }),
    )
  })

  it('uses every symbol about equally and repeats no code in 100,000', () => {
    const counts = new Map<string, number>()
    const seen = new Set<string>()
    for (let i = 0; i < 100_000; i++) {
      const code = generateCode()
      seen.add(code)
      for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1)
    }
    expect(seen.size).toBe(100_000)
    expect(counts.size).toBe(32)
    const expected = (100_000 * CODE_SYMBOLS) / 32
    for (const c of counts.values()) expect(Math.abs(c - expected) / expected).toBeLessThan(0.05)
  })
})
