/**
 * The domain a reader's address belongs to, for per-domain velocity: the
 * registrable domain (sub.example.co.uk → example.co.uk), since whoever owns
 * a domain owns all its subdomains and every address on them. Common mail
 * providers (the email-providers package's list of the most used ones) are
 * shared by millions of readers and are not counted; reserved names
 * (example.com, .test, .invalid, RFC 2606/6761) never receive mail and are.
 */
import { createRequire } from 'node:module'
import { getDomain } from 'tldts'

const require = createRequire(import.meta.url)
const RESERVED = /(^|\.)(example\.(com|net|org)|test|example|invalid|localhost)$/
/** The package's list of the most used providers, and a few it misses. */
const COMMON = new Set<string>(
  [...(require('email-providers/common.json') as string[]), 'fastmail.com', 'proton.me', 'pm.me', 'tutanota.com', 'tuta.io'].filter((d) => !RESERVED.test(d)),
)

export function emailDomain(email: string): string {
  const host = email.trim().toLowerCase().split('@').pop()!.replace(/\.$/, '')
  // Private suffixes (duckdns.org, dynv6.net) count as one domain: anyone can make a thousand names under them.
  return getDomain(host, { allowPrivateDomains: false }) ?? host
}

export function isCommonProvider(domain: string): boolean {
  return COMMON.has(domain) || domain === 'googlemail.com'
}
