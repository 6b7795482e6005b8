import { sql } from 'drizzle-orm'
import type { ListCommentsAnswer, PublicComment } from '../../../shared/comments.ts'
import type { Ctx } from '../context.ts'
import type { Thread } from './find-thread.ts'
import { publicComment } from './public-comment.ts'

/** Replies nest at most this deep under a top-level comment; deeper ones join their level-2 ancestor. */
const MAX_DEPTH = 2

type Row = { id: number; parentId: number | null; rootId: number | null; authorName: string; body: string; createdAt: string }

/**
 * One page of a thread, oldest first: the top-level comments after the
 * cursor (a keyset on the comments_page index, so page 1,000 costs what page
 * 1 does) and all their published replies (comments_replies index), in one
 * statement.
 */
export async function listComments(ctx: Ctx, thread: Thread, page: { cursor?: string; limit: number }): Promise<ListCommentsAnswer> {
  const after = page.cursor ? Number(page.cursor) : 0
  const rows = (await ctx.db.all(sql`
    with top as (
      select id, parent_id, root_id, author_name, body, created_at from comments
      where thread_id = ${thread.id} and status = 'published' and root_id is null and id > ${after}
      order by id limit ${page.limit + 1}
    )
    select id, parent_id as parentId, root_id as rootId, author_name as authorName, body, created_at as createdAt from top
    union all
    select c.id, c.parent_id, c.root_id, c.author_name, c.body, c.created_at from comments c
    where c.root_id in (select id from top order by id limit ${page.limit}) and c.status = 'published'
    order by id`)) as Row[]

  const top = rows.filter((r) => r.rootId === null)
  const more = top.length > page.limit
  if (more) top.pop()
  const nodes = new Map<number, { comment: PublicComment; depth: number }>()
  const roots = top.map((r) => {
    const comment = publicComment(r)
    nodes.set(r.id, { comment, depth: 0 })
    return comment
  })
  for (const r of rows) {
    if (r.rootId === null) continue
    // A reply whose parent is not public hangs under its top-level comment.
    let parent = nodes.get(r.parentId ?? -1) ?? nodes.get(r.rootId)
    if (!parent) continue
    if (parent.depth >= MAX_DEPTH) parent = nodes.get(parent.comment.parentId ?? -1) ?? parent
    const comment = publicComment(r)
    parent.comment.replies ??= []
    parent.comment.replies.push(comment)
    nodes.set(r.id, { comment, depth: parent.depth + 1 })
  }
  return {
    thread: { key: thread.key, title: thread.title, commentCount: thread.commentCount },
    comments: roots,
    nextCursor: more ? String(top.at(-1)!.id) : null,
  }
}
