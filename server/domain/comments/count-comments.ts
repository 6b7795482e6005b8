import { and, eq, inArray } from 'drizzle-orm'
import { threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import type { Site } from '../sites/get-site.ts'

/** Published comment counts for an index page; a thread nobody commented on counts 0. */
export async function countComments(ctx: Ctx, input: { site: Site; keys: string[] }): Promise<Record<string, number>> {
  const { site, keys } = input
  const rows = await ctx.db
    .select({ key: threads.key, count: threads.commentCount })
    .from(threads)
    .where(and(eq(threads.siteId, site.id), inArray(threads.key, keys)))
  const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]))
  for (const row of rows) counts[row.key] = row.count
  return counts
}
