import { Hono } from 'hono'
import { RefusedOriginsAnswer, SitesAnswer } from '../../../shared/admin.ts'
import { SiteParams } from '../../../shared/comments.ts'
import { AdminSite, SiteId, SiteSettings } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { listSites } from '../../domain/sites/list-sites.ts'
import { listRefusedOrigins } from '../../domain/sites/refused-origins.ts'
import { saveSite } from '../../domain/sites/save-site.ts'
import { isSiteOrigin } from '../../domain/sites/site-origins.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

export function sitesRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  routes.get(
    '/sites',
    doc({
      id: 'listSites',
      tag: 'Admin: sites',
      summary: 'Every site of this server',
      auth: 'session',
      ok: { description: 'The sites.', schema: SitesAnswer },
    }),
    async (c) => c.json({ items: (await listSites(ctx)).map((s) => ({ id: s.id, name: s.name })) } satisfies SitesAnswer),
  )
  routes.get(
    '/sites/:site',
    doc({
      id: 'getSite',
      tag: 'Admin: sites',
      summary: 'A site’s settings',
      auth: 'session',
      params: SiteParams,
      ok: { description: 'Every setting, filled in.', schema: AdminSite },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const { createdAt: _, ...site } = await getSite(ctx, readParam(c, 'site', SiteId))
      return c.json(site satisfies AdminSite)
    },
  )
  routes.get(
    '/sites/:site/refused-origins',
    doc({
      id: 'listRefusedOrigins',
      tag: 'Admin: sites',
      summary: 'Origins the widget was refused on lately',
      description: 'Pages on origins the site does not allow that tried to show its comments: usually one the owner forgot (www or not, a preview host).',
      auth: 'session',
      params: SiteParams,
      ok: { description: 'The most recent, newest first.', schema: RefusedOriginsAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const site = await getSite(ctx, readParam(c, 'site', SiteId))
      const items = (await listRefusedOrigins(ctx, { siteId: site.id })).filter((r) => !isSiteOrigin(site.origins, r.origin))
      return c.json({ items } satisfies RefusedOriginsAnswer)
    },
  )
  routes.put(
    '/sites/:site',
    requireRole('owner'),
    doc({
      id: 'saveSite',
      tag: 'Admin: sites',
      summary: 'Replace a site’s settings',
      description: 'Owners only; audited. Held or emailed rewards are refused while the server cannot send email (SMTP_URL unset).',
      auth: 'owner',
      params: SiteParams,
      body: SiteSettings,
      ok: { description: 'The saved settings.', schema: AdminSite },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const id = readParam(c, 'site', SiteId)
      await getSite(ctx, id)
      const settings = await readJson(c, SiteSettings)
      const { createdAt: _, ...site } = await saveSite(ctx, { id, settings, actor: actor(c) })
      return c.json(site satisfies AdminSite)
    },
  )
  return routes
}
