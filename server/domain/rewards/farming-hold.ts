/**
 * Farming controls: a reward just issued by a comment's batch is held back
 * (pending, for the owner to release or drop) when, counting it, the last day
 * saw more rewards than the site allows
 *   - to one client network, or one wide network around it (reason "review"),
 *   - to one email domain that is not a common mail provider ("review"),
 *   - on the whole site (reason "budget").
 * It is one UPDATE inside the comment's own transaction, so the counts are
 * exact under any concurrency and across processes. It never looks at what a
 * comment says.
 */
import { type SQL, sql } from 'drizzle-orm'
import type { PendingReason } from '../../../shared/values.ts'
import { rewards } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import type { Site } from '../sites/get-site.ts'

const DAY_MS = 86_400_000

export interface FarmingInput {
  site: Site
  /** The comment whose fresh reward is checked (a sub-select inside the batch). */
  commentId: SQL
  networkKey: string
  wideNetworkKey: string
  emailDomain: string
  /** A common mail provider: shared by too many people to count per domain. */
  commonDomain: boolean
  now: Date
}

export function farmingHold(ctx: Ctx, f: FarmingInput) {
  const rules = f.site.antiAbuse
  const since = new Date(f.now.getTime() - DAY_MS).toISOString()
  const site = f.site.id
  const reasons: SQL[] = [
    sql`when (select count(*) from rewards where site_id = ${site} and network_key = ${f.networkKey} and created_at > ${since}) > ${rules.rewardsPerNetworkPerDay} then 'review'`,
    sql`when (select count(*) from rewards where site_id = ${site} and wide_network_key = ${f.wideNetworkKey} and created_at > ${since}) > ${rules.rewardsPerWideNetworkPerDay} then 'review'`,
  ]
  if (!f.commonDomain) {
    reasons.push(
      sql`when (select count(*) from rewards where site_id = ${site} and email_domain = ${f.emailDomain} and created_at > ${since}) > ${rules.rewardsPerDomainPerDay} then 'review'`,
    )
  }
  if (rules.rewardBudgetPerDay !== null) {
    reasons.push(sql`when (select count(*) from rewards where site_id = ${site} and issued_at > ${since}) > ${rules.rewardBudgetPerDay} then 'budget'`)
  }
  const reason = sql<PendingReason>`(case ${sql.join(reasons, sql` `)} end)`
  return ctx.db
    .update(rewards)
    .set({ status: 'pending', pendingReason: reason, code: null, codeKey: null, issuedAt: null, expiresAt: null })
    .where(sql`${rewards.commentId} = ${f.commentId} and ${rewards.status} = 'issued' and ${rewards.kind} <> 'static' and ${reason} is not null`)
    .returning()
}
