import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm'
import type { ListCommentsAnswer, PublicComment } from '../../../shared/comments.ts'
import { comments } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import type { Thread } from './find-thread.ts'
import { publicComment } from './public-comment.ts'

/** Replies nest at most this deep under a top-level comment; deeper ones join their level-2 ancestor. */
const MAX_DEPTH = 2

/**
 * One page of a thread, oldest first: top-level comments after the cursor (a
 * keyset, so page 1,000 costs what page 1 does), and all their published
 * replies in one more query.
 */
export async function listComments(
  ctx: Ctx,
  thread: Thread,
  page: { cursor?: string; limit: number },
): Promise<ListCommentsAnswer> {
  const cols = {
    id: comments.id,
    parentId: comments.parentId,
    rootId: comments.rootId,
    authorName: comments.authorName,
    body: comments.body,
    createdAt: comments.createdAt,
  }
  const after = page.cursor ? [gt(comments.id, Number(page.cursor))] : []
  const top = await ctx.db
    .select(cols)
    .from(comments)
    .where(and(eq(comments.threadId, thread.id), eq(comments.status, 'published'), isNull(comments.rootId), ...after))
    .orderBy(asc(comments.id))
    .limit(page.limit + 1)
  const more = top.length > page.limit
  if (more) top.pop()

  const replies = top.length
    ? await ctx.db
        .select(cols)
        .from(comments)
        .where(and(inArray(comments.rootId, top.map((c) => c.id)), eq(comments.status, 'published')))
        .orderBy(asc(comments.id))
    : []

  const nodes = new Map<number, { comment: PublicComment; depth: number }>()
  const roots = top.map((row) => {
    const comment = publicComment(row)
    nodes.set(row.id, { comment, depth: 0 })
    return comment
  })
  for (const row of replies) {
    // A reply whose parent is not public hangs under its top-level comment.
    let parent = nodes.get(row.parentId ?? -1) ?? nodes.get(row.rootId ?? -1)
    if (!parent) continue
    if (parent.depth >= MAX_DEPTH) parent = nodes.get(parent.comment.parentId ?? -1) ?? parent
    const comment = publicComment(row)
    ;(parent.comment.replies ??= []).push(comment)
    nodes.set(row.id, { comment, depth: parent.depth + 1 })
  }

  return {
    thread: { key: thread.key, title: thread.title, commentCount: thread.commentCount },
    comments: roots,
    nextCursor: more ? String(top.at(-1)!.id) : null,
  }
}
