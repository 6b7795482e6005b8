/**
 * A per-process micro-cache of public list answers, the read a viral post
 * multiplies. An entry lives LIST_TTL_MS; a write through this process (a new
 * comment, a moderation) drops its thread's entries at once, so a reader sees
 * their own comment on the next read. Another process's write shows within
 * the TTL, well inside the s-maxage that shared caches are already allowed.
 */
export const LIST_TTL_MS = 1000
const MAX_THREADS = 5000

interface Entry {
  status: 200 | 404
  etag: string | null
  body: string
  until: number
}

export class ListCache {
  private threads = new Map<string, Map<string, Entry>>()

  private static thread(siteId: string, key: string) {
    return `${siteId}\n${key}`
  }

  get(siteId: string, key: string, page: string): Entry | undefined {
    const entry = this.threads.get(ListCache.thread(siteId, key))?.get(page)
    return entry && entry.until > Date.now() ? entry : undefined
  }

  set(siteId: string, key: string, page: string, entry: Omit<Entry, 'until'>) {
    const id = ListCache.thread(siteId, key)
    let pages = this.threads.get(id)
    if (!pages) {
      // Bounded: past the limit the oldest threads go first (Map keeps insertion order).
      if (this.threads.size >= MAX_THREADS) this.threads.delete(this.threads.keys().next().value!)
      this.threads.set(id, (pages = new Map()))
    }
    pages.set(page, { ...entry, until: Date.now() + LIST_TTL_MS })
  }

  forget(siteId: string, key: string) {
    this.threads.delete(ListCache.thread(siteId, key))
  }
}
