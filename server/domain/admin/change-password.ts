import { eq } from 'drizzle-orm'
import { adminUsers } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { hashPassword, MIN_PASSWORD, verifyPassword } from './passwords.ts'
import { endOtherSessions } from './sessions.ts'

/** An admin changes their own password, proving the current one; every other session of theirs ends (this one goes on). */
export async function changePassword(ctx: Ctx, input: { userId: number; current: string; next: string; keepSession: string; actor: Actor }) {
  const row = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, input.userId) })
  if (!row || !(await verifyPassword(row.passwordHash, input.current))) {
    throw new DomainError('invalid_input', 'The current password is not right.', { current: 'wrong_password' })
  }
  if (input.next.length < MIN_PASSWORD) throw new DomainError('invalid_input', `At least ${MIN_PASSWORD} characters.`, { next: 'too_short' })
  const passwordHash = await hashPassword(input.next)
  await ctx.db.batch([
    ctx.db.update(adminUsers).set({ passwordHash }).where(eq(adminUsers.id, input.userId)),
    endOtherSessions(ctx, input.userId, input.keepSession),
    auditEntry(ctx, { actor: input.actor, action: 'admin.password-changed', siteId: null, subject: `admin:${input.userId}` }),
  ])
}
