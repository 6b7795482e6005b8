/**
 * Sites that keep readers' emails only for a while (emailRetentionDays):
 * the address of every reader whose last comment is older than that is
 * erased (names and comments stay). Runs with the daily sweep; a bounded
 * number of readers per run, so a first run on a large site spreads out.
 */
import { isNotNull, sql } from 'drizzle-orm'
import { sites } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import type { Ctx } from '../context.ts'
import { eraseReader, forgetOnDisk } from './erase-reader.ts'

const PER_RUN = 500
const DAY_MS = 86_400_000

export async function applyRetention(ctx: Ctx): Promise<number> {
  let erased = 0
  const withRetention = await ctx.db.select({ id: sites.id, days: sites.emailRetentionDays }).from(sites).where(isNotNull(sites.emailRetentionDays))
  for (const site of withRetention) {
    const cutoff = new Date(ctx.clock().getTime() - site.days! * DAY_MS).toISOString()
    const readers = (await ctx.db.all(sql`
      select reader_key as readerKey from comments
      where site_id = ${site.id} and email <> '' and admin_user_id is null
      group by reader_key having max(created_at) < ${cutoff} limit ${PER_RUN}`)) as { readerKey: string }[]
    for (const r of readers) {
      await eraseReader(ctx, { siteId: site.id, readerKey: r.readerKey, how: 'emails', actor: SYSTEM })
      erased++
    }
  }
  if (erased) await forgetOnDisk(ctx)
  return erased
}
