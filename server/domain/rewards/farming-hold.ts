/**
 * Farming controls: a reward a comment's batch would issue is held back
 * (pending, for the owner to release or drop) when, counting it, the last day
 * saw more rewards than the site allows
 *   - to one client network, or one wide network around it (reason "review"),
 *   - to one email domain that is not a common mail provider ("review"),
 *   - on the whole site (reason "budget").
 * It is decided inside the reward's own INSERT, in the comment's own
 * transaction, so the counts are exact under any concurrency and across
 * processes, and a held reward is written once, as held. It never looks at
 * what a comment says.
 */
import { joinQ, type Q, q } from '../../db/raw.ts'
import type { Site } from '../sites/get-site.ts'

const DAY_MS = 86_400_000

export interface FarmingInput {
  site: Site
  networkKey: string
  wideNetworkKey: string
  emailDomain: string
  /** A common mail provider: shared by too many people to count per domain. */
  commonDomain: boolean
  now: Date
}

/**
 * The day's rewards that match, with the one about to be written, are more
 * than `limit`: the ones already there are at least `limit`. Counted up to
 * `limit` rows only, so a network or domain with thousands of rewards costs
 * what one with a few does.
 */
const full = (rows: Q, limit: number) => q`(select count(*) from (select 1 from rewards where ${rows} limit ${limit})) >= ${limit}`

/** Why a fresh reward is held ('review' or 'budget'), or null: an expression for the reward's INSERT, evaluated before the row is written. */
export function farmingReason(f: FarmingInput): Q {
  const rules = f.site.antiAbuse
  const since = new Date(f.now.getTime() - DAY_MS).toISOString()
  const site = f.site.id
  const reasons: Q[] = [
    q`when ${full(q`site_id = ${site} and network_key = ${f.networkKey} and created_at > ${since}`, rules.rewardsPerNetworkPerDay)} then 'review'`,
    q`when ${full(q`site_id = ${site} and wide_network_key = ${f.wideNetworkKey} and created_at > ${since}`, rules.rewardsPerWideNetworkPerDay)} then 'review'`,
  ]
  if (!f.commonDomain) {
    reasons.push(
      q`when ${full(q`site_id = ${site} and email_domain = ${f.emailDomain} and created_at > ${since}`, rules.rewardsPerDomainPerDay)} then 'review'`,
    )
  }
  if (rules.rewardBudgetPerDay !== null) {
    reasons.push(q`when ${full(q`site_id = ${site} and issued_at > ${since}`, rules.rewardBudgetPerDay)} then 'budget'`)
  }
  return q`(case ${joinQ(reasons, ' ')} end)`
}
