/**
 * Logging in and out. Failed logins are counted in the database (so every
 * server process sees them) per account+IP, per IP and per account; past a
 * limit the answer is 429 with Retry-After until the window passes. Blocks
 * expire on their own, so an attacker can slow the owner down but never lock
 * them out for good, and never from another network at all (the account+IP
 * limit is the tight one).
 */
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { LoginBody } from '../../../shared/admin.ts'
import { rateLimits } from '../../db/schema.ts'
import { logIn } from '../../domain/admin/log-in.ts'
import { endSession, SESSION_DAYS } from '../../domain/admin/sessions.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { clientIp } from '../client-ip.ts'
import { readJson } from '../validate.ts'
import { cookieName, isSecure, requireSession, type AdminEnv } from './auth.ts'

export interface LoginLimits {
  /** Failures per account from one IP, per window. */
  perAccountAndIp: number
  perIp: number
  perAccount: number
  windowSeconds: number
}

export const LOGIN_LIMITS: LoginLimits = { perAccountAndIp: 5, perIp: 30, perAccount: 100, windowSeconds: 15 * 60 }

export function sessionRoutes(ctx: Ctx, opts: { publicUrl: string; trustProxy: boolean; limits?: LoginLimits }) {
  const l = opts.limits ?? LOGIN_LIMITS
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterDrizzle({ storeClient: ctx.db, schema: rateLimits, keyPrefix, points, duration: l.windowSeconds })
  const limiters = [
    { limiter: limiter('login-pair', l.perAccountAndIp), key: (email: string, ip: string) => `${email}|${ip}` },
    { limiter: limiter('login-ip', l.perIp), key: (_: string, ip: string) => ip },
    { limiter: limiter('login-account', l.perAccount), key: (email: string) => email },
  ]

  const routes = new Hono<AdminEnv>()

  routes.post('/session', async (c) => {
    const origin = c.req.header('origin')
    if (origin && origin !== opts.publicUrl && origin !== new URL(c.req.url).origin) {
      throw new DomainError('origin_not_allowed', 'Log in from the admin app.')
    }
    const body = await readJson(c, LoginBody)
    const email = body.email.toLowerCase()
    const ip = clientIp(c, opts.trustProxy)

    const used = await Promise.all(limiters.map((x) => x.limiter.get(x.key(email, ip))))
    const blocked = used.filter((r, i): r is RateLimiterRes => r !== null && r.consumedPoints >= limiters[i]!.limiter.points)
    if (blocked.length) {
      c.header('Retry-After', String(Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000)))
      throw new DomainError('rate_limited', 'Too many failed logins. Wait a little and try again.')
    }
    try {
      const session = await logIn(ctx, body)
      await limiters[0]!.limiter.delete(limiters[0]!.key(email, ip))
      setCookie(c, cookieName(isSecure(c, opts.publicUrl)), session.token, {
        httpOnly: true,
        secure: isSecure(c, opts.publicUrl),
        sameSite: 'Lax',
        path: '/',
        maxAge: SESSION_DAYS * 86_400,
      })
      console.log(JSON.stringify({ level: 'info', msg: 'admin login', user: session.user.id }))
      return c.json({ user: session.user, csrfToken: session.csrfToken })
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthorized') {
        await Promise.all(limiters.map((x) => x.limiter.penalty(x.key(email, ip), 1)))
        console.log(JSON.stringify({ level: 'warn', msg: 'admin login failed' }))
      }
      throw error
    }
  })

  routes.get('/session', requireSession(ctx, opts.publicUrl), (c) => {
    const { user, csrfToken } = c.get('session')
    return c.json({ user, csrfToken })
  })

  routes.delete('/session', requireSession(ctx, opts.publicUrl), async (c) => {
    await endSession(ctx, c.get('token'))
    deleteCookie(c, cookieName(isSecure(c, opts.publicUrl)), { path: '/', secure: isSecure(c, opts.publicUrl) })
    return c.json({ ok: true })
  })

  return routes
}
