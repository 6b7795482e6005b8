/**
 * One reader, one reward: the key under which a reader's reward is kept. The
 * address as typed is kept separately for delivery.
 *
 * Lowercased and trimmed, trailing dot dropped. Then what the big providers
 * deliver to the same mailbox folds into one address:
 *   - a `+tag` is dropped everywhere (every major provider delivers `ann+x@` to `ann@`);
 *   - Gmail ignores dots, and googlemail.com is gmail.com;
 *   - one mailbox answers at several domains: iCloud (me.com, mac.com),
 *     Proton (protonmail.com, protonmail.ch, pm.me), Yandex (ya.ru and its country domains);
 *   - Yahoo's disposable addresses are `base-keyword@`;
 *   - Fastmail's subdomain addressing `anything@user.fastmail.com` is `user@fastmail.com`.
 */
const ALIASES: Record<string, string> = {
  'googlemail.com': 'gmail.com',
  'me.com': 'icloud.com',
  'mac.com': 'icloud.com',
  'protonmail.com': 'proton.me',
  'protonmail.ch': 'proton.me',
  'pm.me': 'proton.me',
  'ya.ru': 'yandex.ru',
  'yandex.com': 'yandex.ru',
  'yandex.by': 'yandex.ru',
  'yandex.kz': 'yandex.ru',
  'yandex.ua': 'yandex.ru',
  'fastmail.fm': 'fastmail.com',
}
const YAHOO = /^yahoo\.(com|co\.[a-z]{2}|com?\.[a-z]{2}|[a-z]{2})$/
const FASTMAIL_SUBDOMAIN = /^([a-z0-9_-]+)\.(fastmail\.com|fastmail\.fm)$/

export function normalizeEmail(email: string): string {
  const address = email.trim().toLowerCase()
  const at = address.lastIndexOf('@')
  if (at <= 0) return address
  let local = address.slice(0, at)
  let domain = address.slice(at + 1).replace(/\.$/, '')
  const fastmail = FASTMAIL_SUBDOMAIN.exec(domain)
  if (fastmail) {
    local = fastmail[1]!
    domain = fastmail[2]!
  }
  domain = ALIASES[domain] ?? domain
  const plus = local.indexOf('+')
  if (plus > 0) local = local.slice(0, plus)
  if (YAHOO.test(domain)) {
    const dash = local.indexOf('-')
    if (dash > 0) local = local.slice(0, dash)
  }
  if (domain === 'gmail.com') local = local.replaceAll('.', '') || local
  return `${local}@${domain}`
}
