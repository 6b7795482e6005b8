import { randomBytes } from 'node:crypto'

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 12 symbols of 5 bits: 60 bits from the OS's CSPRNG, so codes cannot be guessed or enumerated. */
export const CODE_SYMBOLS = 12

export function generateCode(prefix = ''): string {
  const bytes = randomBytes(8)
  let bits = bytes.readBigUInt64BE()
  let code = ''
  for (let i = 0; i < CODE_SYMBOLS; i++) {
    code += ALPHABET[Number(bits & 31n)]
    bits >>= 5n
  }
  return prefix + code
}
