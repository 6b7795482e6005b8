import { Hono } from 'hono'
import { AttentionAnswer } from '../../../shared/admin.ts'
import type { Ctx } from '../../domain/context.ts'
import { needsAttention } from '../../domain/sites/needs-attention.ts'
import { doc } from '../openapi.ts'
import type { AdminEnv } from './auth.ts'

/** The start page's one question: what needs an admin now. */
export function startRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  routes.get(
    '/attention',
    doc({
      id: 'needsAttention',
      tag: 'Admin: reports',
      summary: 'What needs you now, per site',
      description: 'Held comments, held rewards, deliveries given up on and refused origins of the last 7 days; `total` is the menu’s badge.',
      auth: 'session',
      ok: { description: 'Counts per site.', schema: AttentionAnswer },
    }),
    async (c) => c.json((await needsAttention(ctx)) satisfies AttentionAnswer),
  )
  return routes
}
