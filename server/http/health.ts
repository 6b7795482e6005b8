import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import type { Ctx } from '../domain/context.ts'
import { errorResponse } from './errors.ts'

/** Liveness with a real database round trip, for load balancers and uptime checks. */
export function health(ctx: Ctx) {
  return new Hono().get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store')
    try {
      await ctx.db.run(sql`select 1`)
      return c.json({ ok: true, database: 'ok' })
    } catch {
      return errorResponse(c, 'unavailable', 'The database does not answer.')
    }
  })
}
