/**
 * A reader named without their address: a keyed hash (HMAC with this
 * installation's own secret) of their site and normalized email. Whoever
 * lacks the secret cannot test a guessed address against it, and it outlives
 * an erasure: rate-limit counters are kept under it, the audit log names a
 * reader by it, and an erased reader's reward stays theirs under it, so
 * erasing one's data does not make one a new reader who earns again.
 */
import { createHmac } from 'node:crypto'
import type { Ctx } from '../context.ts'
import { instanceSecret } from '../instance/instance-secret.ts'

export async function readerPseudonym(ctx: Ctx, siteId: string, readerKey: string): Promise<string> {
  const secret = await instanceSecret(ctx, 'reader-key')
  return createHmac('sha256', secret).update(`${siteId}|${readerKey}`).digest('base64url').slice(0, 22)
}

/** How the audit log names a reader. */
export const readerSubject = (pseudonym: string) => `reader:${pseudonym}`

/** The reader key an erased reader's rows keep. */
export const erasedReaderKey = (pseudonym: string) => `erased:${pseudonym}`
