import { Hono } from 'hono'
import { SiteId, SiteSettings } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { listSites } from '../../domain/sites/list-sites.ts'
import { saveSite } from '../../domain/sites/save-site.ts'
import { readJson, readParam } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

export function sitesRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  routes.get('/sites', async (c) => c.json({ items: (await listSites(ctx)).map((s) => ({ id: s.id, name: s.name })) }))
  routes.get('/sites/:site', async (c) => {
    const { createdAt: _, ...site } = await getSite(ctx, readParam(c, 'site', SiteId))
    return c.json(site)
  })
  routes.put('/sites/:site', requireRole('owner'), async (c) => {
    const id = readParam(c, 'site', SiteId)
    await getSite(ctx, id)
    const settings = await readJson(c, SiteSettings)
    const { createdAt: _, ...site } = await saveSite(ctx, { id, settings, actor: actor(c) })
    return c.json(site)
  })
  return routes
}
