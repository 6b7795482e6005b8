/**
 * Admin sessions live in the database, so every server process shares them.
 * The cookie carries a random token; only its SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm'
import { adminSessions, adminUsers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { adminView } from './admin-view.ts'
import type { AdminUser } from './save-admin-user.ts'

export const SESSION_DAYS = 7
const DAY_MS = 86_400_000
/** A session seen again after this long is extended; more often would write on every click. */
const RENEW_AFTER_MS = 3_600_000

export interface AdminSession {
  user: AdminUser
  csrfToken: string
  expiresAt: string
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(ctx: Ctx, user: AdminUser): Promise<AdminSession & { token: string }> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const now = ctx.clock()
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString()
  await ctx.db.batch([
    // Sweep this user's expired sessions while we are here.
    ctx.db.delete(adminSessions).where(and(eq(adminSessions.userId, user.id), lt(adminSessions.expiresAt, now.toISOString()))),
    ctx.db
      .insert(adminSessions)
      .values({ idHash: sha256(token), userId: user.id, csrfToken, createdAt: now.toISOString(), expiresAt, lastSeenAt: now.toISOString() }),
    ctx.db.update(adminUsers).set({ lastLoginAt: now.toISOString() }).where(eq(adminUsers.id, user.id)),
  ])
  return { token, csrfToken, expiresAt, user: { ...user, lastLoginAt: now.toISOString() } }
}

export async function findSession(ctx: Ctx, token: string): Promise<AdminSession | undefined> {
  const now = ctx.clock()
  const [row] = await ctx.db
    .select({
      idHash: adminSessions.idHash,
      csrfToken: adminSessions.csrfToken,
      expiresAt: adminSessions.expiresAt,
      lastSeenAt: adminSessions.lastSeenAt,
      user: adminUsers,
    })
    .from(adminSessions)
    .innerJoin(adminUsers, eq(adminUsers.id, adminSessions.userId))
    .where(and(eq(adminSessions.idHash, sha256(token)), gt(adminSessions.expiresAt, now.toISOString()), isNull(adminUsers.removedAt)))
  if (!row) return undefined
  let expiresAt = row.expiresAt
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > RENEW_AFTER_MS) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString()
    await ctx.db.update(adminSessions).set({ expiresAt, lastSeenAt: now.toISOString() }).where(eq(adminSessions.idHash, row.idHash))
  }
  return { user: adminView(row.user), csrfToken: row.csrfToken, expiresAt }
}

export async function endSession(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.delete(adminSessions).where(eq(adminSessions.idHash, sha256(token)))
}

export async function endAllSessions(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.delete(adminSessions).where(eq(adminSessions.userId, userId))
}

/** Every session of this admin but the one in hand (after a password change): as a statement, for a batch. */
export function endOtherSessions(ctx: Ctx, userId: number, keepToken: string) {
  return ctx.db.delete(adminSessions).where(and(eq(adminSessions.userId, userId), ne(adminSessions.idHash, sha256(keepToken))))
}
