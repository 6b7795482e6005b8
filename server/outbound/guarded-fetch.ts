/**
 * The one way this server makes a request on an owner's or a reader's say-so
 * (webhooks, page checks). Unless private networks are allowed, the host is
 * checked before anything happens, and every address a name resolves to is
 * checked at connect time (a custom lookup in undici's connector): a refused
 * request never opens a connection. Redirects are never followed here; a
 * caller that wants one checks the next URL and calls again.
 */
import { Agent, fetch as undiciFetch } from 'undici'
import { isPrivateLiteral, PrivateAddressError, publicLookup, type Resolve, urlHost } from './public-address.ts'

export type OutboundFetch = (url: string, init?: RequestInit) => Promise<Response>

export interface OutboundRules {
  /** WEBHOOKS_ALLOW_PRIVATE: internal receivers (and tests) on private networks. */
  allowPrivate: boolean
  /** The resolver behind the connect-time check (tests hand in a hostile one). */
  resolve?: Resolve
}

export function guardedFetch(opts: OutboundRules): OutboundFetch {
  const lookup = (host: string, o: object, cb: never) => publicLookup(host, o, cb, opts.resolve)
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, ...(opts.allowPrivate ? {} : { connect: { lookup: lookup as never } }) })
  return async (url, init = {}) => {
    const target = new URL(url)
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new TypeError('only http and https')
    if (!opts.allowPrivate && isPrivateLiteral(urlHost(target).replace(/\.$/, '').toLowerCase())) throw new PrivateAddressError(target.hostname)
    const res = await undiciFetch(target, { ...(init as object), redirect: 'manual', dispatcher })
    return res as unknown as Response
  }
}

/** Why a request failed, in words that say nothing about the network behind it (no port scanning through the error log). */
export function outboundError(error: unknown): string {
  if (error instanceof PrivateAddressError || (error as { cause?: unknown })?.cause instanceof PrivateAddressError) return 'refused: not a public address'
  if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') return 'timed out'
  return 'could not connect'
}
