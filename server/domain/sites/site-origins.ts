/**
 * Whether a browser's origin is one of a site's allowed origins. An entry may
 * name every subdomain of a domain: `https://*.example.com` allows
 * `https://www.example.com` and `https://preview.blog.example.com` (same
 * scheme and port), never `https://example.com` itself or another scheme.
 */
export function isSiteOrigin(origins: readonly string[], origin: string): boolean {
  if (origins.includes(origin)) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  return origins.some((entry) => {
    if (!entry.includes('://*.')) return false
    const pattern = new URL(entry)
    const suffix = pattern.hostname.slice(1) // ".example.com"
    return pattern.protocol === url.protocol && pattern.port === url.port && url.hostname.endsWith(suffix) && url.hostname.length > suffix.length
  })
}
