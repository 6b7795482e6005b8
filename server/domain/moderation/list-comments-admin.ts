import { and, desc, eq, like, lt, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { z } from 'zod'
import type { AdminComment, AdminCommentsQuery, Page } from '../../../shared/admin.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import { codeStatus } from '../codes/list-codes.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'

const parents = alias(comments, 'parent')
const EXCERPT = 140

/** The start of a text, cut at a word where it can be. */
function excerpt(text: string): string {
  if (text.length <= EXCERPT) return text
  const cut = text.slice(0, EXCERPT)
  return `${cut.slice(0, cut.lastIndexOf(' ') > EXCERPT / 2 ? cut.lastIndexOf(' ') : EXCERPT).trimEnd()}…`
}

/**
 * The moderation queue (pending by default), comment search, one thread's
 * comments and one reader's (every status by default), newest first; or one
 * comment by id. Each with the comment it answers.
 */
export async function listCommentsForAdmin(ctx: Ctx, query: z.output<typeof AdminCommentsQuery>): Promise<Page<AdminComment>> {
  const now = ctx.clock().toISOString()
  const q = query.q?.replace(/[%_\\]/g, '\\$&')
  const status = query.status ?? (query.reader ? 'all' : 'pending')
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
      parentAuthor: parents.authorName,
      parentStart: sql<string | null>`substr(${parents.body}, 1, ${EXCERPT + 1})`,
      parentStatus: parents.status,
    })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .leftJoin(rewards, eq(rewards.commentId, comments.id))
    .leftJoin(parents, eq(parents.id, comments.parentId))
    .where(
      and(
        query.site ? eq(comments.siteId, query.site) : undefined,
        query.id ? eq(comments.id, query.id) : status === 'all' ? undefined : eq(comments.status, status),
        query.reader ? eq(comments.readerKey, normalizeEmail(query.reader)) : undefined,
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
    items: page.items.map(({ rewardStatus, rewardCode, rewardExpires, adminUserId, parentAuthor, parentStart, parentStatus, ...c }) => ({
      ...c,
      byAuthor: adminUserId !== null,
      reward: rewardStatus ? { status: codeStatus({ status: rewardStatus, expiresAt: rewardExpires }, now), code: rewardCode } : null,
      parent:
        c.parentId !== null && parentStatus
          ? { id: c.parentId, authorName: parentAuthor ?? '', excerpt: excerpt(parentStart ?? ''), status: parentStatus }
          : null,
    })),
  }
}
