/**
 * Fetches a blog page for the post check: a short timeout, redirects followed
 * only within the same origin, a cap on the bytes read. A name must resolve to
 * public addresses; an origin the owner wrote as a private address or
 * localhost (a blog on this machine, a local preview) is taken at its word.
 */

import { guardedFetch } from './guarded-fetch.ts'
import { isPrivateLiteral, urlHost } from './public-address.ts'

export interface FetchedPage {
  status: number
  /** Where the page was found, after same-origin redirects. */
  url: string
  html: string
}
export type PageFetcher = (url: string) => Promise<FetchedPage>

export const PAGE_LIMITS = { timeoutMs: 5000, maxBytes: 1024 * 1024, redirects: 3 }

export function pageFetcher(limits = PAGE_LIMITS): PageFetcher {
  const publicOnly = guardedFetch({ allowPrivate: false })
  const local = guardedFetch({ allowPrivate: true })
  return async (start) => {
    let url = new URL(start)
    const fetcher = isPrivateLiteral(urlHost(url).replace(/\.$/, '').toLowerCase()) ? local : publicOnly
    const signal = AbortSignal.timeout(limits.timeoutMs)
    for (let hop = 0; ; hop++) {
      const res = await fetcher(url.href, { headers: { accept: 'text/html', 'user-agent': 'Inkind-PostCheck/1' }, signal })
      const location = res.headers.get('location')
      if (res.status >= 300 && res.status < 400 && location && hop < limits.redirects) {
        await res.body?.cancel()
        const next = new URL(location, url)
        if (next.origin !== url.origin) return { status: res.status, url: url.href, html: '' }
        url = next
        continue
      }
      if (!/text\/html|application\/xhtml/i.test(res.headers.get('content-type') ?? '')) {
        await res.body?.cancel()
        return { status: res.status, url: url.href, html: '' }
      }
      return { status: res.status, url: url.href, html: await readCapped(res, limits.maxBytes) }
    }
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const decoder = new TextDecoder()
  let html = ''
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    html += decoder.decode(value, { stream: true })
    if (bytes >= maxBytes) {
      await reader.cancel()
      break
    }
  }
  return html
}
