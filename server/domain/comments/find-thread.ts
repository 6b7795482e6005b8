import { q, rawRows, rawTable } from '../../db/raw.ts'
import { threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import type { Site } from '../sites/get-site.ts'

export type Thread = typeof threads.$inferSelect

/** The hot read of every list request and every comment: raw SQL on the schema's columns (server/db/raw.ts). */
const THREAD = rawTable(threads)

/** A thread exists once its first comment was posted (or the owner listed or imported the post); the key is canonical. */
export async function findThread(ctx: Ctx, input: { site: Site; key: string }): Promise<Thread | undefined> {
  const [row] = await rawRows<Record<string, unknown>>(ctx.db, q`select ${THREAD.columns} from threads where site_id = ${input.site.id} and key = ${input.key}`)
  return row && THREAD.row(row)
}
