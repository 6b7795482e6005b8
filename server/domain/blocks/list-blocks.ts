import { and, desc, eq, lt } from 'drizzle-orm'
import type { Page } from '../../../shared/admin.ts'
import type { Block } from '../../../shared/moderation.ts'
import { blocks } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { getSite } from '../sites/get-site.ts'

/** A site's blocks, newest first. */
export async function listBlocks(ctx: Ctx, input: { siteId: string; cursor?: string; limit: number }): Promise<Page<Block>> {
  const site = await getSite(ctx, input.siteId)
  const rows = await ctx.db
    .select({
      id: blocks.id,
      kind: blocks.kind,
      value: blocks.value,
      action: blocks.action,
      note: blocks.note,
      createdBy: blocks.createdBy,
      createdAt: blocks.createdAt,
    })
    .from(blocks)
    .where(and(eq(blocks.siteId, site.id), input.cursor ? lt(blocks.id, Number(input.cursor)) : undefined))
    .orderBy(desc(blocks.id))
    .limit(input.limit + 1)
  return keysetPage(rows, input.limit)
}
