import { eq } from 'drizzle-orm'
import { adminUsers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { generatePassword, verifyPassword } from './passwords.ts'
import { saveAdminUser } from './save-admin-user.ts'
import { endAllSessions } from './sessions.ts'

export const FIRST_OWNER_EMAIL = 'owner@inkind.local'

/**
 * No built-in secret: the owner comes from INKIND_ADMIN_EMAIL/PASSWORD (created,
 * or its password reset, at start; a reset ends the account's sessions), else, when there is no admin at all,
 * from a one-time password generated now and shown once.
 */
export async function bootstrapOwner(
  ctx: Ctx,
  given: { email: string; password: string | undefined } | undefined,
): Promise<{ email: string; password?: string; action: 'created' | 'reset' | 'kept' | 'generated' } | undefined> {
  if (given?.password) {
    const existing = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.email, given.email.trim().toLowerCase()) })
    // The same password at every restart changes nothing; a new one logs the account out everywhere.
    if (existing?.role === 'owner' && (await verifyPassword(existing.passwordHash, given.password))) return { email: given.email, action: 'kept' }
    const { user, created } = await saveAdminUser(ctx, { email: given.email, password: given.password, role: 'owner' })
    if (!created) await endAllSessions(ctx, user.id)
    return { email: given.email, action: created ? 'created' : 'reset' }
  }
  if ((await ctx.db.$count(adminUsers)) > 0) return undefined
  const password = generatePassword()
  const email = given?.email ?? FIRST_OWNER_EMAIL
  await saveAdminUser(ctx, { email, password, role: 'owner', name: 'Owner' })
  return { email, password, action: 'generated' }
}
