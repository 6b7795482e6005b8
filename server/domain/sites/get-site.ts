import { eq } from 'drizzle-orm'
import { sites } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

export type Site = typeof sites.$inferSelect

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
  const site = await ctx.db.query.sites.findFirst({ where: eq(sites.id, id) })
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
