import { Hono } from 'hono'
import { AuditQuery, StatsQuery } from '../../../shared/admin.ts'
import { listAudit } from '../../domain/audit/list-audit.ts'
import type { Ctx } from '../../domain/context.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { siteStats } from '../../domain/stats/site-stats.ts'
import { readQuery } from '../validate.ts'
import type { AdminEnv } from './auth.ts'

export function reportsRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  routes.get('/stats', async (c) => {
    const query = readQuery(c, StatsQuery)
    await getSite(ctx, query.site)
    return c.json(await siteStats(ctx, query))
  })
  routes.get('/audit', async (c) => c.json(await listAudit(ctx, readQuery(c, AuditQuery))))
  return routes
}
