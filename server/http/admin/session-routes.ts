/**
 * Logging in and out. Every attempt is counted before the password is
 * checked (an atomic increment in the database, shared by every server
 * process), so N guesses in parallel count N. A browser that logged in as this
 * account before (a device cookie, device-cookie.ts) has its own allowance;
 * everyone else is counted per account+IP, per IP and per account, and past a
 * limit answered 429 with Retry-After until the window passes.
 */
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import PQueue from 'p-queue'
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { AdminUser, LoginBody, NotificationSettings, Ok, SessionAnswer, WhoAnswer } from '../../../shared/admin.ts'
import { rateLimits } from '../../db/schema.ts'
import { clientNetwork } from '../../domain/abuse/client-network.ts'
import { issueDeviceCookie, trustedDevice } from '../../domain/admin/device-cookie.ts'
import { logIn } from '../../domain/admin/log-in.ts'
import { saveNotificationSettings } from '../../domain/admin/notification-settings.ts'
import { endSession, findSession, SESSION_DAYS } from '../../domain/admin/sessions.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { log } from '../../log.ts'
import { clientIp } from '../client-ip.ts'
import { doc } from '../openapi.ts'
import { isOwnOrigin } from '../own-origin.ts'
import { readJson } from '../validate.ts'
import { type AdminEnv, cookieName, isSecure, requireSession } from './auth.ts'

export interface LoginLimits {
  /** Failures per account from one client network, per window (strangers). */
  perAccountAndIp: number
  /** Attempts from one client network on any account. */
  perIp: number
  /** Attempts on one account from all strangers together. */
  perAccount: number
  /** Attempts from one known browser of the account. */
  perDevice: number
  windowSeconds: number
}

export const LOGIN_LIMITS: LoginLimits = { perAccountAndIp: 5, perIp: 30, perAccount: 100, perDevice: 10, windowSeconds: 15 * 60 }

/**
 * Password checks (argon2id, ~20 MB and tens of milliseconds each) this
 * process runs at once, and how many may wait: logins for made-up accounts
 * from many networks cannot take both cores. A browser that logged in as the
 * account before goes to the front of the line.
 */
export const PASSWORD_CHECKS = { concurrency: 2, waiting: 32 }

const DEVICE_DAYS = 365
const deviceCookieName = (secure: boolean) => (secure ? '__Host-inkind_device' : 'inkind_device')

export function sessionRoutes(ctx: Ctx, opts: { publicUrl: string; trustProxy: number; limits?: LoginLimits }) {
  const l = opts.limits ?? LOGIN_LIMITS
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterDrizzle({ storeClient: ctx.db, schema: rateLimits, keyPrefix, points, duration: l.windowSeconds })
  const pair = limiter('login-pair', l.perAccountAndIp)
  const perIp = limiter('login-ip', l.perIp)
  const perAccount = limiter('login-account', l.perAccount)
  const perDevice = limiter('login-device', l.perDevice)

  /** Counts this attempt; throws 429 when any limit that applies is spent. */
  async function countAttempt(c: Context, keys: { device: string | null; email: string; network: string }) {
    const attempts = keys.device
      ? [perDevice.consume(keys.device)]
      : [pair.consume(`${keys.email}|${keys.network}`), perIp.consume(keys.network), perAccount.consume(keys.email)]
    const results = await Promise.allSettled(attempts)
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
    for (const reason of refused) if (!(reason instanceof RateLimiterRes)) throw reason
    if (refused.length) {
      const wait = Math.max(...(refused as RateLimiterRes[]).map((r) => r.msBeforeNext))
      c.header('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))))
      logLogin('warn', 'admin login refused: too many attempts', keys)
      throw new DomainError('rate_limited', 'Too many failed logins. Wait a little and try again.')
    }
  }

  /** A successful login takes its own attempt back, and clears this pair's failures. */
  async function forgive(keys: { device: string | null; email: string; network: string }) {
    if (keys.device) return perDevice.delete(keys.device)
    await Promise.all([pair.delete(`${keys.email}|${keys.network}`), perIp.reward(keys.network, 1), perAccount.reward(keys.email, 1)])
  }

  const checks = new PQueue({ concurrency: PASSWORD_CHECKS.concurrency })
  const checkPassword = (body: { email: string; password: string }, known: boolean) => {
    if (checks.size >= PASSWORD_CHECKS.waiting && !known) {
      throw new DomainError('unavailable', 'Too many logins at once. Try again in a moment.', undefined, 2)
    }
    return checks.add(() => logIn(ctx, body), { priority: known ? 1 : 0 }) as Promise<Awaited<ReturnType<typeof logIn>>>
  }

  const routes = new Hono<AdminEnv>()

  routes.post(
    '/session',
    doc({
      id: 'logIn',
      tag: 'Admin: session',
      summary: 'Log in',
      description:
        'Sets the session cookie (HttpOnly, SameSite=Lax; Secure and __Host- over https) and answers the CSRF token every change must carry. Attempts are counted before the password is checked; a browser that logged in as this account before has its own allowance.',
      auth: 'public',
      body: LoginBody,
      ok: { description: 'Logged in.', schema: SessionAnswer },
      errors: ['unauthorized', 'rate_limited', 'origin_not_allowed', 'unavailable'],
    }),
    async (c) => {
      const origin = c.req.header('origin')
      if (origin && !isOwnOrigin(origin, opts.publicUrl)) {
        throw new DomainError('origin_not_allowed', 'Log in from the admin app.')
      }
      const body = await readJson(c, LoginBody)
      const secure = isSecure(c, opts.publicUrl)
      const email = body.email.toLowerCase()
      const device = await trustedDevice(ctx, getCookie(c, deviceCookieName(secure)), email)
      const keys = { device, email, network: clientNetwork(clientIp(c, opts.trustProxy)) }
      await countAttempt(c, keys)
      try {
        const session = await checkPassword(body, device !== null)
        await forgive(keys)
        setCookie(c, cookieName(secure), session.token, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: SESSION_DAYS * 86_400 })
        if (!device) {
          setCookie(c, deviceCookieName(secure), await issueDeviceCookie(ctx, email), {
            httpOnly: true,
            secure,
            sameSite: 'Strict',
            path: '/',
            maxAge: DEVICE_DAYS * 86_400,
          })
        }
        logLogin('info', 'admin login', { ...keys, user: session.user.id })
        return c.json({ user: session.user, csrfToken: session.csrfToken, server: { canEmail: Boolean(ctx.canEmail) } } satisfies SessionAnswer)
      } catch (error) {
        if (error instanceof DomainError && error.code === 'unauthorized') logLogin('warn', 'admin login failed: wrong email or password', keys)
        throw error
      }
    },
  )

  // Who is logged in here, if anyone: the admin app's first question, answered without an error either way.
  routes.get(
    '/session',
    doc({
      id: 'whoAmI',
      tag: 'Admin: session',
      summary: 'Who is logged in here, if anyone',
      auth: 'public',
      ok: { description: 'The session’s admin, or nulls.', schema: WhoAnswer },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store')
      const token = getCookie(c, cookieName(isSecure(c, opts.publicUrl)))
      const session = token ? await findSession(ctx, token) : undefined
      return c.json({ user: session?.user ?? null, csrfToken: session?.csrfToken ?? null, server: { canEmail: Boolean(ctx.canEmail) } } satisfies WhoAnswer)
    },
  )

  routes.delete(
    '/session',
    requireSession(ctx, opts.publicUrl),
    doc({
      id: 'logOut',
      tag: 'Admin: session',
      summary: 'Log out',
      description: 'Ends the session on the server and clears the cookie.',
      auth: 'change',
      ok: { description: 'Logged out.', schema: Ok },
    }),
    async (c) => {
      await endSession(ctx, c.get('token'))
      deleteCookie(c, cookieName(isSecure(c, opts.publicUrl)), { path: '/', secure: isSecure(c, opts.publicUrl) })
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.put(
    '/me/notifications',
    requireSession(ctx, opts.publicUrl),
    doc({
      id: 'saveMyNotifications',
      tag: 'Admin: session',
      summary: 'What the logged-in admin hears of by email',
      description: 'An email for each comment held for approval, and a daily digest of new comments.',
      auth: 'change',
      body: NotificationSettings,
      ok: { description: 'The admin, as saved.', schema: AdminUser },
    }),
    async (c) => {
      const settings = await readJson(c, NotificationSettings)
      return c.json((await saveNotificationSettings(ctx, { userId: c.get('session').user.id, ...settings })) satisfies AdminUser)
    },
  )

  return routes
}

/** One JSON line an operator can investigate with: which account, from which network, from a known browser or not. */
function logLogin(level: 'info' | 'warn', msg: string, k: { device: string | null; email: string; network: string; user?: number }) {
  log(level, msg, { account: k.email.slice(0, 254), network: k.network, device: k.device ? 'known' : 'new', ...(k.user && { user: k.user }) })
}
