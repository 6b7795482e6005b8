import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The client's address: the socket's, unless TRUST_PROXY says how many
 * proxies of ours stand in front. Each appends the address it saw to
 * X-Forwarded-For, so with n of them the client is the n-th entry from the
 * right; anything left of it came from the client and can be forged. A port
 * some proxies add (`203.0.113.7:40000`, `[2001:db8::1]:40001`) is dropped.
 */
export function clientIp(c: Context, trustProxy: number): string {
  if (trustProxy > 0) {
    const hops = c.req.header('x-forwarded-for')?.split(',') ?? []
    const hop = hops[hops.length - trustProxy]?.trim()
    if (hop) return withoutPort(hop)
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // In-process requests (tests) have no socket.
    return 'unknown'
  }
}

export function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)
  if (bracketed) return bracketed[1]!
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address)
  return v4 ? v4[1]! : address
}
