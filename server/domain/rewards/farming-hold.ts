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
import { joinQ, type Q, q } from '../../db/raw.ts'
import type { Site } from '../sites/get-site.ts'
import { REWARD_ANSWER_COLUMNS } from './reward-answer.ts'

const DAY_MS = 86_400_000

export interface FarmingInput {
  site: Site
  /** The comment whose fresh reward is checked (a sub-select inside the batch). */
  commentId: Q
  networkKey: string
  wideNetworkKey: string
  emailDomain: string
  /** A common mail provider: shared by too many people to count per domain. */
  commonDomain: boolean
  now: Date
}

/**
 * More than `limit` rows of the day match: counted up to limit + 1 only, so a
 * network or domain with thousands of rewards costs what one with a few does.
 */
const over = (rows: Q, limit: number) => q`(select count(*) from (select 1 from rewards where ${rows} limit ${limit + 1})) > ${limit}`

/** The UPDATE that holds the comment's fresh reward back, returning it as held (nothing when it stays issued). */
export function farmingHold(f: FarmingInput): Q {
  const rules = f.site.antiAbuse
  const since = new Date(f.now.getTime() - DAY_MS).toISOString()
  const site = f.site.id
  const reasons: Q[] = [
    q`when ${over(q`site_id = ${site} and network_key = ${f.networkKey} and created_at > ${since}`, rules.rewardsPerNetworkPerDay)} then 'review'`,
    q`when ${over(q`site_id = ${site} and wide_network_key = ${f.wideNetworkKey} and created_at > ${since}`, rules.rewardsPerWideNetworkPerDay)} then 'review'`,
  ]
  if (!f.commonDomain) {
    reasons.push(
      q`when ${over(q`site_id = ${site} and email_domain = ${f.emailDomain} and created_at > ${since}`, rules.rewardsPerDomainPerDay)} then 'review'`,
    )
  }
  if (rules.rewardBudgetPerDay !== null) {
    reasons.push(q`when ${over(q`site_id = ${site} and issued_at > ${since}`, rules.rewardBudgetPerDay)} then 'budget'`)
  }
  const reason = q`(case ${joinQ(reasons, ' ')} end)`
  return q`update rewards set status = 'pending', pending_reason = ${reason}, code = null, code_key = null, issued_at = null, expires_at = null
    where comment_id = ${f.commentId} and status = 'issued' and kind <> 'static' and ${reason} is not null
    returning ${REWARD_ANSWER_COLUMNS}`
}
