import { and, eq, gte, lt, sql } from 'drizzle-orm'
import { MAX_STATS_DAYS, type StatsAnswer } from '../../../shared/admin.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

const DAY_MS = 86_400_000
const TOP_THREADS = 20

const dayOf = (d: Date) => d.toISOString().slice(0, 10)
const rate = (redeemed: number, comments: number) => (comments ? Math.round((redeemed / comments) * 10_000) / 10_000 : 0)

/**
 * Does the program pay? Per day and per thread: published comments, codes
 * issued, codes redeemed, and the conversion from comment to redemption.
 * Each count is one grouped, indexed query; nothing is counted in a loop.
 */
export async function siteStats(ctx: Ctx, input: { site: string; from?: string; to?: string }): Promise<StatsAnswer> {
  const to = input.to ?? dayOf(ctx.clock())
  const from = input.from ?? dayOf(new Date(new Date(to).getTime() - 29 * DAY_MS))
  const end = dayOf(new Date(new Date(to).getTime() + DAY_MS))
  // A day is a row of the answer: a range of centuries would be millions of them.
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_STATS_DAYS || from > to) {
    throw new DomainError('invalid_input', `Ask for at most ${MAX_STATS_DAYS} days, from before to.`, { from: 'out_of_range' })
  }

  const day = (col: typeof comments.createdAt | typeof rewards.issuedAt | typeof rewards.redeemedAt) => sql<string>`substr(${col}, 1, 10)`
  const inRange = (col: typeof comments.createdAt | typeof rewards.issuedAt | typeof rewards.redeemedAt) => and(gte(col, from), lt(col, end))

  const published = and(eq(comments.siteId, input.site), eq(comments.status, 'published'), inRange(comments.createdAt))
  const issued = and(eq(rewards.siteId, input.site), inRange(rewards.issuedAt))
  const redeemed = and(eq(rewards.siteId, input.site), inRange(rewards.redeemedAt))
  const n = sql<number>`count(*)`

  const [commentDays, issuedDays, redeemedDays, commentThreads, issuedThreads, redeemedThreads] = await Promise.all([
    ctx.db
      .select({ day: day(comments.createdAt), n })
      .from(comments)
      .where(published)
      .groupBy(day(comments.createdAt)),
    ctx.db
      .select({ day: day(rewards.issuedAt), n })
      .from(rewards)
      .where(issued)
      .groupBy(day(rewards.issuedAt)),
    ctx.db
      .select({ day: day(rewards.redeemedAt), n })
      .from(rewards)
      .where(redeemed)
      .groupBy(day(rewards.redeemedAt)),
    ctx.db.select({ id: comments.threadId, n }).from(comments).where(published).groupBy(comments.threadId),
    ctx.db.select({ id: rewards.threadId, n }).from(rewards).where(issued).groupBy(rewards.threadId),
    ctx.db.select({ id: rewards.threadId, n }).from(rewards).where(redeemed).groupBy(rewards.threadId),
  ])

  const days: StatsAnswer['days'] = []
  for (let t = new Date(from).getTime(); t < new Date(end).getTime(); t += DAY_MS) {
    days.push({ day: dayOf(new Date(t)), comments: 0, issued: 0, redeemed: 0 })
  }
  const byDay = new Map(days.map((d) => [d.day, d]))
  for (const r of commentDays) byDay.get(r.day)!.comments = r.n
  for (const r of issuedDays) byDay.get(r.day)!.issued = r.n
  for (const r of redeemedDays) byDay.get(r.day)!.redeemed = r.n

  const perThread = new Map<number, { comments: number; issued: number; redeemed: number }>()
  const add = (rows: { id: number; n: number }[], k: 'comments' | 'issued' | 'redeemed') => {
    for (const r of rows) {
      const t = perThread.get(r.id) ?? { comments: 0, issued: 0, redeemed: 0 }
      t[k] = r.n
      perThread.set(r.id, t)
    }
  }
  add(commentThreads, 'comments')
  add(issuedThreads, 'issued')
  add(redeemedThreads, 'redeemed')
  const top = [...perThread.entries()].sort(([, a], [, b]) => b.redeemed - a.redeemed || b.comments - a.comments).slice(0, TOP_THREADS)
  const names = top.length
    ? await ctx.db
        .select({ id: threads.id, key: threads.key, title: threads.title })
        .from(threads)
        .where(sql`${threads.id} in ${top.map(([id]) => id)}`)
    : []
  const name = new Map(names.map((t) => [t.id, t]))

  const totals = days.reduce((s, d) => ({ comments: s.comments + d.comments, issued: s.issued + d.issued, redeemed: s.redeemed + d.redeemed }), {
    comments: 0,
    issued: 0,
    redeemed: 0,
  })
  return {
    site: input.site,
    from,
    to,
    totals: { ...totals, conversion: rate(totals.redeemed, totals.comments) },
    days,
    threads: top.map(([id, t]) => ({ key: name.get(id)!.key, title: name.get(id)!.title, ...t, conversion: rate(t.redeemed, t.comments) })),
  }
}
