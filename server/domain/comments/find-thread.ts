import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import type { Site } from '../sites/get-site.ts'

export type Thread = typeof threads.$inferSelect

// Built once per database: the hot read of every list request.
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>()
const prepare = (db: Db) =>
  db
    .select()
    .from(threads)
    .where(and(eq(threads.siteId, sql.placeholder('site')), eq(threads.key, sql.placeholder('key'))))
    .prepare()

/** A thread exists once its first comment was posted (or the owner listed or imported the post); the key is canonical. */
export async function findThread(ctx: Ctx, input: { site: Site; key: string }): Promise<Thread | undefined> {
  let query = prepared.get(ctx.db)
  if (!query) {
    query = prepare(ctx.db)
    prepared.set(ctx.db, query)
  }
  return query.get({ site: input.site.id, key: input.key })
}
