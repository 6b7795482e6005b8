/**
 * Where this server may send a request on someone's say-so: public unicast
 * addresses only. Loopback, private (RFC 1918), link-local (and so the cloud
 * metadata service at 169.254.169.254), carrier-grade NAT, unique-local IPv6,
 * multicast, reserved and unspecified addresses are refused, as are IPv6 forms
 * that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) unless
 * what they embed is public. The check runs on the literal host and again on every
 * address a name resolves to, at connect time, so a name that changes its
 * answer (DNS rebinding) is refused too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

export class PrivateAddressError extends Error {
  constructor(readonly host: string) {
    super('refused: not a public address')
    this.name = 'PrivateAddressError'
  }
}

export function isPublicAddress(ip: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, ''))
  } catch {
    return false
  }
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6
    if (v6.isIPv4MappedAddress()) return isPublicAddress(v6.toIPv4Address().toString())
    // The deprecated IPv4-compatible form ::a.b.c.d (::/96): judged by the IPv4 address it holds.
    const [a, b, c, d, e, f, g = 0, h = 0] = v6.parts
    if (!a && !b && !c && !d && !e && !f) return isPublicAddress(`${g >> 8}.${g & 255}.${h >> 8}.${h & 255}`)
  }
  return addr.range() === 'unicast'
}

/** The host of a URL as the WHATWG parser normalizes it (127.1, 2130706433 and 0x7f000001 are all 127.0.0.1). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '')
}

/** A literal address that is not public, or a name that is obviously local: refused without a lookup. */
export function isPrivateLiteral(host: string): boolean {
  if (isIP(host)) return !isPublicAddress(host)
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
/** dns.lookup's shape with all: true; a test hands in a resolver that answers what a hostile name server would. */
export type Resolve = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void

/** A drop-in for dns.lookup that answers only public addresses: every resolved address must be public. */
export function publicLookup(hostname: string, options: LookupOptions, callback: LookupCallback, resolve: Resolve = dnsLookup as Resolve): void {
  resolve(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, [])
    const list = addresses as LookupAddress[]
    if (list.length === 0 || list.some((a) => !isPublicAddress(a.address))) return callback(new PrivateAddressError(hostname), [])
    if (options.all) return callback(null, list)
    callback(null, list[0]!.address, list[0]!.family)
  })
}

/** At save time: a URL whose host is, or resolves to, anything but public addresses is refused. */
export async function assertPublicUrl(url: string, resolve: Resolve = dnsLookup as Resolve): Promise<void> {
  const target = new URL(url)
  const host = urlHost(target).replace(/\.$/, '').toLowerCase()
  if (isPrivateLiteral(host)) throw new PrivateAddressError(host)
  if (isIP(host)) return
  await new Promise<void>((ok, fail) =>
    publicLookup(host, {}, (error) => (error ? fail(error instanceof PrivateAddressError ? error : new PrivateAddressError(host)) : ok()), resolve),
  )
}
