import { eq } from 'drizzle-orm'
import { sites } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

export type Site = typeof sites.$inferSelect

export async function findSite(ctx: Ctx, id: string): Promise<Site | undefined> {
  return ctx.db.query.sites.findFirst({ where: eq(sites.id, id) })
}

export async function getSite(ctx: Ctx, id: string): Promise<Site> {
  const site = await findSite(ctx, id)
  if (!site) throw new DomainError('site_not_found', `There is no site "${id}".`)
  return site
}
