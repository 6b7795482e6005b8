import { eq } from 'drizzle-orm'
import { adminUsers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { createSession } from './sessions.ts'

// Verified against when the email is unknown, so a wrong email costs what a wrong password does.
const decoy = hashPassword('not the password of anyone')

/** Email + password → a new session; one message for every failure, so accounts cannot be probed. */
export async function logIn(ctx: Ctx, input: { email: string; password: string }) {
  const user = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.email, input.email.trim().toLowerCase()) })
  const ok = await verifyPassword(user?.passwordHash ?? (await decoy), input.password)
  if (!user || !ok) throw new DomainError('unauthorized', 'Wrong email or password.')
  const { passwordHash: _, ...safe } = user
  return createSession(ctx, safe)
}
