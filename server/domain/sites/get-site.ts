import { eq } from 'drizzle-orm'
import { sites } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

export type Site = typeof sites.$inferSelect

/**
 * Every public request needs its site's settings; they change rarely. Each
 * process keeps them for SITE_TTL_MS; a change made in this process is seen
 * at once (saveSite forgets the entry), one made in another within the TTL.
 */
export const SITE_TTL_MS = 2000
const cache = new WeakMap<object, Map<string, { site: Site | undefined; until: number }>>()

function entries(ctx: Ctx) {
  let map = cache.get(ctx.db)
  if (!map) cache.set(ctx.db, (map = new Map()))
  return map
}

export async function findSite(ctx: Ctx, id: string): Promise<Site | undefined> {
  const map = entries(ctx)
  const hit = map.get(id)
  const now = Date.now()
  if (hit && hit.until > now) return hit.site
  const site = await ctx.db.query.sites.findFirst({ where: eq(sites.id, id) })
  if (map.size > 10_000) map.clear()
  map.set(id, { site, until: now + SITE_TTL_MS })
  return site
}

export function forgetSite(ctx: Ctx, id: string) {
  entries(ctx).delete(id)
}

export async function getSite(ctx: Ctx, id: string): Promise<Site> {
  const site = await findSite(ctx, id)
  if (!site) throw new DomainError('site_not_found', `There is no site "${id}".`)
  return site
}
