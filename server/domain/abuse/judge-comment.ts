import { createHash } from 'node:crypto'
import { q, rawRows } from '../../db/raw.ts'
import type { Ctx } from '../context.ts'
import type { Site } from '../sites/get-site.ts'
import { isDisposableEmail } from './disposable-domains.ts'

const URL_RE = /\bhttps?:\/\/|\bwww\./gi

/** The body with case, spacing and punctuation folded: "Great post!!" and "great  post" are one text. */
export function bodyHash(body: string): string {
  const folded = body
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim()
  return createHash('sha256').update(folded).digest('hex').slice(0, 32)
}

/**
 * Why a comment looks like spam, or null. The signals are the site's to tune
 * (AntiAbuse); none looks at whether the comment praises or criticises.
 */
export async function spamSignal(
  ctx: Ctx,
  input: { site: Site; threadKey: string; body: string; email: string; website?: string; elapsedMs?: number },
): Promise<string | null> {
  const rules = input.site.antiAbuse
  if (input.website) return 'honeypot'
  if (rules.minSecondsOnPage > 0 && (input.elapsedMs ?? 0) < rules.minSecondsOnPage * 1000) return 'too-fast'
  if ((input.body.match(URL_RE)?.length ?? 0) > rules.maxLinks) return 'too-many-links'
  if (rules.blockDisposableEmail && isDisposableEmail(input.email)) return 'disposable-email'
  if (rules.blockDuplicates) {
    const [dup] = await rawRows(
      ctx.db,
      q`select c.id from comments c join threads t on t.id = c.thread_id
        where t.site_id = ${input.site.id} and t.key = ${input.threadKey} and c.body_hash = ${bodyHash(input.body)} and c.status <> 'deleted' limit 1`,
    )
    if (dup) return 'duplicate'
  }
  return null
}
