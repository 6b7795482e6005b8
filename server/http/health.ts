import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import type { z } from 'zod'
import { HealthAnswer } from '../../shared/health.ts'
import type { Ctx } from '../domain/context.ts'
import { errorResponse } from './errors.ts'
import { doc } from './openapi.ts'

/** Liveness with a real database round trip, for load balancers and uptime checks. */
export function health(ctx: Ctx) {
  return new Hono().get(
    '/healthz',
    doc({
      id: 'getHealth',
      tag: 'Server',
      summary: 'Liveness and a database round trip',
      auth: 'public',
      ok: { description: 'The server and its database answer.', schema: HealthAnswer },
      errors: ['unavailable'],
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store')
      try {
        await ctx.db.run(sql`select 1`)
        return c.json({ ok: true, database: 'ok' } satisfies z.infer<typeof HealthAnswer>)
      } catch {
        return errorResponse(c, 'unavailable', 'The database does not answer.')
      }
    },
  )
}
