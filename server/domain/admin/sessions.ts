/**
 * Admin sessions live in the database, so every server process shares them.
 * The cookie carries a random token; only its SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, lt } from 'drizzle-orm'
import { adminSessions, adminUsers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
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
  ])
  return { token, csrfToken, expiresAt, user }
}

export async function findSession(ctx: Ctx, token: string): Promise<AdminSession | undefined> {
  const now = ctx.clock()
  const [row] = await ctx.db
    .select({
      idHash: adminSessions.idHash,
      csrfToken: adminSessions.csrfToken,
      expiresAt: adminSessions.expiresAt,
      lastSeenAt: adminSessions.lastSeenAt,
      user: {
        id: adminUsers.id,
        email: adminUsers.email,
        name: adminUsers.name,
        role: adminUsers.role,
        notifyHeld: adminUsers.notifyHeld,
        notifyDigest: adminUsers.notifyDigest,
        digestSentAt: adminUsers.digestSentAt,
        createdAt: adminUsers.createdAt,
      },
    })
    .from(adminSessions)
    .innerJoin(adminUsers, eq(adminUsers.id, adminSessions.userId))
    .where(and(eq(adminSessions.idHash, sha256(token)), gt(adminSessions.expiresAt, now.toISOString())))
  if (!row) return undefined
  let expiresAt = row.expiresAt
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > RENEW_AFTER_MS) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString()
    await ctx.db.update(adminSessions).set({ expiresAt, lastSeenAt: now.toISOString() }).where(eq(adminSessions.idHash, row.idHash))
  }
  return { user: row.user, csrfToken: row.csrfToken, expiresAt }
}

export async function endSession(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.delete(adminSessions).where(eq(adminSessions.idHash, sha256(token)))
}

export async function endAllSessions(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.delete(adminSessions).where(eq(adminSessions.userId, userId))
}
