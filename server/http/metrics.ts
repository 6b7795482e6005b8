/**
 * /metrics in the Prometheus text format, and the middleware that counts
 * every request for it. Off unless switched on: with METRICS_TOKEN the main
 * server answers /metrics to `Authorization: Bearer <token>` only; with
 * METRICS_PORT a second listener on 127.0.0.1 answers it to anyone who can
 * reach the machine's loopback.
 */
import { timingSafeEqual } from 'node:crypto'
import { Hono, type MiddlewareHandler } from 'hono'
import type { Metrics } from '../metrics.ts'
import { errorResponse } from './errors.ts'
import { routePattern } from './route-pattern.ts'

const COMMENTS_ROUTE = '/api/v1/sites/:site/threads/:thread/comments'

/** Counts each request by its route pattern (c.req.routePath: a fixed set, never the raw path) and status. */
export function countRequests(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now()
    await next()
    const route = routePattern(c)
    if (route === '/metrics') return
    const status = c.res.status
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(status) })
    metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - start) / 1000)
    if (status === 429) metrics.rateLimited.inc({ route })
    if (status === 201 && c.req.method === 'POST' && route === COMMENTS_ROUTE) {
      // The answer says what became of the comment and its reward (PostCommentAnswer).
      const answer = (await c.res
        .clone()
        .json()
        .catch(() => null)) as { comment?: { status?: string }; reward?: { status?: string } | null } | null
      if (answer?.comment?.status) metrics.comments.inc({ status: answer.comment.status })
      if (answer?.reward?.status) metrics.rewards.inc({ status: answer.reward.status })
    }
  }
}

async function exposition(metrics: Metrics) {
  return new Response(await metrics.registry.metrics(), {
    headers: { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' },
  })
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** GET /metrics on the main server, for a bearer of the token. */
export function metricsRoute(metrics: Metrics, token: string) {
  return new Hono().get('/metrics', async (c) => {
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
    if (!same(given, token)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"')
      return errorResponse(c, 'unauthorized', 'Metrics need Authorization: Bearer <METRICS_TOKEN>.')
    }
    return exposition(metrics)
  })
}

/** The loopback-only listener of METRICS_PORT: /metrics and nothing else. */
export function metricsListener(metrics: Metrics) {
  const app = new Hono()
  app.get('/metrics', () => exposition(metrics))
  app.notFound((c) => errorResponse(c, 'not_found', 'Only /metrics is here.'))
  return app
}
