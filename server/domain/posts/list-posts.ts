import { and, desc, eq, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm'
import type { Page } from '../../../shared/admin.ts'
import type { AdminPost } from '../../../shared/moderation.ts'
import { canonicalThreadKey } from '../../../shared/thread-key.ts'
import { threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { getSite } from '../sites/get-site.ts'

/** A site's posts with what a moderator needs of each (comments, waiting, closed), newest first. */
export async function listPosts(
  ctx: Ctx,
  input: { siteId: string; q?: string; thread?: string; closed?: 'true' | 'false'; cursor?: string; limit: number },
): Promise<Page<AdminPost>> {
  const site = await getSite(ctx, input.siteId)
  const q = input.q?.replace(/[%_\\]/g, '\\$&')
  const rows = await ctx.db
    .select({
      id: threads.id,
      key: threads.key,
      title: threads.title,
      url: threads.url,
      source: threads.source,
      comments: threads.commentCount,
      pending: sql<number>`(select count(*) from comments c where c.thread_id = "threads"."id" and c.status = 'pending')`,
      closedAt: threads.closedAt,
      createdAt: threads.createdAt,
    })
    .from(threads)
    .where(
      and(
        eq(threads.siteId, site.id),
        input.thread ? eq(threads.key, canonicalThreadKey(input.thread, site.posts.queryParam)) : undefined,
        q ? or(like(threads.key, `%${q}%`), like(threads.title, `%${q}%`)) : undefined,
        input.closed === 'true' ? isNotNull(threads.closedAt) : input.closed === 'false' ? isNull(threads.closedAt) : undefined,
        input.cursor ? lt(threads.id, Number(input.cursor)) : undefined,
      ),
    )
    .orderBy(desc(threads.id))
    .limit(input.limit + 1)
  const page = keysetPage(rows, input.limit)
  return { ...page, items: page.items.map(({ id: _, ...p }) => p) }
}
