import { asc } from 'drizzle-orm'
import { sites } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { type Site, siteFromRow } from './get-site.ts'

export async function listSites(ctx: Ctx): Promise<Site[]> {
  return (await ctx.db.select().from(sites).orderBy(asc(sites.id))).map(siteFromRow)
}
