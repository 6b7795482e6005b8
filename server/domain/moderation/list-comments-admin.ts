import { and, desc, eq, like, lt, or } from 'drizzle-orm'
import type { z } from 'zod'
import type { AdminComment, AdminCommentsQuery, Page } from '../../../shared/admin.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import { codeStatus } from '../codes/list-codes.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'

/** The moderation queue (pending by default), comment search and one thread's comments, newest first; or one comment by id. */
export async function listCommentsForAdmin(ctx: Ctx, query: z.output<typeof AdminCommentsQuery>): Promise<Page<AdminComment>> {
  const now = ctx.clock().toISOString()
  const q = query.q?.replace(/[%_\\]/g, '\\$&')
  const rows = await ctx.db
    .select({
      id: comments.id,
      siteId: comments.siteId,
      thread: { key: threads.key, title: threads.title, url: threads.url },
      parentId: comments.parentId,
      authorName: comments.authorName,
      email: comments.email,
      body: comments.body,
      status: comments.status,
      flag: comments.flag,
      adminUserId: comments.adminUserId,
      editedAt: comments.editedAt,
      createdAt: comments.createdAt,
      rewardStatus: rewards.status,
      rewardCode: rewards.code,
      rewardExpires: rewards.expiresAt,
    })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .leftJoin(rewards, eq(rewards.commentId, comments.id))
    .where(
      and(
        query.site ? eq(comments.siteId, query.site) : undefined,
        query.id ? eq(comments.id, query.id) : eq(comments.status, query.status ?? 'pending'),
        query.thread ? eq(threads.key, query.thread) : undefined,
        q
          ? query.q!.includes('@')
            ? eq(comments.readerKey, normalizeEmail(query.q!))
            : or(like(comments.authorName, `%${q}%`), like(comments.body, `%${q}%`))
          : undefined,
        query.cursor ? lt(comments.id, Number(query.cursor)) : undefined,
      ),
    )
    .orderBy(desc(comments.id))
    .limit(query.limit + 1)
  const page = keysetPage(rows, query.limit)
  return {
    ...page,
    items: page.items.map(({ rewardStatus, rewardCode, rewardExpires, adminUserId, ...c }) => ({
      ...c,
      byAuthor: adminUserId !== null,
      reward: rewardStatus ? { status: codeStatus({ status: rewardStatus, expiresAt: rewardExpires }, now), code: rewardCode } : null,
    })),
  }
}
