import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import { MAX_STATS_DAYS, MAX_STATS_THREADS, type Revenue, type StatsAnswer } from '../../../shared/admin.ts'
import { fromMinorUnits } from '../../../shared/money.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

const DAY_MS = 86_400_000

const dayOf = (d: Date) => d.toISOString().slice(0, 10)
const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0)

/** The first day of the month `back` months before the month of `day`. */
function monthStart(day: string, back: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() - back)
  return dayOf(d)
}

/** Every month from the one of `from` to the one of `to`, as YYYY-MM. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = monthStart(`${m}-01`, -1).slice(0, 7)) months.push(m)
  return months
}

type Funnel = Omit<StatsAnswer['totals'], 'revenue' | 'conversion'> & { sales: Map<string, { minor: number; orders: number }> }
const emptyFunnel = (): Funnel => ({ comments: 0, rewardedReaders: 0, convertedReaders: 0, redemptions: 0, sales: new Map() })

function answerOf({ sales, ...f }: Funnel): StatsAnswer['totals'] {
  const revenue: Revenue = [...sales]
    .sort(([a, x], [b, y]) => y.orders - x.orders || a.localeCompare(b))
    .map(([currency, s]) => ({ currency, amount: fromMinorUnits(s.minor, currency), orders: s.orders }))
  return { ...f, conversion: rate(f.convertedReaders, f.rewardedReaders), revenue }
}

function addSale(f: Funnel, currency: string | null, minor: number | null, orders: number) {
  if (!currency || minor === null) return
  const s = f.sales.get(currency) ?? { minor: 0, orders: 0 }
  s.minor += minor
  s.orders += orders
  f.sales.set(currency, s)
}

/**
 * Does it pay? Per month and per post: published comments, readers rewarded
 * (each once) and how many of them have redeemed their code, redemptions, and
 * the revenue the shop reported with them, per currency. Conversion is per
 * rewarded reader, not per comment: a reader who comments ten times and buys
 * once is one customer out of one. Default: the last twelve months. Each count
 * is one grouped, indexed query; nothing is counted in a loop.
 */
export async function siteStats(ctx: Ctx, input: { site: string; from?: string; to?: string }): Promise<StatsAnswer> {
  const to = input.to ?? dayOf(ctx.clock())
  const from = input.from ?? monthStart(to, 11)
  const end = dayOf(new Date(new Date(to).getTime() + DAY_MS))
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_STATS_DAYS || from > to) {
    throw new DomainError('invalid_input', `Ask for at most ${MAX_STATS_DAYS} days, from before to.`, { from: 'out_of_range' })
  }

  type Col = typeof comments.createdAt | typeof rewards.issuedAt | typeof rewards.redeemedAt
  const month = (col: Col) => sql<string>`substr(${col}, 1, 7)`
  const inRange = (col: Col) => and(gte(col, from), lt(col, end))
  const published = and(eq(comments.siteId, input.site), eq(comments.status, 'published'), inRange(comments.createdAt))
  // Issued in the period; a revoked code is no reward the reader could use.
  const rewarded = and(eq(rewards.siteId, input.site), inRange(rewards.issuedAt), inArray(rewards.status, ['issued', 'redeemed']))
  const redeemed = and(eq(rewards.siteId, input.site), inRange(rewards.redeemedAt))
  const n = sql<number>`count(*)`
  const readers = {
    readers: sql<number>`count(distinct ${rewards.readerKey})`,
    converted: sql<number>`count(distinct case when ${rewards.status} = 'redeemed' then ${rewards.readerKey} end)`,
  }
  const sales = { currency: rewards.orderCurrency, n, minor: sql<number | null>`sum(${rewards.orderTotal})` }

  const [commentMonths, commentThreads, rewardedMonths, rewardedThreads, [rewardedAll], redeemedMonths, redeemedThreads] = await Promise.all([
    ctx.db
      .select({ key: month(comments.createdAt), n })
      .from(comments)
      .where(published)
      .groupBy(month(comments.createdAt)),
    ctx.db.select({ key: comments.threadId, n }).from(comments).where(published).groupBy(comments.threadId),
    ctx.db
      .select({ key: month(rewards.issuedAt), ...readers })
      .from(rewards)
      .where(rewarded)
      .groupBy(month(rewards.issuedAt)),
    ctx.db
      .select({ key: rewards.threadId, ...readers })
      .from(rewards)
      .where(rewarded)
      .groupBy(rewards.threadId),
    // Over the whole period a reader rewarded in two months (or on two posts) is still one reader.
    ctx.db.select(readers).from(rewards).where(rewarded),
    ctx.db
      .select({ key: month(rewards.redeemedAt), ...sales })
      .from(rewards)
      .where(redeemed)
      .groupBy(month(rewards.redeemedAt), rewards.orderCurrency),
    ctx.db
      .select({ key: rewards.threadId, ...sales })
      .from(rewards)
      .where(redeemed)
      .groupBy(rewards.threadId, rewards.orderCurrency),
  ])

  const totals = emptyFunnel()
  totals.rewardedReaders = rewardedAll?.readers ?? 0
  totals.convertedReaders = rewardedAll?.converted ?? 0
  const byMonth = new Map(monthsBetween(from, to).map((m) => [m, emptyFunnel()]))
  const byThread = new Map<number, Funnel>()
  const thread = (id: number) => byThread.get(id) ?? byThread.set(id, emptyFunnel()).get(id)!

  for (const r of commentMonths) {
    byMonth.get(r.key)!.comments = r.n
    totals.comments += r.n
  }
  for (const r of commentThreads) thread(r.key).comments = r.n
  for (const r of rewardedMonths) Object.assign(byMonth.get(r.key)!, { rewardedReaders: r.readers, convertedReaders: r.converted })
  for (const r of rewardedThreads) Object.assign(thread(r.key), { rewardedReaders: r.readers, convertedReaders: r.converted })
  for (const r of redeemedMonths) {
    const m = byMonth.get(r.key)!
    m.redemptions += r.n
    totals.redemptions += r.n
    addSale(m, r.currency, r.minor, r.n)
    addSale(totals, r.currency, r.minor, r.n)
  }
  for (const r of redeemedThreads) {
    const t = thread(r.key)
    t.redemptions += r.n
    addSale(t, r.currency, r.minor, r.n)
  }

  const ranked = [...byThread].sort(([, a], [, b]) => b.redemptions - a.redemptions || b.rewardedReaders - a.rewardedReaders || b.comments - a.comments)
  const top = ranked.slice(0, MAX_STATS_THREADS)
  const names = top.length
    ? await ctx.db
        .select({ id: threads.id, key: threads.key, title: threads.title })
        .from(threads)
        .where(
          inArray(
            threads.id,
            top.map(([id]) => id),
          ),
        )
    : []
  const name = new Map(names.map((t) => [t.id, t]))

  return {
    site: input.site,
    from,
    to,
    totals: answerOf(totals),
    months: [...byMonth].map(([m, f]) => ({ month: m, ...answerOf(f) })),
    threads: top.map(([id, f]) => ({ key: name.get(id)!.key, title: name.get(id)!.title, ...answerOf(f) })),
    moreThreads: ranked.length - top.length,
  }
}
