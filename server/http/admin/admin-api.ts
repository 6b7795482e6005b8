/** /api/v1/admin: login (and accepting an invitation) is open; everything else needs a session, and changes need the CSRF token. */
import { Hono } from 'hono'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { bodyLimit } from '../body-limit.ts'
import type { ListCache } from '../list-cache.ts'
import { type AdminEnv, requireSession } from './auth.ts'
import { codesRoutes } from './codes-routes.ts'
import { commentsRoutes } from './comments-routes.ts'
import { farmingRoutes } from './farming-routes.ts'
import { moderationRoutes } from './moderation-routes.ts'
import { movingRoutes } from './moving-routes.ts'
import { peopleRoutes } from './people-routes.ts'
import { reportsRoutes } from './reports-routes.ts'
import { type LoginLimits, sessionRoutes } from './session-routes.ts'
import { POOL_CSV_BYTES, shopRoutes } from './shop-routes.ts'
import { sitesRoutes } from './sites-routes.ts'
import { startRoutes } from './start-routes.ts'

export interface AdminApiOptions {
  publicUrl: string
  trustProxy: number
  loginLimits?: LoginLimits
  /** Moderation changes what threads show: their cached lists are dropped. */
  lists: ListCache
}

/**
 * Admin requests are small JSON; the CSV pool import is the exception. A comment
 * import streams its file and counts it itself, after the owner's session is checked,
 * so nothing of an anonymous upload is ever buffered.
 */
const ADMIN_BODY_BYTES = 64 * 1024
const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new DomainError('payload_too_large', `The request body is over ${maxSize} bytes.`)
    },
  })

export function adminApi(ctx: Ctx, opts: AdminApiOptions) {
  const api = new Hono<AdminEnv>()
  api.use('*', (c, next) =>
    /\/code-pool$/.test(c.req.path) ? limit(POOL_CSV_BYTES)(c, next) : /\/sites\/[^/]+\/import$/.test(c.req.path) ? next() : limit(ADMIN_BODY_BYTES)(c, next),
  )
  api.route('/', sessionRoutes(ctx, { publicUrl: opts.publicUrl, trustProxy: opts.trustProxy, limits: opts.loginLimits }))
  const guarded = new Hono<AdminEnv>()
  guarded.use('*', requireSession(ctx, opts.publicUrl))
  guarded.route('/', codesRoutes(ctx))
  guarded.route('/', commentsRoutes(ctx, opts.lists))
  guarded.route('/', sitesRoutes(ctx))
  guarded.route('/', reportsRoutes(ctx))
  guarded.route('/', shopRoutes(ctx))
  guarded.route('/', farmingRoutes(ctx))
  guarded.route('/', movingRoutes(ctx))
  guarded.route('/', peopleRoutes(ctx, opts.loginLimits))
  guarded.route('/', startRoutes(ctx))
  guarded.route('/', moderationRoutes(ctx, opts.lists))
  api.route('/', guarded)
  return api
}
