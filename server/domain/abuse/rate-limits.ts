/**
 * How fast comments may come, per client network (clientNetwork: an IPv4
 * address or an IPv6 /64), per reader (normalized email) and per site; and how
 * much spam is kept for the moderator. Spam is judged first and counted apart,
 * so a bot caught by the honeypot never uses up real readers' allowance. The counters live in the database (rate-limiter-flexible's Drizzle
 * store, one atomic upsert each), so the limits hold across every server
 * process. Numbers come from the site's AntiAbuse settings.
 */
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { rateLimits } from '../../db/schema.ts'
import { log } from '../../log.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import type { Site } from '../sites/get-site.ts'

export function limiter(ctx: Ctx, keyPrefix: string, points: number, duration: number) {
  const id = `${keyPrefix}:${points}:${duration}`
  let l = ctx.caches.limiters.get(id)
  if (!l) {
    l = new RateLimiterDrizzle({ storeClient: ctx.db, schema: rateLimits, keyPrefix, points, duration })
    ctx.caches.limiters.set(id, l)
  }
  return l
}

/**
 * Counts a comment against its network, then its reader, then the site, in
 * that order (the reader by their pseudonym, readers/reader-subject.ts: no
 * address in the counters) and stopping at the first refusal: a network over its limit
 * spends nothing of the reader's or the site's allowance (and writes no
 * counter for a made-up reader), so one network cannot lock a site out.
 */
export async function checkCommentRate(ctx: Ctx, input: { site: Site; network: string; reader: string }) {
  const rules = input.site.antiAbuse
  const steps: [RateLimiterDrizzle, string][] = [
    [limiter(ctx, 'c-ip', rules.perIpPerMinute, 60), `${input.site.id}|${input.network}`],
    [limiter(ctx, 'c-email', rules.perEmailPerHour, 3600), `${input.site.id}|${input.reader}`],
    [limiter(ctx, 'c-site', rules.perSitePerMinute, 60), input.site.id],
  ]
  for (const [l, key] of steps) await consumeOr429(l, key, input.site.id)
}

async function consumeOr429(l: RateLimiterDrizzle, key: string, siteId: string) {
  try {
    await l.consume(key)
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    log('warn', 'comment rate limited', { site: siteId, limit: l.keyPrefix })
    throw new DomainError('rate_limited', 'Too many comments too fast. Please wait a moment.', undefined, Math.max(1, Math.ceil(error.msBeforeNext / 1000)))
  }
}

/** Spam kept for the moderator per client network per hour, and per site; past either, spam is answered as usual and dropped. */
export const SPAM_KEPT = { perNetworkPerHour: 20, perSitePerHour: 1000 }

/** Whether a comment judged spam is still worth keeping for a moderator to look at. */
export async function keepSpam(ctx: Ctx, input: { site: Site; network: string }): Promise<boolean> {
  try {
    await limiter(ctx, 's-net', SPAM_KEPT.perNetworkPerHour, 3600).consume(`${input.site.id}|${input.network}`)
    await limiter(ctx, 's-site', SPAM_KEPT.perSitePerHour, 3600).consume(input.site.id)
    return true
  } catch (error) {
    if (error instanceof RateLimiterRes) return false
    throw error
  }
}

/** A checkout may ask often, but a key that keeps asking for codes that do not exist is guessing. */
const missesFor = (site: Site) => Math.max(1, Math.floor(site.antiAbuse.shopRequestsPerMinute / 20))

export async function checkShopRate(ctx: Ctx, site: Site, keyId: number) {
  const perMinute = site.antiAbuse.shopRequestsPerMinute
  const misses = await limiter(ctx, 'shop-miss', missesFor(site), 60).get(String(keyId))
  const refused = async (res: RateLimiterRes | null) => {
    throw new DomainError('rate_limited', 'Too many code lookups. Slow down.', undefined, Math.max(1, Math.ceil((res?.msBeforeNext ?? 60_000) / 1000)))
  }
  if (misses && misses.consumedPoints >= missesFor(site)) return refused(misses)
  try {
    await limiter(ctx, 'shop-key', perMinute, 60).consume(String(keyId))
  } catch (error) {
    if (error instanceof RateLimiterRes) return refused(error)
    throw error
  }
}

export async function recordShopMiss(ctx: Ctx, site: Site, keyId: number) {
  await limiter(ctx, 'shop-miss', missesFor(site), 60).penalty(String(keyId), 1)
}
