/**
 * How fast comments may come, per client network (clientNetwork: an IPv4
 * address or an IPv6 /64), per reader (normalized email) and per site; and how
 * much spam is kept for the moderator. Spam is judged first and counted apart,
 * so a bot caught by the honeypot never uses up real readers' allowance. The counters live in the database (rate-limiter-flexible's Drizzle
 * store, one atomic upsert each; a comment's three go into its own batch),
 * so the limits hold across every server process. Numbers come from the
 * site's AntiAbuse settings.
 */
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { joinQ, q, type RawResult } from '../../db/raw.ts'
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
 * A comment's limits, in the order they are counted: its network's, then its
 * reader's (by their pseudonym, readers/reader-subject.ts: no address in the
 * counters), then the site's.
 */
function commentLimits(input: { site: Site; network: string; reader: string }) {
  const rules = input.site.antiAbuse
  return [
    { prefix: 'c-ip', key: `${input.site.id}|${input.network}`, points: rules.perIpPerMinute, seconds: 60 },
    { prefix: 'c-email', key: `${input.site.id}|${input.reader}`, points: rules.perEmailPerHour, seconds: 3600 },
    { prefix: 'c-site', key: input.site.id, points: rules.perSitePerMinute, seconds: 60 },
  ]
}

/**
 * A comment's rate limits as the first statements of the comment's own batch
 * (one write transaction, so exact across processes, and no commit of their
 * own): the network's counter, then the reader's if the network's allows,
 * then the site's if both do. `allowed` is the condition the comment's writes
 * are made on; `refusal` reads the batch's results: the first limit past its
 * number, or nothing. A network over its limit spends nothing of the
 * reader's or the site's allowance, so one network cannot lock a site out.
 *
 * The counters are rate-limiter-flexible's (limiter() above): the same rows,
 * keys (`prefix:key`) and fixed windows, the same upsert, so its other
 * limiters, the purge, and a process of an older version count alike.
 */
export function commentRate(input: { site: Site; network: string; reader: string; now: Date; requestId?: string }) {
  const now = input.now.getTime()
  const limits = commentLimits(input).map((l) => ({ ...l, id: `${l.prefix}:${l.key}` }))
  const within = (l: (typeof limits)[number]) => q`(select points from rate_limits where key = ${l.id}) <= ${l.points}`
  const statements = limits.map((l, i) => {
    const earlier = limits.slice(0, i).map(within)
    const expire = now + l.seconds * 1000
    return q`insert into rate_limits (key, points, expire) select ${l.id}, 1, ${expire} where ${earlier.length ? joinQ(earlier, ' and ') : q`1`}
      on conflict (key) do update set
        points = case when rate_limits.expire <= ${now} then 1 else rate_limits.points + 1 end,
        expire = case when rate_limits.expire <= ${now} then ${expire} else rate_limits.expire end
      returning points, expire`
  })
  return {
    statements,
    allowed: joinQ(limits.map(within), ' and '),
    /** The refusal the counters call for, given the results of `statements`. */
    refusal(results: RawResult[]): DomainError | undefined {
      for (let i = 0; i < limits.length; i++) {
        const row = results[i]?.rows[0]
        if (!row) return undefined
        if (Number(row.points) <= limits[i]!.points) continue
        log('warn', 'comment rate limited', { site: input.site.id, limit: limits[i]!.prefix, requestId: input.requestId })
        const msBeforeNext = Math.max(Number(row.expire) - now, 0)
        return new DomainError('rate_limited', 'Too many comments too fast. Please wait a moment.', undefined, Math.max(1, Math.ceil(msBeforeNext / 1000)))
      }
    },
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
