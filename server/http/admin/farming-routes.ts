/** Farming signals and the owner's verdict on held rewards: /api/v1/admin/sites/:site/farming, …/rewards/release, …/rewards/revoke. */
import { type Context, Hono } from 'hono'
import { FarmingQuery, FarmingSignals, ReleaseAnswer, RevokeAnswer, RewardSelection } from '../../../shared/admin.ts'
import { SiteParams } from '../../../shared/comments.ts'
import { SiteId } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { farmingSignals } from '../../domain/rewards/farming-signals.ts'
import { releaseRewards, revokeRewards } from '../../domain/rewards/held-rewards.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

export function farmingRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  const site = async (c: Context) => (await getSite(ctx, readParam(c, 'site', SiteId))).id

  routes.get(
    '/sites/:site/farming',
    doc({
      id: 'getFarmingSignals',
      tag: 'Admin: codes',
      summary: 'Rewards per client network and per email domain, and the rewards held back',
      auth: 'session',
      params: SiteParams,
      query: FarmingQuery,
      ok: { description: 'The signals of the last hours.', schema: FarmingSignals },
      errors: ['site_not_found'],
    }),
    async (c) => c.json((await farmingSignals(ctx, { siteId: await site(c), ...readQuery(c, FarmingQuery) })) satisfies FarmingSignals),
  )
  // Releasing spends the owner's budget: owners only. Revoking is what a moderator does to codes anyway.
  routes.post(
    '/sites/:site/rewards/release',
    requireRole('owner'),
    doc({
      id: 'releaseRewards',
      tag: 'Admin: codes',
      summary: 'Issue rewards the farming controls held back',
      description: 'By id, or all of a network or an email domain in the last hours; each reader gets their code by email. Audited.',
      auth: 'owner',
      params: SiteParams,
      body: RewardSelection,
      ok: { description: 'How many were issued, and how many still wait (an empty pool).', schema: ReleaseAnswer },
      errors: ['site_not_found', 'conflict'],
    }),
    async (c) =>
      c.json((await releaseRewards(ctx, { siteId: await site(c), ...(await readJson(c, RewardSelection)), actor: actor(c) })) satisfies ReleaseAnswer),
  )
  routes.post(
    '/sites/:site/rewards/revoke',
    doc({
      id: 'revokeRewards',
      tag: 'Admin: codes',
      summary: 'Revoke rewards in bulk',
      description: 'By id, or every reward of a network or an email domain in the last hours, issued or waiting. Audited.',
      auth: 'change',
      params: SiteParams,
      body: RewardSelection,
      ok: { description: 'How many were revoked.', schema: RevokeAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => c.json((await revokeRewards(ctx, { siteId: await site(c), ...(await readJson(c, RewardSelection)), actor: actor(c) })) satisfies RevokeAnswer),
  )
  return routes
}
