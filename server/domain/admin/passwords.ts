import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { MIN_ADMIN_PASSWORD } from '../../../shared/limits.ts'

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A one-time password for the first start: 120 bits, easy to copy. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url')
}

export const MIN_PASSWORD = MIN_ADMIN_PASSWORD
