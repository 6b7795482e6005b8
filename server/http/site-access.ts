/**
 * Loads the site named in the path once per request, and decides who may call
 * its API from a browser: the site's allowed origins and this server's own
 * public origin (the demo page and the admin).
 *
 * Reads are public (answered to anyone, CORS headers only for allowed
 * origins); writes must come from an allowed origin.
 */
import type { MiddlewareHandler } from 'hono'
import { SiteId } from '../../shared/site.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { getSite, type Site } from '../domain/sites/get-site.ts'
import { isOwnOrigin } from './own-origin.ts'
import { readParam } from './validate.ts'

export type SiteEnv = { Variables: { site: Site } }

export function siteAccess(ctx: Ctx, publicUrl: string): MiddlewareHandler<SiteEnv> {
  return async (c, next) => {
    const site = await getSite(ctx, readParam(c, 'site', SiteId))
    c.set('site', site)
    const origin = c.req.header('origin')
    const allowed = origin !== undefined && isAllowed(site, origin, publicUrl)
    c.header('Vary', 'Origin', { append: true })

    if (c.req.method === 'OPTIONS') {
      if (!allowed) throw new DomainError('origin_not_allowed', 'This origin may not use this site’s comments.')
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Allow-Methods', 'GET, POST')
      c.header('Access-Control-Allow-Headers', 'Content-Type')
      c.header('Access-Control-Max-Age', '86400')
      return c.body(null, 204)
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !allowed) {
      throw new DomainError('origin_not_allowed', 'This origin may not post to this site’s comments.')
    }
    if (allowed) c.header('Access-Control-Allow-Origin', origin)
    await next()
  }
}

function isAllowed(site: Site, origin: string, publicUrl: string): boolean {
  return site.origins.includes(origin) || isOwnOrigin(origin, publicUrl)
}
