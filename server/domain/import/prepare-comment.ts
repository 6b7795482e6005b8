/**
 * An imported comment made into what Inkind stores for any reader's: a clean
 * one-line name (Anonymous when there is none), the email as typed and its
 * normalized reader key, a clean body within the size readers get.
 */
import { z } from 'zod'
import { LIMITS } from '../../../shared/limits.ts'
import { cleanBody, cleanLine } from '../../../shared/text.ts'
import type { ImportSource } from '../../../shared/values.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import type { CommentRecord } from './records.ts'

const Email = z.email()

export interface PreparedComment {
  authorName: string
  email: string
  readerKey: string
  body: string
  truncated: boolean
}

/**
 * A comment without a usable email still needs a reader key: `import:<source>:<the
 * source's author id>`. It has no `@`, and every reader key of a comment posted
 * here is a normalized valid address, so it is nobody's; it is never shown, and it
 * never earns a reward (nothing can be sent to it).
 */
export function placeholderReaderKey(source: ImportSource, author: string): string {
  return `import:${source}:${author}`.slice(0, 300)
}

export function prepareComment(source: ImportSource, rec: CommentRecord): PreparedComment | null {
  const authorName = cleanLine(rec.authorName).slice(0, LIMITS.authorName).trim() || 'Anonymous'
  const typed = rec.email.trim()
  const email = typed.length <= LIMITS.email && Email.safeParse(typed).success ? typed : ''
  const kept = rec.readerKey && !rec.readerKey.includes('@') ? rec.readerKey : null
  const readerKey = email ? normalizeEmail(email) : (kept ?? placeholderReaderKey(source, rec.author || authorName))
  const body = cleanBody(rec.body)
  if (!body) return null
  if (body.length <= LIMITS.body) return { authorName, email, readerKey, body, truncated: false }
  return { authorName, email, readerKey, body: truncate(body, LIMITS.body), truncated: true }
}

/** Cut at a word within the limit, marked with "…" so nobody takes it for the whole comment. */
export function truncate(text: string, max: number): string {
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')
  const space = cut.search(/\s\S*$/)
  const head = space > max - 200 ? cut.slice(0, space) : cut
  return `${head.trimEnd()}…`
}
