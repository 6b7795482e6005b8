/**
 * Origins a site's widget was refused on, so the admin can suggest the one an
 * owner forgot (www vs apex, a preview host, localhost vs 127.0.0.1). Written
 * at most once a minute per origin and process, bounded to the recent ones.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { refusedOrigins } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

const NOTE_EVERY_MS = 60_000
/** Only a shape that could be an owner's page is worth remembering. */
const PLAUSIBLE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i

export async function noteRefusedOrigin(ctx: Ctx, input: { siteId: string; origin: string }) {
  if (!PLAUSIBLE.test(input.origin) || input.origin.length > 200) return
  const key = `${input.siteId}\n${input.origin}`
  if (ctx.caches.refusedOrigins.has(key)) return
  ctx.caches.refusedOrigins.set(key, true, { ttl: NOTE_EVERY_MS })
  const at = ctx.clock().toISOString()
  await ctx.db
    .insert(refusedOrigins)
    .values({ siteId: input.siteId, origin: input.origin, lastSeenAt: at })
    .onConflictDoUpdate({ target: [refusedOrigins.siteId, refusedOrigins.origin], set: { count: sql`${refusedOrigins.count} + 1`, lastSeenAt: at } })
}

export async function listRefusedOrigins(ctx: Ctx, input: { siteId: string; limit?: number }) {
  return ctx.db
    .select({ origin: refusedOrigins.origin, count: refusedOrigins.count, lastSeenAt: refusedOrigins.lastSeenAt })
    .from(refusedOrigins)
    .where(and(eq(refusedOrigins.siteId, input.siteId)))
    .orderBy(desc(refusedOrigins.lastSeenAt))
    .limit(input.limit ?? 10)
}
