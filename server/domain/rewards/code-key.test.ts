import { describe, expect, it } from 'vitest'
import { codeKey } from './code-key.ts'

describe('codeKey: a code as a customer types it', () => {
  it.each([
    ['THANKS-7K3M9QX2BD4A', 'THANKS7K3M9QX2BD4A'],
    ['thanks-7k3m 9qx2 bd4a', 'THANKS7K3M9QX2BD4A'],
    ['  cpr -- 0a1b  ', 'CPR0A1B'],
    ['CPR-OAIB', 'CPR0A1B'],
    ['cpr-oalb', 'CPR0A1B'],
    ['GOLD-LION', 'G01D110N'],
    ['o0 iIlL1', '0011111'],
  ])('%s → %s', (typed, key) => {
    expect(codeKey(typed)).toBe(key)
  })

  it('folds nothing else: U, S, Z, B stay themselves', () => {
    expect(codeKey('USZB-usz8')).toBe('USZBUSZ8')
  })
})
