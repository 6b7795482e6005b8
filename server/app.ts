import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Ctx } from './domain/context.ts'
import type { Config } from './env.ts'
import { adminApi } from './http/admin/admin-api.ts'
import type { LoginLimits } from './http/admin/session-routes.ts'
import { apiDocs } from './http/api-docs.ts'
import { embedPage } from './http/embed-page.ts'
import { errorResponse, handleError } from './http/errors.ts'
import { health } from './http/health.ts'
import { ListCache } from './http/list-cache.ts'
import { countRequests, metricsRoute } from './http/metrics.ts'
import { isHttps } from './http/own-origin.ts'
import { publicApi } from './http/public-api.ts'
import { readerPages } from './http/reader-pages.ts'
import { requestId } from './http/request-id.ts'
import { requestLog } from './http/request-log.ts'
import { shopApi } from './http/shop-api.ts'
import { type Assets, staticFiles } from './http/static-files.ts'
import type { Metrics } from './metrics.ts'

export interface AppDeps extends Ctx {
  config: Pick<Config, 'publicUrl' | 'trustProxy'>
  assets: Assets
  /** Failed-login limits; tests shorten the window. */
  loginLimits?: LoginLimits
  /** One JSON line per request on stdout (the server; in-process tests leave it off). */
  logRequests?: boolean
  /** Prometheus metrics (server/metrics.ts), when switched on: requests are counted. */
  metrics?: Metrics
  /** With metrics: GET /metrics on this server answers a bearer of this token (METRICS_TOKEN). */
  metricsToken?: string
}

/** The whole HTTP surface. Everything it needs is handed in, so a test can build one on a fresh database. */
export function createApp(deps: AppDeps) {
  const app = new Hono()
  const lists = new ListCache()
  app.use(requestId(deps.config.trustProxy))
  if (deps.metrics) app.use(countRequests(deps.metrics))
  if (deps.logRequests) app.use(requestLog())
  // The hosted embed is framed by the site's origins: its CSP's frame-ancestors says which, and X-Frame-Options goes.
  app.use('/embed', async (c, next) => {
    await next()
    c.res.headers.delete('X-Frame-Options')
  })
  // Pages reached from a mailed link carry its token in their address: no referrer at all, whatever the default below.
  app.use('/reader/*', async (c, next) => {
    await next()
    c.res.headers.set('Referrer-Policy', 'no-referrer')
  })
  app.use(
    secureHeaders({
      // Pages set their own CSP; the API answers JSON that no browser should render or frame.
      contentSecurityPolicy: undefined,
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      xFrameOptions: 'DENY',
      referrerPolicy: 'strict-origin-when-cross-origin',
      // Sent below, and only over HTTPS: over plain http a browser ignores it, and it says nothing true.
      strictTransportSecurity: false,
    }),
  )
  app.use(async (c, next) => {
    await next()
    if (isHttps(c.req.url, c.req.header('x-forwarded-proto'), deps.config.trustProxy))
      c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  })
  app.route('/', health(deps))
  if (deps.metrics && deps.metricsToken) app.route('/', metricsRoute(deps.metrics, deps.metricsToken))
  app.route('/api/v1/sites', publicApi(deps, { ...deps.config, lists }))
  app.route('/api/v1/admin', adminApi(deps, { ...deps.config, loginLimits: deps.loginLimits, lists }))
  app.route('/api/v1/codes', shopApi(deps))
  apiDocs(app)
  app.route('/', embedPage(deps, { live: deps.assets.live }))
  app.route('/', readerPages(deps))
  app.route('/', staticFiles(deps.assets))
  app.notFound((c) => errorResponse(c, 'not_found', `Nothing at ${c.req.method} ${c.req.path}.`))
  app.onError(handleError)
  return app
}
