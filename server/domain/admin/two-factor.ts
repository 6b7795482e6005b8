/**
 * Two-factor login with TOTP (RFC 6238, via otpauth): an admin scans a secret
 * into an authenticator app and confirms it with a code; from then on a login
 * asks for a code after the password, or one of ten one-time recovery codes.
 * The secret is kept encrypted (AES-256-GCM, with a key this installation made
 * for itself) and never shown again after setup; recovery codes only as keyed
 * hashes; each TOTP code is accepted once.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import { renderSVG } from 'uqr'
import type { TwoFactorSetup } from '../../../shared/admin.ts'
import { adminRecoveryCodes, adminSessions, adminUsers } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry, auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { instanceSecret } from '../instance/instance-secret.ts'
import type { AdminRow } from './admin-view.ts'

export const RECOVERY_CODES = 10
const PERIOD = 30
/** A code from the step before or after counts too: a phone's clock a little off, a code typed as it turned. */
const WINDOW = 1
/** Recovery codes: ten characters that cannot be misread (no 0/O, 1/I/L), shown as XXXXX-XXXXX. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

const totp = (secret: Secret, label: string) => new TOTP({ issuer: 'Inkind', label, secret, algorithm: 'SHA1', digits: 6, period: PERIOD })

async function key(ctx: Ctx) {
  return Buffer.from(await instanceSecret(ctx, 'totp-key'), 'base64url')
}

/** The secret, sealed to this admin (their id as associated data: a sealed secret copied to another row does not open). */
async function seal(ctx: Ctx, userId: number, base32: string): Promise<string> {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', await key(ctx), iv).setAAD(Buffer.from(`admin:${userId}`))
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

async function unseal(ctx: Ctx, userId: number, sealed: string): Promise<string> {
  const [, iv, tag, body] = sealed.split('.')
  const decipher = createDecipheriv('aes-256-gcm', await key(ctx), Buffer.from(iv!, 'base64url'))
    .setAAD(Buffer.from(`admin:${userId}`))
    .setAuthTag(Buffer.from(tag!, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8')
}

async function recoveryHash(ctx: Ctx, code: string) {
  return createHmac('sha256', await instanceSecret(ctx, 'recovery-key'))
    .update(code)
    .digest('hex')
}

function newRecoveryCode() {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

/** Ten new recovery codes (as shown) and the statements that replace the old ones. */
async function recoveryCodes(ctx: Ctx, userId: number) {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode)
  const at = ctx.clock().toISOString()
  const rows = await Promise.all(codes.map(async (c) => ({ userId, codeHash: await recoveryHash(ctx, c.replace('-', '')), createdAt: at })))
  return {
    codes,
    statements: [ctx.db.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, userId)), ctx.db.insert(adminRecoveryCodes).values(rows)] as const,
  }
}

async function load(ctx: Ctx, userId: number): Promise<AdminRow> {
  const row = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.id, userId), isNull(adminUsers.removedAt)) })
  if (!row) throw new DomainError('unauthorized', 'Please log in.')
  return row
}

const wrongCode = () =>
  new DomainError('invalid_input', 'That code is not right (or was used already). Try the next one your app shows.', { code: 'wrong_code' })

/** Step 1: a new secret for this admin, not in force until a code from it is confirmed. */
export async function startTwoFactor(ctx: Ctx, input: { userId: number }): Promise<TwoFactorSetup> {
  const row = await load(ctx, input.userId)
  if (row.totpEnabledAt) throw new DomainError('conflict', 'Two-factor login is already on. Turn it off first to set up another app.')
  const secret = new Secret({ size: 20 })
  await ctx.db
    .update(adminUsers)
    .set({ totpSecret: await seal(ctx, row.id, secret.base32), totpLastStep: null })
    .where(eq(adminUsers.id, row.id))
  const uri = totp(secret, row.email).toString()
  return { secret: secret.base32, uri, qrSvg: renderSVG(uri, { border: 2 }) }
}

/**
 * Checks a code from the authenticator app, or a recovery code, and uses it up:
 * a TOTP code's time step must be later than the last one accepted, a recovery
 * code must be unused; both checked and recorded in one conditional write, so
 * the same code sent twice at once is accepted once.
 */
export async function useSecondFactor(ctx: Ctx, row: AdminRow, code: string, opts: { recovery: boolean }): Promise<'totp' | 'recovery' | null> {
  if (/^\d{6}$/.test(code)) {
    if (!row.totpSecret) return null
    const secret = Secret.fromBase32(await unseal(ctx, row.id, row.totpSecret))
    const now = ctx.clock().getTime()
    const delta = totp(secret, row.email).validate({ token: code, timestamp: now, window: WINDOW })
    if (delta === null) return null
    const step = Math.floor(now / 1000 / PERIOD) + delta
    const [used] = await ctx.db
      .update(adminUsers)
      .set({ totpLastStep: step })
      .where(and(eq(adminUsers.id, row.id), or(isNull(adminUsers.totpLastStep), lt(adminUsers.totpLastStep, step))))
      .returning({ id: adminUsers.id })
    return used ? 'totp' : null
  }
  if (!opts.recovery) return null
  const codeHash = await recoveryHash(ctx, code)
  const [[used], [left]] = await ctx.db.batch([
    ctx.db
      .update(adminRecoveryCodes)
      .set({ usedAt: ctx.clock().toISOString() })
      .where(and(eq(adminRecoveryCodes.userId, row.id), eq(adminRecoveryCodes.codeHash, codeHash), isNull(adminRecoveryCodes.usedAt)))
      .returning({ id: adminRecoveryCodes.id }),
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(adminRecoveryCodes)
      .where(and(eq(adminRecoveryCodes.userId, row.id), isNull(adminRecoveryCodes.usedAt))),
  ])
  if (!used) return null
  await auditEntry(ctx, {
    actor: { kind: 'admin', id: row.id },
    action: 'admin.recovery-code-used',
    siteId: null,
    subject: `admin:${row.id}`,
    detail: { left: left?.n ?? 0 },
  })
  return 'recovery'
}

/** Step 2: a code from the new secret turns two-factor login on; the ten recovery codes are answered this once. */
export async function enableTwoFactor(ctx: Ctx, input: { userId: number; code: string; actor: Actor }): Promise<{ recoveryCodes: string[] }> {
  const row = await load(ctx, input.userId)
  if (row.totpEnabledAt) throw new DomainError('conflict', 'Two-factor login is already on.')
  if (!row.totpSecret) throw new DomainError('conflict', 'Start the setup first: scan a new secret.')
  if ((await useSecondFactor(ctx, row, input.code, { recovery: false })) === null) throw wrongCode()
  const fresh = await recoveryCodes(ctx, row.id)
  await ctx.db.batch([
    ctx.db.update(adminUsers).set({ totpEnabledAt: ctx.clock().toISOString() }).where(eq(adminUsers.id, row.id)),
    ...fresh.statements,
    auditEntry(ctx, { actor: input.actor, action: 'admin.two-factor-on', siteId: null, subject: `admin:${row.id}` }),
  ])
  return { recoveryCodes: fresh.codes }
}

/** Off again, with a current code (or a recovery code): the secret and the recovery codes are deleted. */
export async function disableTwoFactor(ctx: Ctx, input: { userId: number; code: string; actor: Actor }) {
  const row = await load(ctx, input.userId)
  if (!row.totpEnabledAt) throw new DomainError('conflict', 'Two-factor login is not on.')
  if ((await useSecondFactor(ctx, row, input.code, { recovery: true })) === null) throw wrongCode()
  await ctx.db.batch([
    ctx.db
      .update(adminUsers)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(and(eq(adminUsers.id, row.id), sql`${adminUsers.totpEnabledAt} is not null`)),
    auditIfChanged(ctx, { actor: input.actor, action: 'admin.two-factor-off', siteId: null, subject: `admin:${row.id}` }),
    ctx.db.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, row.id)),
  ])
}

/** Ten new recovery codes for the old ones (all used, or lost), with a current code from the app. */
export async function renewRecoveryCodes(ctx: Ctx, input: { userId: number; code: string; actor: Actor }): Promise<{ recoveryCodes: string[] }> {
  const row = await load(ctx, input.userId)
  if (!row.totpEnabledAt) throw new DomainError('conflict', 'Two-factor login is not on.')
  if ((await useSecondFactor(ctx, row, input.code, { recovery: false })) === null) throw wrongCode()
  const fresh = await recoveryCodes(ctx, row.id)
  await ctx.db.batch([
    ...fresh.statements,
    auditEntry(ctx, { actor: input.actor, action: 'admin.recovery-codes-renewed', siteId: null, subject: `admin:${row.id}` }),
  ])
  return { recoveryCodes: fresh.codes }
}

/** How many unused recovery codes an admin has left. */
export async function recoveryCodesLeft(ctx: Ctx, userId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(adminRecoveryCodes)
    .where(and(eq(adminRecoveryCodes.userId, userId), isNull(adminRecoveryCodes.usedAt)))
  return row?.n ?? 0
}

/**
 * A login whose password was right and waits for its code: the admin's id and
 * an expiry, signed, and bound to the password hash (a password changed in the
 * meantime voids it). Nothing is stored; attempts at the code are counted per admin.
 */
export const CHALLENGE_MS = 5 * 60_000

async function challengeMac(ctx: Ctx, userId: number, expires: number, passwordHash: string) {
  return createHmac('sha256', await instanceSecret(ctx, 'challenge-key'))
    .update(`${userId}.${expires}.${passwordHash}`)
    .digest('base64url')
}

export async function issueChallenge(ctx: Ctx, row: AdminRow): Promise<string> {
  const expires = ctx.clock().getTime() + CHALLENGE_MS
  return `${row.id}.${expires}.${await challengeMac(ctx, row.id, expires, row.passwordHash)}`
}

export async function openChallenge(ctx: Ctx, challenge: string): Promise<AdminRow> {
  const [id, expires, mac] = challenge.split('.')
  const userId = Number(id)
  const until = Number(expires)
  const again = () => new DomainError('unauthorized', 'This login took too long or is not valid. Start again with your password.')
  if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(until) || !mac) throw again()
  const row = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.id, userId), isNull(adminUsers.removedAt)) })
  if (!row?.totpEnabledAt || until < ctx.clock().getTime()) throw again()
  const expected = Buffer.from(await challengeMac(ctx, userId, until, row.passwordHash))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw again()
  return row
}

/**
 * From the command line, for an admin who lost both their phone and their
 * recovery codes: two-factor login off, without a code. Their sessions end.
 */
export async function resetTwoFactor(ctx: Ctx, input: { email: string; actor: Actor }): Promise<boolean> {
  const row = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.email, input.email.trim().toLowerCase()), isNull(adminUsers.removedAt)) })
  if (!row) throw new DomainError('not_found', `No admin ${input.email}.`)
  if (!row.totpEnabledAt && !row.totpSecret) return false
  await ctx.db.batch([
    ctx.db.update(adminUsers).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(adminUsers.id, row.id)),
    ctx.db.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, row.id)),
    ctx.db.delete(adminSessions).where(eq(adminSessions.userId, row.id)),
    auditEntry(ctx, { actor: input.actor, action: 'admin.two-factor-off', siteId: null, subject: `admin:${row.id}`, detail: { by: 'command line' } }),
  ])
  return true
}
