/**
 * A per-process micro-cache of public list answers, the read a viral post
 * multiplies. An entry lives LIST_TTL_MS; a write through this process (a new
 * comment, a moderation) makes its thread's entries unreachable at once, so a
 * reader sees their own comment on the next read. Another process's write
 * shows within the TTL, well inside the s-maxage that shared caches are
 * already allowed.
 *
 * Bounded in entries and bytes whatever the requests (lru-cache with
 * maxSize): a flood of distinct cursors or threads evicts, never grows. Only
 * pages of threads that exist are cached, and no empty page past the end: a
 * post nobody commented on, or a made-up cursor, is one indexed lookup away
 * and needs no entry.
 */
import { LRUCache } from 'lru-cache'

export const LIST_TTL_MS = 1000

export interface ListEntry {
  etag: string
  body: string
}

export interface ListCacheLimits {
  /** Bytes of answer bodies kept at most. */
  maxBytes: number
  maxEntries: number
}

export const LIST_CACHE_LIMITS: ListCacheLimits = { maxBytes: 8 * 1024 * 1024, maxEntries: 5000 }

export class ListCache {
  private readonly pages: LRUCache<string, ListEntry>
  /** A thread's generation: bumped by a local write, so its older pages are never served again. */
  private readonly generations: LRUCache<string, number>
  private generation = 0

  constructor(limits: ListCacheLimits = LIST_CACHE_LIMITS) {
    this.pages = new LRUCache({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (e, key) => e.body.length + e.etag.length + key.length + 64,
      ttl: LIST_TTL_MS,
      ttlAutopurge: false,
    })
    this.generations = new LRUCache({ max: limits.maxEntries, ttl: LIST_TTL_MS * 2 })
  }

  private key(siteId: string, threadKey: string, page: string) {
    const thread = `${siteId}\n${threadKey}`
    return `${thread}\n${this.generations.get(thread) ?? 0}\n${page}`
  }

  get(siteId: string, threadKey: string, page: string): ListEntry | undefined {
    return this.pages.get(this.key(siteId, threadKey, page))
  }

  set(siteId: string, threadKey: string, page: string, entry: ListEntry) {
    this.pages.set(this.key(siteId, threadKey, page), entry)
  }

  forget(siteId: string, threadKey: string) {
    this.generations.set(`${siteId}\n${threadKey}`, ++this.generation)
  }

  /** For tests and metrics: what the cache holds now. */
  get stats() {
    return { entries: this.pages.size, bytes: this.pages.calculatedSize }
  }
}
