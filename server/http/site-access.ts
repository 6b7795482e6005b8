/**
 * Loads the site named in the path once per request, and decides who may call
 * its API from a browser: the site's allowed origins and this server's own
 * public origin (the demo page and the admin).
 *
 * Reads are public (answered to anyone, CORS headers only for allowed
 * origins); writes must come from an allowed origin.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { SiteId } from '../../shared/site.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { getSite, type Site } from '../domain/sites/get-site.ts'
import { noteRefusedOrigin } from '../domain/sites/refused-origins.ts'
import { isSiteOrigin } from '../domain/sites/site-origins.ts'
import { isOwnOrigin } from './own-origin.ts'
import { readParam } from './validate.ts'

export type SiteEnv = { Variables: { site: Site; originAllowed: boolean } }

export function siteAccess(ctx: Ctx, publicUrl: string): MiddlewareHandler<SiteEnv> {
  return async (c, next) => {
    const site = await getSite(ctx, readParam(c, 'site', SiteId))
    c.set('site', site)
    const origin = c.req.header('origin')
    const allowed = origin !== undefined && isAllowed(site, origin, publicUrl)
    c.set('originAllowed', allowed || origin === undefined)
    if (origin && !allowed) void noteRefusedOrigin(ctx, { siteId: site.id, origin }).catch(() => {})
    c.header('Vary', 'Origin', { append: true })

    if (c.req.method === 'OPTIONS') {
      if (!allowed) throw new DomainError('origin_not_allowed', 'This origin may not use this site’s comments.')
      c.header('Access-Control-Allow-Origin', origin)
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE')
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

/**
 * The widget's own reads from a page whose origin the site does not allow:
 * refused in words the owner can act on, and readable by the page (CORS for
 * this one answer), where a silent CORS failure would tell nobody anything.
 */
export function requireAllowedOrigin(c: Context<SiteEnv>) {
  const origin = c.req.header('origin')
  if (!origin || c.get('originAllowed')) return
  c.header('Access-Control-Allow-Origin', origin)
  const site = c.get('site').id
  throw new DomainError(
    'origin_not_allowed',
    `This page's origin ${origin} is not one of the allowed origins of the Inkind site "${site}". Its owner can add it in the admin (Settings → Allowed origins) or with: npm run inkind -- site add ${site} --origin ${origin}`,
    { origin },
  )
}

function isAllowed(site: Site, origin: string, publicUrl: string): boolean {
  return isSiteOrigin(site.origins, origin) || isOwnOrigin(origin, publicUrl)
}
