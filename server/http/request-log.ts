import type { MiddlewareHandler } from 'hono'
import { log } from '../log.ts'
import { routePattern } from './route-pattern.ts'

/**
 * One JSON line per request: time, request id, method, route pattern (not the
 * raw path, which can hold a thread key or a code), status and latency. No
 * query strings, no addresses, no bodies: nothing personal.
 */
export function requestLog(): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now()
    await next()
    const ms = Math.round((performance.now() - start) * 10) / 10
    log('info', 'request', { method: c.req.method, route: routePattern(c), status: c.res.status, ms, requestId: c.get('requestId') })
  }
}
