/**
 * A Remark42 backup or export (`backup-<site>-<date>.gz`, the admin's
 * export): newline-delimited JSON, a meta line first ({version, users,
 * posts}: users carry the emails Remark42 knows), then one comment a line:
 * id, pid (parent, any depth), text (sanitized HTML), user {name, id, block},
 * locator {url}, time (RFC 3339 with nanoseconds and the server's offset),
 * delete, title. Remark42 has no spam or moderation states; a blocked user's
 * comments are left out.
 *
 * Read a line at a time; the meta's user→email list and the set of pages
 * seen are the only things kept.
 */

import { htmlToText } from './html-to-text.ts'
import { type Bytes, readLines } from './read-bytes.ts'
import { type ImportRecord, isoFromRfc3339 } from './records.ts'

interface Remark42Comment {
  id?: string
  pid?: string
  text?: string
  user?: { name?: string; id?: string; block?: boolean }
  locator?: { url?: string }
  time?: string
  delete?: boolean
  title?: string
}

export async function* parseRemark42(chunks: Bytes): AsyncGenerator<ImportRecord> {
  const emails = new Map<string, string>()
  const pages = new Set<string>()
  for await (const { text, line } of readLines(chunks)) {
    if (!text.trim()) continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      yield { kind: 'skip', key: null, parentKey: null, reason: 'invalid', line, detail: `not JSON: ${(error as Error).message}` }
      continue
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { kind: 'skip', key: null, parentKey: null, reason: 'invalid', line, detail: 'not a JSON object' }
      continue
    }
    if (line === 1 && !('id' in value)) {
      const meta = value as { users?: { id?: string; details?: { email?: string } }[] }
      for (const user of meta.users ?? []) if (user.id && user.details?.email) emails.set(user.id, user.details.email)
      continue
    }
    const c = value as Remark42Comment
    const key = c.id ? `remark42:${c.id}` : null
    const parentKey = c.pid ? `remark42:${c.pid}` : null
    const skip = (reason: 'invalid' | 'deleted' | 'blocked', detail?: string): ImportRecord => ({
      kind: 'skip',
      key,
      parentKey,
      reason,
      line,
      ...(detail && { detail }),
    })
    if (!key) {
      yield skip('invalid', 'the comment has no id')
      continue
    }
    if (c.delete) {
      yield skip('deleted')
      continue
    }
    if (c.user?.block) {
      yield skip('blocked')
      continue
    }
    const url = c.locator?.url ?? ''
    const createdAt = isoFromRfc3339(c.time ?? '')
    if (!url || !createdAt) {
      yield skip('invalid', url ? `time "${c.time}" is not a date` : 'the comment has no locator.url')
      continue
    }
    if (!pages.has(url)) {
      pages.add(url)
      yield { kind: 'thread', id: url, url, title: c.title || null, createdAt: null }
    }
    yield {
      kind: 'comment',
      key,
      parentKey,
      thread: url,
      authorName: c.user?.name ?? '',
      email: (c.user?.id && emails.get(c.user.id)) || '',
      author: c.user?.id ?? null,
      body: htmlToText(c.text ?? ''),
      status: 'published',
      createdAt,
      line,
    }
  }
}
