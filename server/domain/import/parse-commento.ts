/**
 * A Commento export (Dashboard → Export; `<domain>-<unix time>.json.gz`): one
 * JSON document {version: 1, comments, commenters}. A comment has commentHex,
 * url (the page path), commenterHex (or "anonymous"), markdown, parentHex
 * ("root" for top-level), state (approved, unapproved, flagged) and
 * creationDate. Commento's exporter rewrites deleted comments to markdown
 * "[deleted]" by "anonymous" (its `deleted` column is never exported), lists
 * commenters once per comment, and orders nothing.
 *
 * One document: read whole, so it is refused past MAX_COMMENTO_BYTES
 * unpacked (Commento sites are small; a bigger one can be split).
 */
import { DomainError } from '../errors.ts'
import { type Bytes, readText } from './read-bytes.ts'
import { type ImportRecord, isoFromRfc3339 } from './records.ts'

export const MAX_COMMENTO_BYTES = 64 * 1024 * 1024

interface CommentoExport {
  version?: number
  comments?: {
    commentHex?: string
    url?: string
    commenterHex?: string
    markdown?: string
    parentHex?: string
    state?: string
    creationDate?: string
    deleted?: boolean
  }[]
  commenters?: { commenterHex?: string; email?: string; name?: string }[]
}

export async function* parseCommento(chunks: Bytes): AsyncGenerator<ImportRecord> {
  let doc: CommentoExport
  try {
    doc = JSON.parse(await readText(chunks, MAX_COMMENTO_BYTES))
  } catch (error) {
    if (error instanceof DomainError) throw error
    throw new DomainError('invalid_input', `This is not a Commento export: ${(error as Error).message}`, { file: 'format' })
  }
  if (doc?.version !== 1 || !Array.isArray(doc.comments)) {
    throw new DomainError('invalid_input', 'This is not a Commento export (version 1, with comments).', { file: 'format' })
  }
  const people = new Map((doc.commenters ?? []).map((p) => [p.commenterHex, p]))
  // Oldest first, as the thread will show them; the position in the file is the "line" a problem names.
  const comments = doc.comments.map((c, i) => ({ c, i, at: Date.parse(c.creationDate ?? '') })).sort((a, b) => a.at - b.at || a.i - b.i)
  doc.comments = []
  const pages = new Set<string>()
  for (const { c, i } of comments) {
    const key = c.commentHex ? `commento:${c.commentHex}` : null
    const parentKey = c.parentHex && c.parentHex !== 'root' ? `commento:${c.parentHex}` : null
    const base = { key, parentKey, line: i + 1 }
    if (!key) {
      yield { kind: 'skip', ...base, reason: 'invalid', detail: 'the comment has no commentHex' }
      continue
    }
    if (c.deleted || (c.markdown === '[deleted]' && c.commenterHex === 'anonymous')) {
      yield { kind: 'skip', ...base, reason: 'deleted' }
      continue
    }
    if (c.state === 'flagged') {
      yield { kind: 'skip', ...base, reason: 'spam' }
      continue
    }
    const createdAt = isoFromRfc3339(c.creationDate ?? '')
    if (!c.url || !createdAt) {
      yield { kind: 'skip', ...base, reason: 'invalid', detail: c.url ? `creationDate "${c.creationDate}" is not a date` : 'the comment has no url' }
      continue
    }
    if (!pages.has(c.url)) {
      pages.add(c.url)
      yield { kind: 'thread', id: c.url, url: c.url, title: null, createdAt: null }
    }
    const person = c.commenterHex === 'anonymous' ? undefined : people.get(c.commenterHex)
    yield {
      kind: 'comment',
      key,
      parentKey,
      thread: c.url,
      authorName: person?.name ?? '',
      email: person?.email ?? '',
      author: c.commenterHex ?? null,
      body: c.markdown ?? '',
      status: c.state === 'approved' ? 'published' : 'pending',
      createdAt,
      line: i + 1,
    }
  }
}
