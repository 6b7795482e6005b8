import { eq } from 'drizzle-orm'
import { ANTI_ABUSE_DEFAULTS, type AntiAbuse, POST_RULES_DEFAULTS, type PostRules } from '../../../shared/site.ts'
import { sites } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

type SiteRow = typeof sites.$inferSelect

/** A site with every setting filled in: what is stored, over the defaults of its time (a setting added later reads as its default). */
export type Site = Omit<SiteRow, 'antiAbuse' | 'posts'> & { antiAbuse: AntiAbuse; posts: PostRules }

export function siteFromRow(row: SiteRow): Site {
  return { ...row, antiAbuse: { ...ANTI_ABUSE_DEFAULTS, ...row.antiAbuse }, posts: { ...POST_RULES_DEFAULTS, ...row.posts } }
}

/**
 * Every public request needs its site's settings; they change rarely. Each
 * process keeps them for SITE_TTL_MS (ctx.caches.sites); a change made in
 * this process is seen at once (saveSite forgets the entry), one made in
 * another within the TTL.
 */
export async function findSite(ctx: Ctx, id: string): Promise<Site | undefined> {
  const cache = ctx.caches.sites
  const hit = cache.get(id)
  if (hit) return hit.site ?? undefined
  const row = await ctx.db.query.sites.findFirst({ where: eq(sites.id, id) })
  const site = row ? siteFromRow(row) : undefined
  cache.set(id, { site: site ?? null })
  return site
}

export function forgetSite(ctx: Ctx, id: string) {
  ctx.caches.sites.delete(id)
}

export async function getSite(ctx: Ctx, id: string): Promise<Site> {
  const site = await findSite(ctx, id)
  if (!site) throw new DomainError('site_not_found', `There is no site "${id}".`)
  return site
}
