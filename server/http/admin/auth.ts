/** Who is calling the admin API, and may they: session cookie, CSRF header, role. */
import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AdminRole } from '../../../shared/values.ts'
import { type AdminSession, findSession } from '../../domain/admin/sessions.ts'
import type { Actor } from '../../domain/audit/actor.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'

export type AdminEnv = { Variables: { session: AdminSession; token: string } }

export function cookieName(secure: boolean) {
  // __Host- binds the cookie to this exact origin, but browsers accept it only when Secure.
  return secure ? '__Host-inkind_session' : 'inkind_session'
}

export function isSecure(c: Context, publicUrl: string) {
  return publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:'
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Every admin route but login: a live session (401 without), and for changes the CSRF token (403 without). */
export function requireSession(ctx: Ctx, publicUrl: string): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = getCookie(c, cookieName(isSecure(c, publicUrl)))
    const session = token ? await findSession(ctx, token) : undefined
    if (!token || !session) throw new DomainError('unauthorized', 'Please log in.')
    if (!SAFE.has(c.req.method) && !same(c.req.header('x-csrf-token') ?? '', session.csrfToken)) {
      throw new DomainError('csrf_failed', 'Missing or wrong X-CSRF-Token header.')
    }
    c.set('session', session)
    c.set('token', token)
    c.header('Cache-Control', 'no-store')
    await next()
  }
}

export function requireRole(role: AdminRole): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    if (role === 'owner' && c.get('session').user.role !== 'owner') {
      throw new DomainError('forbidden', 'Only an owner can do this.')
    }
    await next()
  }
}

/** The logged-in admin, as the audit log records them. */
export const actor = (c: Context<AdminEnv>): Actor => ({ kind: 'admin', id: c.get('session').user.id })
