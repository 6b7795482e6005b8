import { and, eq, gt, sql } from 'drizzle-orm'
import type { FarmingSignals } from '../../../shared/admin.ts'
import { rewards } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { isCommonProvider } from '../readers/email-domain.ts'

const HOUR_MS = 3_600_000

/**
 * What an owner looks at to spot a farm: rewards per client network and per
 * email domain in the last hours, and the rewards held back. Never about what
 * the comments say.
 */
export async function farmingSignals(ctx: Ctx, input: { siteId: string; hours: number; top?: number }): Promise<FarmingSignals> {
  const since = new Date(ctx.clock().getTime() - input.hours * HOUR_MS).toISOString()
  const recent = and(eq(rewards.siteId, input.siteId), gt(rewards.createdAt, since))
  const heldCase = sql<number>`sum(case when ${rewards.pendingReason} in ('budget', 'review') and ${rewards.status} = 'pending' then 1 else 0 end)`
  const top = input.top ?? 10
  const byNetwork = (column: typeof rewards.networkKey | typeof rewards.wideNetworkKey) =>
    ctx.db
      .select({ network: column, rewards: sql<number>`count(*)`, held: heldCase })
      .from(rewards)
      .where(and(recent, sql`${column} is not null`))
      .groupBy(column)
      .having(sql`count(*) > 1`)
      .orderBy(sql`count(*) desc`)
      .limit(top)
  const [narrow, wide, domains, held] = await Promise.all([
    byNetwork(rewards.networkKey),
    byNetwork(rewards.wideNetworkKey),
    ctx.db
      .select({ domain: rewards.emailDomain, rewards: sql<number>`count(*)`, held: heldCase })
      .from(rewards)
      .where(and(recent, sql`${rewards.emailDomain} is not null`))
      .groupBy(rewards.emailDomain)
      .having(sql`count(*) > 1`)
      .orderBy(sql`count(*) desc`)
      .limit(top),
    ctx.db
      .select({ reason: rewards.pendingReason, n: sql<number>`count(*)` })
      .from(rewards)
      .where(and(eq(rewards.siteId, input.siteId), eq(rewards.status, 'pending'), sql`${rewards.pendingReason} in ('budget', 'review')`))
      .groupBy(rewards.pendingReason),
  ])
  const count = (reason: string) => held.find((h) => h.reason === reason)?.n ?? 0
  return {
    since,
    held: { budget: count('budget'), review: count('review') },
    networks: [...wide.map((n) => ({ ...n, wide: true })), ...narrow.map((n) => ({ ...n, wide: false }))]
      // A wide network that only repeats one client network's rewards says nothing new.
      .filter((n, _, all) => !n.wide || !all.some((o) => !o.wide && o.rewards === n.rewards))
      .sort((a, b) => b.rewards - a.rewards)
      .slice(0, top)
      .map((n) => ({ network: n.network!, wide: n.wide, rewards: n.rewards, held: n.held ?? 0 })),
    domains: domains.map((d) => ({ domain: d.domain!, rewards: d.rewards, held: d.held ?? 0, common: isCommonProvider(d.domain!) })),
  }
}
