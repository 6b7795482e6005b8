/** Farming signals and the owner's verdict on held rewards: /api/v1/admin/sites/:site/farming, …/rewards/release, …/rewards/revoke. */
import { type Context, Hono } from 'hono'
import { FarmingQuery, RewardSelection } from '../../../shared/admin.ts'
import { SiteId } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { farmingSignals } from '../../domain/rewards/farming-signals.ts'
import { releaseRewards, revokeRewards } from '../../domain/rewards/held-rewards.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

export function farmingRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  const site = async (c: Context) => (await getSite(ctx, readParam(c, 'site', SiteId))).id

  routes.get('/sites/:site/farming', async (c) => c.json(await farmingSignals(ctx, { siteId: await site(c), ...readQuery(c, FarmingQuery) })))
  // Releasing spends the owner's budget: owners only. Revoking is what a moderator does to codes anyway.
  routes.post('/sites/:site/rewards/release', requireRole('owner'), async (c) =>
    c.json(await releaseRewards(ctx, { siteId: await site(c), ...(await readJson(c, RewardSelection)), actor: actor(c) })),
  )
  routes.post('/sites/:site/rewards/revoke', async (c) =>
    c.json(await revokeRewards(ctx, { siteId: await site(c), ...(await readJson(c, RewardSelection)), actor: actor(c) })),
  )
  return routes
}
