import { Hono } from 'hono'
import { AuditEntry, AuditFacets, AuditQuery, type Page, pageOf, StatsAnswer, StatsQuery } from '../../../shared/admin.ts'
import { auditFacets, listAudit } from '../../domain/audit/list-audit.ts'
import type { Ctx } from '../../domain/context.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { siteStats } from '../../domain/stats/site-stats.ts'
import { doc } from '../openapi.ts'
import { readQuery } from '../validate.ts'
import type { AdminEnv } from './auth.ts'

export function reportsRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  routes.get(
    '/stats',
    doc({
      id: 'getStats',
      tag: 'Admin: reports',
      summary: 'Does it pay? Rewarded readers, redemptions, conversion and revenue, per month and per post',
      description:
        'Conversion is per rewarded reader (not per comment): readers whose code was issued in the period, and how many of them have redeemed it. Revenue is what the shop reported with its redemptions (orderTotal), per currency. Default: the last twelve months; at most 400 days per request.',
      auth: 'session',
      query: StatsQuery,
      ok: { description: 'Totals, months and posts.', schema: StatsAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const query = readQuery(c, StatsQuery)
      await getSite(ctx, query.site)
      return c.json((await siteStats(ctx, query)) satisfies StatsAnswer)
    },
  )
  routes.get(
    '/audit',
    doc({
      id: 'listAudit',
      tag: 'Admin: reports',
      summary: 'The audit log, newest first',
      description: 'People named (an admin by email, a shop by its API key’s name); filters by site, who, action (or area, `code.`) and days.',
      auth: 'session',
      query: AuditQuery,
      ok: { description: 'A page of entries.', schema: pageOf(AuditEntry) },
    }),
    async (c) => c.json((await listAudit(ctx, readQuery(c, AuditQuery))) satisfies Page<AuditEntry>),
  )
  routes.get(
    '/audit/facets',
    doc({
      id: 'auditFacets',
      tag: 'Admin: reports',
      summary: 'Who and which actions appear in the audit log: its filters',
      auth: 'session',
      ok: { description: 'Actors (with names) and actions.', schema: AuditFacets },
    }),
    async (c) => c.json((await auditFacets(ctx)) satisfies AuditFacets),
  )
  return routes
}
