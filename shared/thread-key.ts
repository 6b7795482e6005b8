/**
 * One post, one thread key, however the post is spelled. Every place that
 * names a thread (the public API, the admin, the importers) goes through
 * canonicalThreadKey, so `/blog/post/`, `/blog/./post`, `//blog/post?utm=x#c`
 * and `https://blog.example/blog/post` are all `/blog/post`.
 *
 * The rules: a path only (scheme, host, query and fragment dropped, unless the
 * owner names a query parameter that identifies the post, as WordPress's `?p=12`);
 * dot segments and duplicate slashes resolved; percent-encoding normalized
 * (unreserved characters decoded, the rest upper-case, non-ASCII encoded as
 * UTF-8); a trailing `index.html` dropped; no trailing slash except for `/`.
 * Case is kept: paths are case-sensitive, and a server that ignores case names
 * its one spelling in `<link rel="canonical">`, which the page check follows.
 */
import { LIMITS } from './limits.ts'

const UNRESERVED = /[A-Za-z0-9\-._~]/

function normalizePercent(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16))
    return UNRESERVED.test(char) ? char : encoded.toUpperCase()
  })
}

export function canonicalThreadKey(raw: string, queryParam?: string | null): string {
  let input = raw.trim()
  let query = ''
  if (/^https?:\/\//i.test(input)) {
    try {
      const url = new URL(input)
      input = url.pathname
      query = url.search
    } catch {
      input = input.replace(/^https?:\/\/[^/]*/i, '')
    }
  } else {
    const hash = input.indexOf('#')
    if (hash >= 0) input = input.slice(0, hash)
    const q = input.indexOf('?')
    if (q >= 0) {
      query = input.slice(q)
      input = input.slice(0, q)
    }
  }
  // Backslashes are slashes to a browser; runs of slashes are one.
  const path = `/${input}`.replace(/\\/g, '/').replace(/\/{2,}/g, '/')
  let pathname = new URL(normalizePercent(path), 'http://inkind.invalid').pathname
  pathname = normalizePercent(pathname).replace(/\/index\.html?$/i, '/')
  if (pathname.length > 1) pathname = pathname.replace(/\/+$/, '') || '/'
  let key = pathname
  if (queryParam) {
    const value = new URLSearchParams(query).get(queryParam)
    if (value) key += `?${new URLSearchParams({ [queryParam]: value }).toString()}`
  }
  return key.slice(0, LIMITS.threadKey)
}
