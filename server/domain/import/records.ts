/**
 * What every source parser turns its file into: one stream of records, in the
 * file's order, that one writer (import-comments.ts) stores. A thread is named
 * by the source's own id; a comment names its thread by that id and its parent
 * by the parent's import key, which may come later in the file or never.
 */
import type { ExportPoolCode, ExportReward } from '../../../shared/moving.ts'
import type { AdminSite } from '../../../shared/site.ts'
import type { CommentStatus, SkipReason, ThreadSource } from '../../../shared/values.ts'

export interface ThreadRecord {
  kind: 'thread'
  /** The source's id for the thread (Disqus's dsq:id, a WordPress post's link, Isso's thread id, …). */
  id: string
  /** The page's address or path as the source has it; made into a thread key by the writer. */
  url: string
  /** Already an Inkind thread key (an Inkind export): kept as it is unless an address map rewrites it. */
  isKey?: boolean
  /** The page's address to keep with the thread; by default `url` when it is an absolute http(s) address. */
  link?: string | null
  title: string | null
  /** UTC ISO; null: the thread's first imported comment's date. */
  createdAt: string | null
  /** Deleted at the source: its comments are skipped. */
  deleted?: boolean
  /** Created even without a comment (an Inkind export restores every post the owner listed). */
  keep?: boolean
  source?: ThreadSource | null
}

export interface CommentRecord {
  kind: 'comment'
  /** `<source>:<the source's id>`: what makes a second import of the same file add nothing. */
  key: string
  parentKey: string | null
  /** The ThreadRecord id. */
  thread: string
  authorName: string
  /** As typed at the source; '' when it had none. */
  email: string
  /** The source's id for the author (a username, a user id), for a reader key when there is no email. */
  author: string | null
  /** Plain text with the widget's links and emphasis, never HTML: parsers convert. */
  body: string
  status: CommentStatus
  flag?: string | null
  /** UTC ISO with milliseconds. */
  createdAt: string
  /** The source gave a local time whose offset had to be guessed. */
  guessedDate?: boolean
  /** Only from an Inkind export: the reader key as it was (readers without an email keep theirs). */
  readerKey?: string
  /** Where in the file: a line, or a row id; for the report. */
  line: number | null
}

/** A record the source had and the import leaves out; its replies move up to its parent. */
export interface SkipRecord {
  kind: 'skip'
  key: string | null
  parentKey: string | null
  reason: SkipReason
  line: number | null
  detail?: string
}

/** An Inkind export's header: the site's settings, used when the site does not exist yet. */
export interface SiteRecord {
  kind: 'site'
  site: AdminSite
}

export interface RewardRecord {
  kind: 'reward'
  reward: ExportReward
  line: number
}

export interface PoolCodeRecord {
  kind: 'pool-code'
  code: ExportPoolCode
}

export type ImportRecord = ThreadRecord | CommentRecord | SkipRecord | SiteRecord | RewardRecord | PoolCodeRecord

/** A comment's source date as UTC ISO with milliseconds, or null when it is not a date. */
export function utcIso(value: string | number | Date): string | null {
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/**
 * An RFC 3339 time with any fraction (Remark42 writes nanoseconds) and an
 * offset, or none (then UTC, as Disqus's own example has it), as UTC ISO.
 */
export function isoFromRfc3339(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim())
  if (!m) return null
  const ms = (m[3] ?? '').padEnd(3, '0').slice(0, 3)
  const zone = !m[4] || m[4].toUpperCase() === 'Z' ? 'Z' : m[4].includes(':') ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`
  return utcIso(`${m[1]}T${m[2]}.${ms}${zone}`)
}
