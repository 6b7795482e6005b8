import { createRequire } from 'node:module'

// The maintained list from the disposable-email-domains package: exact domains, and wildcards (any subdomain).
const require = createRequire(import.meta.url)
const exact = new Set<string>(require('disposable-email-domains'))
const wildcard = new Set<string>(require('disposable-email-domains/wildcard.json'))

export function isDisposableEmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split('@').pop()!.replace(/\.$/, '')
  if (exact.has(domain)) return true
  const labels = domain.split('.')
  for (let i = 1; i < labels.length - 1; i++) if (wildcard.has(labels.slice(i).join('.'))) return true
  return false
}
