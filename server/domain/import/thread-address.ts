/**
 * Which thread an imported comment belongs to: the key the widget will use on
 * the same page (canonicalThreadKey with the site's query parameter), after
 * the owner's address rewrites (`--map https://old.example.com/=/`).
 */
import { canonicalThreadKey } from '../../../shared/thread-key.ts'
import type { SkipReason } from '../../../shared/values.ts'
import { DomainError } from '../errors.ts'

export interface AddressRule {
  from: string
  to: string
}

/**
 * `old=new` rules; the last `=` splits (a query in the old address may hold
 * one, a path prefix never does). Several rules: the first that matches wins.
 */
export function parseAddressRules(rules: string[]): AddressRule[] {
  return rules.map((rule) => {
    const at = rule.lastIndexOf('=')
    if (at <= 0) throw new DomainError('invalid_input', `The address rule "${rule}" is not old=new, e.g. https://old.example.com/=/`, { map: 'invalid' })
    return { from: rule.slice(0, at), to: rule.slice(at + 1) }
  })
}

export function applyAddressRules(address: string, rules: AddressRule[]): string {
  for (const rule of rules) if (address.startsWith(rule.from)) return rule.to + address.slice(rule.from.length)
  return address
}

/** A WordPress shortlink or draft link: the post is named by a number in the query, its path is the home page. */
const SHORTLINK = /^(?:https?:\/\/[^/?#]*)?\/?(?:index\.php)?\?(?:.*&)?(p|page_id)=\d+(?:&|#|$)/i

/**
 * The thread key for an address, or why there is none: a `?p=57` link keeps
 * its number only when the site names `p` as its post query parameter;
 * otherwise every such post would fall onto the home page's thread, so its
 * comments are left out (the owner can map it, or set `--post-query p`).
 */
export function threadKeyFor(address: string, queryParam: string | null, rules: AddressRule[]): { key: string } | { skip: SkipReason; detail: string } {
  const mapped = applyAddressRules(address.trim(), rules)
  if (!mapped) return { skip: 'invalid', detail: 'the thread has no address' }
  const key = canonicalThreadKey(mapped, queryParam)
  const short = SHORTLINK.exec(mapped)
  if (short && (key === '/' || key === '/index.php')) {
    return {
      skip: 'shortlink',
      detail: `${mapped} names its post by number only; set the site's post query parameter to ${short[1]} or map it to the post's path (--map "${mapped}=/the/post")`,
    }
  }
  return { key }
}
