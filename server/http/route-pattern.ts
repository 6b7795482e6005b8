import type { Context } from 'hono'
import { matchedRoutes } from 'hono/route'

/**
 * The route pattern a request was for (`/api/v1/sites/:site/config`), never its
 * raw path, which can hold a thread key or a code: the handler's pattern even
 * when a middleware before it answered (an unknown site), else the last
 * middleware's (`/*` for a path nothing serves). A fixed, small set of values.
 */
export function routePattern(c: Context): string {
  const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL')
  return handler?.path ?? c.req.routePath
}
