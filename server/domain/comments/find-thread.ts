import { and, eq } from 'drizzle-orm'
import { threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import type { Site } from '../sites/get-site.ts'

export type Thread = typeof threads.$inferSelect

/** A thread exists once its first comment was posted. */
export async function findThread(ctx: Ctx, site: Site, key: string): Promise<Thread> {
  const thread = await ctx.db.query.threads.findFirst({ where: and(eq(threads.siteId, site.id), eq(threads.key, key)) })
  if (!thread) throw new DomainError('thread_not_found', 'Nobody has commented here yet.')
  return thread
}
