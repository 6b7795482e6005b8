import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AdminUser as AdminUserView } from '../../../shared/admin.ts'
import { ADMIN_ROLES, type AdminRole } from '../../../shared/values.ts'
import { adminUsers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { adminView } from './admin-view.ts'
import { hashPassword, MIN_PASSWORD } from './passwords.ts'

export type AdminUser = AdminUserView

const Input = z.object({
  email: z.email().transform((e) => e.trim().toLowerCase()),
  password: z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(1024),
  role: z.enum(ADMIN_ROLES),
  name: z.string().trim().min(1).max(120).optional(),
})

/** Creates an admin, or sets the password (and role) of an existing one, bringing back one that was removed. */
export async function saveAdminUser(
  ctx: Ctx,
  input: { email: string; password: string; role: AdminRole; name?: string },
): Promise<{ user: AdminUser; created: boolean }> {
  const parsed = Input.safeParse(input)
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'The admin account is not valid.', Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])))
  }
  const { email, password, role, name } = parsed.data
  const passwordHash = await hashPassword(password)
  const existing = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.email, email) })
  const [row] = await ctx.db
    .insert(adminUsers)
    .values({ email, name: name ?? email.split('@')[0]!, role, passwordHash, createdAt: ctx.clock().toISOString() })
    .onConflictDoUpdate({ target: adminUsers.email, set: { passwordHash, role, removedAt: null, ...(name && { name }) } })
    .returning()
  return { user: adminView(row!), created: !existing }
}
