/**
 * The units limits count. A client network: an IPv4 address is one household
 * or office behind NAT; an IPv6 host gets a whole /64 from its provider and
 * can pick a fresh address per request, so the /64 is the client. A wide
 * network: the IPv4 /24 or the IPv6 /48 around it, what one person can get
 * many of (a residential IPv6 customer often has a /56 or a /48 of /64s).
 * An IPv4-mapped IPv6 address (::ffff:203.0.113.7) is the IPv4 address.
 */
import { createHmac } from 'node:crypto'
import ipaddr from 'ipaddr.js'

function parse(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    return ipaddr.process(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))
  } catch {
    return null
  }
}

function prefix(addr: ipaddr.IPv4 | ipaddr.IPv6, v4Bits: number, v6Bits: number): string {
  const bits = addr.kind() === 'ipv4' ? v4Bits : v6Bits
  const bytes = addr.toByteArray()
  for (let i = 0; i < bytes.length; i++) bytes[i]! &= i * 8 >= bits ? 0 : i * 8 + 8 <= bits ? 255 : (0xff << (8 - (bits - i * 8))) & 0xff
  const base = ipaddr.fromByteArray(bytes).toString()
  return bits === bytes.length * 8 ? base : `${base}/${bits}`
}

export function clientNetwork(ip: string): string {
  const addr = parse(ip)
  return addr ? prefix(addr, 32, 64) : ip.slice(0, 64)
}

export function wideNetwork(ip: string): string {
  const addr = parse(ip)
  return addr ? prefix(addr, 24, 48) : ip.slice(0, 64)
}

/** A network as stored: a keyed hash, so the database counts networks without holding addresses. */
export function networkKey(secret: string, network: string): string {
  return createHmac('sha256', secret).update(network).digest('base64url').slice(0, 16)
}
