/**
 * Admin accounts: owners list, invite, change the role of and remove admins;
 * every admin changes their own password and turns two-factor login on or off.
 * Checks of a password or a code are counted per admin like logins.
 */
import { type Context, Hono } from 'hono'
import { RateLimiterRes } from 'rate-limiter-flexible'
import {
  AdminUser,
  CodeBody,
  IdParams,
  InviteAnswer,
  InviteBody,
  Ok,
  PasswordBody,
  PeopleAnswer,
  RecoveryCodesAnswer,
  RoleBody,
  TwoFactorSetup,
  TwoFactorStatus,
} from '../../../shared/admin.ts'
import { limiter } from '../../domain/abuse/rate-limits.ts'
import { changePassword } from '../../domain/admin/change-password.ts'
import { cancelInvite, inviteAdmin } from '../../domain/admin/invites.ts'
import { changeRole, listPeople, removeAdmin } from '../../domain/admin/manage-admins.ts'
import { disableTwoFactor, enableTwoFactor, recoveryCodesLeft, renewRecoveryCodes, startTwoFactor } from '../../domain/admin/two-factor.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'
import { LOGIN_LIMITS, type LoginLimits } from './session-routes.ts'

export function peopleRoutes(ctx: Ctx, limits: LoginLimits = LOGIN_LIMITS) {
  const routes = new Hono<AdminEnv>()
  const id = (c: Context) => readParam(c, 'id', IdParams.shape.id)
  const me = (c: Context<AdminEnv>) => c.get('session').user
  const admin = (c: Context<AdminEnv>) => ({ kind: 'admin' as const, id: me(c).id })

  /** A password or code check by a logged-in admin: as many tries per window as a login from a stranger. */
  const counted = async <T>(c: Context<AdminEnv>, work: () => Promise<T>): Promise<T> => {
    const checks = limiter(ctx, 'me-check', limits.perAccountAndIp, limits.windowSeconds)
    const key = String(me(c).id)
    try {
      await checks.consume(key)
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      throw new DomainError('rate_limited', 'Too many wrong tries. Wait a little and try again.', undefined, Math.max(1, Math.ceil(error.msBeforeNext / 1000)))
    }
    const result = await work()
    await checks.delete(key)
    return result
  }

  routes.get(
    '/admins',
    requireRole('owner'),
    doc({
      id: 'listAdmins',
      tag: 'Admin: people',
      summary: 'The admins, and the invitations still open',
      auth: 'owner',
      ok: { description: 'Admins (email, role, last login, two-factor) and invitations.', schema: PeopleAnswer },
    }),
    async (c) => c.json((await listPeople(ctx)) satisfies PeopleAnswer),
  )

  routes.post(
    '/admins/invites',
    requireRole('owner'),
    doc({
      id: 'inviteAdmin',
      tag: 'Admin: people',
      summary: 'Invite someone to be an admin',
      description:
        'Mails a link (good for 72 hours) through the outbox; on a server without SMTP_URL the link is answered instead, this once. A new invitation to the same address replaces the old one.',
      auth: 'owner',
      body: InviteBody,
      ok: { status: 201, description: 'Invited.', schema: InviteAnswer },
      errors: ['conflict'],
    }),
    async (c) => {
      const body = await readJson(c, InviteBody)
      return c.json((await inviteAdmin(ctx, { ...body, actor: admin(c) })) satisfies InviteAnswer, 201)
    },
  )

  routes.delete(
    '/admins/invites/:id',
    requireRole('owner'),
    doc({
      id: 'cancelInvite',
      tag: 'Admin: people',
      summary: 'Cancel an invitation: its link stops working',
      auth: 'owner',
      params: IdParams,
      ok: { description: 'Cancelled.', schema: Ok },
      errors: ['not_found'],
    }),
    async (c) => {
      await cancelInvite(ctx, { id: id(c), actor: actor(c) })
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.put(
    '/admins/:id/role',
    requireRole('owner'),
    doc({
      id: 'changeAdminRole',
      tag: 'Admin: people',
      summary: 'Make an admin an owner or a moderator',
      description: 'The last owner cannot be made a moderator (409).',
      auth: 'owner',
      params: IdParams,
      body: RoleBody,
      ok: { description: 'The admin, as changed.', schema: AdminUser },
      errors: ['not_found', 'conflict'],
    }),
    async (c) => {
      const { role } = await readJson(c, RoleBody)
      return c.json((await changeRole(ctx, { id: id(c), role, actor: actor(c) })) satisfies AdminUser)
    },
  )

  routes.delete(
    '/admins/:id',
    requireRole('owner'),
    doc({
      id: 'removeAdmin',
      tag: 'Admin: people',
      summary: 'Remove an admin: their sessions end at once',
      description: 'The last owner cannot be removed (409). The audit log keeps naming them.',
      auth: 'owner',
      params: IdParams,
      ok: { description: 'Removed.', schema: Ok },
      errors: ['not_found', 'conflict'],
    }),
    async (c) => {
      await removeAdmin(ctx, { id: id(c), actor: actor(c) })
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.put(
    '/me/password',
    doc({
      id: 'changeMyPassword',
      tag: 'Admin: people',
      summary: 'Change your own password',
      description: 'Needs the current one. Every other session of yours ends; this one goes on.',
      auth: 'change',
      body: PasswordBody,
      ok: { description: 'Changed.', schema: Ok },
      errors: ['rate_limited'],
    }),
    async (c) => {
      const body = await readJson(c, PasswordBody)
      await counted(c, () => changePassword(ctx, { userId: me(c).id, ...body, keepSession: c.get('token'), actor: admin(c) }))
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.get(
    '/me/two-factor',
    doc({
      id: 'getMyTwoFactor',
      tag: 'Admin: people',
      summary: 'Is two-factor login on for you, and how many recovery codes are left',
      auth: 'session',
      ok: { description: 'On or off.', schema: TwoFactorStatus },
    }),
    async (c) => c.json({ on: me(c).twoFactor, recoveryCodesLeft: await recoveryCodesLeft(ctx, me(c).id) } satisfies TwoFactorStatus),
  )

  routes.post(
    '/me/two-factor',
    doc({
      id: 'startMyTwoFactor',
      tag: 'Admin: people',
      summary: 'Two-factor login, step 1: a new secret to scan',
      description: 'Not in force until a code from it is confirmed. The secret is never shown again after this answer.',
      auth: 'change',
      ok: { description: 'The secret, its otpauth:// address and a QR code of it.', schema: TwoFactorSetup },
      errors: ['conflict'],
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json((await startTwoFactor(ctx, { userId: me(c).id })) satisfies TwoFactorSetup)
    },
  )

  routes.post(
    '/me/two-factor/confirm',
    doc({
      id: 'confirmMyTwoFactor',
      tag: 'Admin: people',
      summary: 'Two-factor login, step 2: a code from the app turns it on',
      description: 'Answers ten one-time recovery codes, this once.',
      auth: 'change',
      body: CodeBody,
      ok: { description: 'On; the recovery codes.', schema: RecoveryCodesAnswer },
      errors: ['conflict', 'rate_limited'],
    }),
    async (c) => {
      const { code } = await readJson(c, CodeBody)
      return c.json((await counted(c, () => enableTwoFactor(ctx, { userId: me(c).id, code, actor: admin(c) }))) satisfies RecoveryCodesAnswer)
    },
  )

  routes.post(
    '/me/two-factor/off',
    doc({
      id: 'turnOffMyTwoFactor',
      tag: 'Admin: people',
      summary: 'Turn two-factor login off',
      description: 'Needs a current code from the app, or a recovery code.',
      auth: 'change',
      body: CodeBody,
      ok: { description: 'Off.', schema: Ok },
      errors: ['conflict', 'rate_limited'],
    }),
    async (c) => {
      const { code } = await readJson(c, CodeBody)
      await counted(c, () => disableTwoFactor(ctx, { userId: me(c).id, code, actor: admin(c) }))
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.post(
    '/me/recovery-codes',
    doc({
      id: 'renewMyRecoveryCodes',
      tag: 'Admin: people',
      summary: 'Ten new recovery codes for the old ones',
      description: 'Needs a current code from the app. The old codes stop working.',
      auth: 'change',
      body: CodeBody,
      ok: { description: 'The new codes, shown this once.', schema: RecoveryCodesAnswer },
      errors: ['conflict', 'rate_limited'],
    }),
    async (c) => {
      const { code } = await readJson(c, CodeBody)
      return c.json((await counted(c, () => renewRecoveryCodes(ctx, { userId: me(c).id, code, actor: admin(c) }))) satisfies RecoveryCodesAnswer)
    },
  )

  return routes
}
