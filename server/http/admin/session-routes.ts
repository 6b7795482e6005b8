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
import {
  AcceptInviteBody,
  AdminUser,
  InviteInfo,
  InviteTokenBody,
  LoginAnswer,
  LoginBody,
  NotificationSettings,
  Ok,
  SecondFactorBody,
  SessionAnswer,
  WhoAnswer,
} from '../../../shared/admin.ts'
import { rateLimits } from '../../db/schema.ts'
import { clientNetwork } from '../../domain/abuse/client-network.ts'
import { issueDeviceCookie, trustedDevice } from '../../domain/admin/device-cookie.ts'
import { acceptInvite, readInvite } from '../../domain/admin/invites.ts'
import { logIn, logInWithCode } from '../../domain/admin/log-in.ts'
import { saveNotificationSettings } from '../../domain/admin/notification-settings.ts'
import { type AdminSession, endSession, findSession, SESSION_DAYS } from '../../domain/admin/sessions.ts'
import { openChallenge } from '../../domain/admin/two-factor.ts'
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
  /** Codes after a right password, per admin: as many tries as a stranger gets at a password. */
  const perCode = limiter('login-code', l.perAccountAndIp)

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
  const checkPassword = (body: { email: string; password: string; network: string }, known: boolean) => {
    if (checks.size >= PASSWORD_CHECKS.waiting && !known) {
      throw new DomainError('unavailable', 'Too many logins at once. Try again in a moment.', undefined, 2)
    }
    return checks.add(() => logIn(ctx, body), { priority: known ? 1 : 0 }) as Promise<Awaited<ReturnType<typeof logIn>>>
  }

  /** The session cookie, and a device cookie for a browser new to this account; the answer the admin app signs in with. */
  async function signIn(c: Context, session: AdminSession & { token: string }, device: string | null) {
    const secure = isSecure(c, opts.publicUrl)
    setCookie(c, cookieName(secure), session.token, { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAge: SESSION_DAYS * 86_400 })
    if (!device) {
      setCookie(c, deviceCookieName(secure), await issueDeviceCookie(ctx, session.user.email), {
        httpOnly: true,
        secure,
        sameSite: 'Strict',
        path: '/',
        maxAge: DEVICE_DAYS * 86_400,
      })
    }
    return c.json({ user: session.user, csrfToken: session.csrfToken, server: { canEmail: Boolean(ctx.canEmail) } } satisfies SessionAnswer)
  }

  const fromAdminApp = (c: Context) => {
    const origin = c.req.header('origin')
    if (origin && !isOwnOrigin(origin, opts.publicUrl)) throw new DomainError('origin_not_allowed', 'Log in from the admin app.')
  }

  const routes = new Hono<AdminEnv>()

  routes.post(
    '/session',
    doc({
      id: 'logIn',
      tag: 'Admin: session',
      summary: 'Log in',
      description:
        'Sets the session cookie (HttpOnly, SameSite=Lax; Secure and __Host- over https) and answers the CSRF token every change must carry. For an admin with two-factor login, answers a challenge instead: send it with a code to POST /session/two-factor. Attempts are counted before the password is checked; a browser that logged in as this account before has its own allowance.',
      auth: 'public',
      body: LoginBody,
      ok: { description: 'Logged in, or the password was right and a code is asked for.', schema: LoginAnswer },
      errors: ['unauthorized', 'rate_limited', 'origin_not_allowed', 'unavailable'],
    }),
    async (c) => {
      fromAdminApp(c)
      const body = await readJson(c, LoginBody)
      const secure = isSecure(c, opts.publicUrl)
      const email = body.email.toLowerCase()
      const device = await trustedDevice(ctx, getCookie(c, deviceCookieName(secure)), email)
      const keys = { device, email, network: clientNetwork(clientIp(c, opts.trustProxy)), requestId: c.get('requestId') }
      await countAttempt(c, keys)
      try {
        const result = await checkPassword({ ...body, network: keys.network }, device !== null)
        await forgive(keys)
        if ('challenge' in result) {
          logLogin('info', 'admin login: password right, asking for the code', keys)
          return c.json({ twoFactor: true, challenge: result.challenge } satisfies LoginAnswer)
        }
        logLogin('info', 'admin login', { ...keys, user: result.session.user.id })
        return signIn(c, result.session, device)
      } catch (error) {
        if (error instanceof DomainError && error.code === 'unauthorized') logLogin('warn', 'admin login failed: wrong email or password', keys)
        throw error
      }
    },
  )

  routes.post(
    '/session/two-factor',
    doc({
      id: 'logInWithCode',
      tag: 'Admin: session',
      summary: 'Log in, second step: the code',
      description:
        'The challenge POST /session answered, and a six-digit code from the authenticator app or one of the recovery codes (each works once). Tries are counted per admin and answered 429 with Retry-After past the limit.',
      auth: 'public',
      body: SecondFactorBody,
      ok: { description: 'Logged in.', schema: SessionAnswer },
      errors: ['unauthorized', 'rate_limited', 'origin_not_allowed'],
    }),
    async (c) => {
      fromAdminApp(c)
      const body = await readJson(c, SecondFactorBody)
      const user = await openChallenge(ctx, body.challenge)
      const network = clientNetwork(clientIp(c, opts.trustProxy))
      const keys = { device: null, email: user.email, network, requestId: c.get('requestId') }
      try {
        await perCode.consume(String(user.id))
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error
        c.header('Retry-After', String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))))
        logLogin('warn', 'admin login refused: too many codes', keys)
        throw new DomainError('rate_limited', 'Too many wrong codes. Wait a little and try again.')
      }
      try {
        const session = await logInWithCode(ctx, { ...body, network })
        await perCode.delete(String(user.id))
        logLogin('info', 'admin login with a code', { ...keys, user: user.id })
        const device = await trustedDevice(ctx, getCookie(c, deviceCookieName(isSecure(c, opts.publicUrl))), user.email)
        return signIn(c, session, device)
      } catch (error) {
        if (error instanceof DomainError && error.code === 'unauthorized') logLogin('warn', 'admin login failed: wrong code', keys)
        throw error
      }
    },
  )

  routes.post(
    '/invites/open',
    doc({
      id: 'openInvite',
      tag: 'Admin: people',
      summary: 'The invitation a link carries',
      description: 'What the invite page shows before the person invited chooses a password: the address and the role.',
      auth: 'public',
      body: InviteTokenBody,
      ok: { description: 'The invitation.', schema: InviteInfo },
      errors: ['not_found', 'link_expired'],
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json((await readInvite(ctx, (await readJson(c, InviteTokenBody)).token)) satisfies InviteInfo)
    },
  )

  routes.post(
    '/invites/accept',
    doc({
      id: 'acceptInvite',
      tag: 'Admin: people',
      summary: 'Accept an invitation: choose a password, be logged in',
      description: 'Uses the link up; the new admin is logged in as POST /session would.',
      auth: 'public',
      body: AcceptInviteBody,
      ok: { description: 'An admin now, logged in.', schema: SessionAnswer },
      errors: ['not_found', 'link_expired', 'conflict', 'origin_not_allowed'],
    }),
    async (c) => {
      fromAdminApp(c)
      const body = await readJson(c, AcceptInviteBody)
      return signIn(c, await acceptInvite(ctx, body), null)
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
function logLogin(level: 'info' | 'warn', msg: string, k: { device: string | null; email: string; network: string; user?: number; requestId?: string }) {
  log(level, msg, {
    account: k.email.slice(0, 254),
    network: k.network,
    device: k.device ? 'known' : 'new',
    ...(k.user && { user: k.user }),
    requestId: k.requestId,
  })
}
