/**
 * A reader asks to see what the site keeps about them. A link goes by email
 * to the address the site has for them, and only if it has something; the
 * answer is the same either way, so asking reveals nothing about anyone.
 * Limited per client network and per address.
 */
import { sql } from 'drizzle-orm'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { outbox } from '../../db/schema.ts'
import { limiter } from '../abuse/rate-limits.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import type { Site } from '../sites/get-site.ts'
import { normalizeEmail } from './normalize-email.ts'
import { newReaderLink } from './reader-links.ts'
import { readerPseudonym } from './reader-subject.ts'

export const DATA_LINKS = { perNetworkPerHour: 5, perReaderPerDay: 3 }

export async function requestDataLink(ctx: Ctx, input: { site: Site; email: string; network: string }): Promise<{ status: 'queued' }> {
  if (!ctx.canEmail) throw new DomainError('unavailable', 'This blog does not send email: ask its owner for your data.')
  const readerKey = normalizeEmail(input.email)
  try {
    await limiter(ctx, 'data-net', DATA_LINKS.perNetworkPerHour, 3600).consume(`${input.site.id}|${input.network}`)
    await limiter(ctx, 'data-reader', DATA_LINKS.perReaderPerDay, 86_400).consume(`${input.site.id}|${await readerPseudonym(ctx, input.site.id, readerKey)}`)
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    throw new DomainError('rate_limited', 'Asked too often. Please look in your mailbox, or try again later.', undefined, Math.ceil(error.msBeforeNext / 1000))
  }
  // The address the site has (the latest one typed), not the one typed now: the link goes to the mailbox that wrote.
  const [known] = (await ctx.db.all(sql`
    select email from (
      select email, created_at from comments where site_id = ${input.site.id} and reader_key = ${readerKey} and email <> ''
      union all select email, created_at from subscribers where site_id = ${input.site.id} and reader_key = ${readerKey}
    ) order by created_at desc limit 1`)) as { email: string }[]
  if (known) {
    const at = ctx.clock().toISOString()
    const link = newReaderLink(ctx, { purpose: 'data', siteId: input.site.id, readerKey })
    await ctx.db.batch([
      link.statement,
      ctx.db.insert(outbox).values({
        siteId: input.site.id,
        channel: 'email',
        event: 'reader.data-link',
        target: known.email,
        subject: 'reader',
        payload: JSON.stringify({ token: link.token }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
      }),
    ])
  }
  return { status: 'queued' }
}
