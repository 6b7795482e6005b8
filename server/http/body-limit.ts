import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit as honoBodyLimit } from 'hono/body-limit'

/**
 * hono's bodyLimit, without its cost where there is nothing to count. Hono's
 * first reads `c.req.raw.body`, which makes @hono/node-server build a full
 * web Request (an AbortController, undici's Request and Headers, a stream
 * over the socket) for every request, a GET too, and then reads a JSON body
 * through that stream instead of straight from the socket. Here a GET or HEAD
 * (no body) passes and a body with a Content-Length is judged by it, as
 * hono's does; anything else (a chunked body, a request built in-process)
 * goes through hono's, which counts the body as it arrives.
 */
export function bodyLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const counted = honoBodyLimit(options)
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next)
    return Number.parseInt(length || '0', 10) > options.maxSize ? options.onError(c) : next()
  }
}
