import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's id: in the X-Request-Id answer header, every log line about it and its error body. */
    requestId: string
  }
}

/** What a proxy's id looks like (nginx's $request_id is 32 hex digits, Caddy's a UUID): nothing a log or a header could be broken with. */
const SANE = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/

/**
 * Gives every request an id. A proxy of ours (TRUST_PROXY) may hand one in as
 * X-Request-Id, so its access log and ours name the same request; a client's
 * own header is ignored, as is anything that is not a plain token.
 */
export function requestId(trustProxy: number): MiddlewareHandler {
  return async (c, next) => {
    const given = trustProxy > 0 ? c.req.header('x-request-id') : undefined
    const id = given && SANE.test(given) ? given : randomUUID()
    c.set('requestId', id)
    c.header('X-Request-Id', id)
    await next()
  }
}
