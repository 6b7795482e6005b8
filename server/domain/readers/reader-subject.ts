import { createHash } from 'node:crypto'

/**
 * How the audit log names a reader: a hash of their key, never the address,
 * so deleting a reader's data leaves no email behind in the log.
 */
export const readerSubject = (readerKey: string) => `reader:${createHash('sha256').update(readerKey).digest('hex').slice(0, 16)}`
