/**
 * The unit a limit counts: one client network. An IPv4 address is one
 * household or office behind NAT; an IPv6 host gets a whole /64 from its
 * provider and can pick a fresh address per request, so the /64 is the client.
 * An IPv4-mapped IPv6 address (::ffff:203.0.113.7) is the IPv4 address.
 */
import { createHmac } from 'node:crypto'
import ipaddr from 'ipaddr.js'

export function clientNetwork(ip: string): string {
  let addr: ipaddr.IPv4 | ipaddr.IPv6
  try {
    addr = ipaddr.process(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))
  } catch {
    return ip.slice(0, 64)
  }
  if (addr.kind() === 'ipv4') return addr.toString()
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4)
  return `${ipaddr.IPv6.parse(`${parts.map((p) => p.toString(16)).join(':')}::`).toString()}/64`
}

/** A network as stored: a keyed hash, so the database counts networks without holding addresses. */
export function networkKey(secret: string, network: string): string {
  return createHmac('sha256', secret).update(network).digest('base64url').slice(0, 16)
}
