import type { AdminUser } from '../../../shared/admin.ts'
import type { adminUsers } from '../../db/schema.ts'

export type AdminRow = typeof adminUsers.$inferSelect

/** An admin as the API shows them: never a password hash or a secret, whatever columns the table grows. */
export function adminView(row: AdminRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    notifyHeld: row.notifyHeld,
    notifyDigest: row.notifyDigest,
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
    twoFactor: row.totpEnabledAt !== null,
  }
}
