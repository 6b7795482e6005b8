import type { MiddlewareHandler } from 'hono'

/**
 * One JSON line per request: method, route pattern (not the raw path, which
 * can hold a thread key or a code), status and latency. No query strings, no
 * addresses, no bodies: nothing personal.
 */
export function requestLog(): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now()
    await next()
    const ms = Math.round((performance.now() - start) * 10) / 10
    process.stdout.write(
      `{"level":"info","msg":"request","method":"${c.req.method}","route":${JSON.stringify(c.req.routePath)},"status":${c.res.status},"ms":${ms}}\n`,
    )
  }
}
