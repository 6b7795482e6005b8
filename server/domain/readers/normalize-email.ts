/**
 * One reader, one reward: the key under which a reader's reward is kept. The
 * address as typed is kept separately for delivery.
 *
 * Lowercased and trimmed; a `+tag` is dropped (every major provider delivers
 * `ann+x@` to `ann@`); for Gmail, dots are dropped and googlemail.com is
 * gmail.com, because Gmail ignores both.
 */
const GMAIL = new Set(['gmail.com', 'googlemail.com'])

export function normalizeEmail(email: string): string {
  const address = email.trim().toLowerCase()
  const at = address.lastIndexOf('@')
  if (at <= 0) return address
  let local = address.slice(0, at)
  let domain = address.slice(at + 1).replace(/\.$/, '')
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  if (GMAIL.has(domain)) {
    domain = 'gmail.com'
    local = local.replaceAll('.', '') || local
  }
  return `${local}@${domain}`
}
