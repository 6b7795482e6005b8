/**
 * Whether a browser's Origin is this server's own public origin. Never judged
 * from the Host header, which a DNS-rebinding page controls: only PUBLIC_URL
 * counts, and when that is a loopback address, the same port under any
 * loopback name (127.0.0.1, localhost, [::1]) — what a newcomer types.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function isOwnOrigin(origin: string, publicUrl: string): boolean {
  if (origin === publicUrl) return true
  try {
    const a = new URL(origin)
    const b = new URL(publicUrl)
    return LOOPBACK.has(a.hostname) && LOOPBACK.has(b.hostname) && a.port === b.port && a.protocol === b.protocol
  } catch {
    return false
  }
}

/** The request reached us over HTTPS: directly, or through our own proxy that says so. */
export function isHttps(url: string, forwardedProto: string | undefined, trustProxy: number): boolean {
  if (new URL(url).protocol === 'https:') return true
  return trustProxy > 0 && forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https'
}
