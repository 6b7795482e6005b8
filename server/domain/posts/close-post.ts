/**
 * Closing a post: it takes no new comments (the widget says so and shows no
 * form; a post answers 403 thread_closed), and its comments stay as they are.
 * Reopening takes comments again. A post nobody commented on yet is listed
 * (as `posts add` does) so it can be closed before its first comment.
 */
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { canonicalThreadKey } from '../../../shared/thread-key.ts'
import { threads } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { getSite } from '../sites/get-site.ts'

export async function setPostClosed(ctx: Ctx, input: { siteId: string; thread: string; closed: boolean; actor: Actor }) {
  const site = await getSite(ctx, input.siteId)
  const key = canonicalThreadKey(input.thread, site.posts.queryParam)
  const at = ctx.clock().toISOString()
  const mine = and(eq(threads.siteId, site.id), eq(threads.key, key))
  if (input.closed) {
    await ctx.db.insert(threads).values({ siteId: site.id, key, source: 'owner', createdAt: at }).onConflictDoNothing()
  } else if (!(await ctx.db.query.threads.findFirst({ where: mine }))) {
    throw new DomainError('thread_not_found', `There is no post ${key} on ${site.id}.`)
  }
  const [[row]] = await ctx.db.batch([
    ctx.db
      .update(threads)
      .set({ closedAt: input.closed ? at : null, revision: sql`${threads.revision} + 1` })
      .where(and(mine, input.closed ? isNull(threads.closedAt) : isNotNull(threads.closedAt)))
      .returning(),
    auditIfChanged(ctx, { actor: input.actor, action: input.closed ? 'post.closed' : 'post.opened', siteId: site.id, subject: key }),
  ])
  const thread = row ?? (await ctx.db.query.threads.findFirst({ where: mine }))!
  return { siteId: site.id, key: thread.key, closedAt: thread.closedAt }
}
