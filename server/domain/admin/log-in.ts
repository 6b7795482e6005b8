import { and, eq, isNull } from 'drizzle-orm'
import { adminUsers } from '../../db/schema.ts'
import { ANONYMOUS } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { adminView } from './admin-view.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { type AdminSession, createSession } from './sessions.ts'
import { issueChallenge, openChallenge, useSecondFactor } from './two-factor.ts'

// Verified against when the email is unknown, so a wrong email costs what a wrong password does.
const decoy = hashPassword('not the password of anyone')

export type LoginResult = { session: AdminSession & { token: string } } | { challenge: string }

/** A failed login on an existing account, for the audit log (unknown addresses are only counted, not kept). */
const failed = (ctx: Ctx, userId: number, step: 'password' | 'code', network?: string) =>
  auditEntry(ctx, { actor: ANONYMOUS, action: 'admin.login-failed', siteId: null, subject: `admin:${userId}`, detail: { step, network } })

/**
 * Email + password → a new session, or, for an admin with two-factor login, a
 * challenge to answer with a code (logInWithCode). One message for every
 * failure, so accounts cannot be probed.
 */
export async function logIn(ctx: Ctx, input: { email: string; password: string; network?: string }): Promise<LoginResult> {
  const user = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.email, input.email.trim().toLowerCase()), isNull(adminUsers.removedAt)) })
  const ok = await verifyPassword(user?.passwordHash || (await decoy), input.password)
  if (!user || !ok) {
    if (user) await failed(ctx, user.id, 'password', input.network)
    throw new DomainError('unauthorized', 'Wrong email or password.')
  }
  if (user.totpEnabledAt) return { challenge: await issueChallenge(ctx, user) }
  return { session: await createSession(ctx, adminView(user)) }
}

/** The second step: the challenge of a right password, and a code from the app or a recovery code. */
export async function logInWithCode(ctx: Ctx, input: { challenge: string; code: string; network?: string }) {
  const user = await openChallenge(ctx, input.challenge)
  if ((await useSecondFactor(ctx, user, input.code, { recovery: true })) === null) {
    await failed(ctx, user.id, 'code', input.network)
    throw new DomainError('unauthorized', 'That code is not right (or was used already).')
  }
  return createSession(ctx, adminView(user))
}
