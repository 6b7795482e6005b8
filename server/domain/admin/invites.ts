/**
 * An owner invites someone to be an admin: a link mailed through the outbox
 * (or, on a server that cannot send email, answered once for the owner to pass
 * on), good for INVITE_TTL_MS. Following it, the invited person chooses a
 * password and is logged in. Only a SHA-256 of the link's token is kept.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { AdminInvite, InviteInfo } from '../../../shared/admin.ts'
import type { AdminRole } from '../../../shared/values.ts'
import { adminInvites, adminUsers, outbox } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry, auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { knownPublicUrl } from '../instance/public-url.ts'
import { MIN_PASSWORD } from './passwords.ts'
import { saveAdminUser } from './save-admin-user.ts'
import { createSession } from './sessions.ts'

export const INVITE_TTL_MS = 72 * 3_600_000

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex')

/** The link an invitation's token opens: the admin app's invite page on this server. */
export async function inviteLink(ctx: Ctx, token: string): Promise<string> {
  const base = (ctx.publicUrl ?? (await knownPublicUrl(ctx)) ?? '').replace(/\/$/, '')
  return `${base}/admin/invite?t=${encodeURIComponent(token)}`
}

export function inviteView(row: typeof adminInvites.$inferSelect, invitedBy: string | null, now: Date): AdminInvite {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt <= now.toISOString(),
  }
}

export async function inviteAdmin(
  ctx: Ctx,
  input: { email: string; role: AdminRole; actor: Actor & { kind: 'admin' } },
): Promise<{ invite: AdminInvite; link: string | null; mailed: boolean }> {
  const email = input.email.trim().toLowerCase()
  const active = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.email, email), isNull(adminUsers.removedAt)) })
  if (active) throw new DomainError('conflict', `${email} is an admin already.`, { email: 'already_admin' })
  const token = randomBytes(24).toString('base64url')
  const now = ctx.clock()
  const at = now.toISOString()
  const mailed = Boolean(ctx.canEmail)
  const [, [row]] = await ctx.db.batch([
    // A new invitation replaces an earlier one to the same address: only the latest link works.
    ctx.db.delete(adminInvites).where(eq(adminInvites.email, email)),
    ctx.db
      .insert(adminInvites)
      .values({
        tokenHash: sha256(token),
        email,
        role: input.role,
        invitedBy: input.actor.id,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
        createdAt: at,
      })
      .returning(),
    auditEntry(ctx, { actor: input.actor, action: 'admin.invited', siteId: null, subject: email, detail: { role: input.role, mailed } }),
    ...(mailed
      ? [
          ctx.db.insert(outbox).values({
            siteId: '',
            channel: 'email',
            event: 'admin.invite',
            target: email,
            subject: 'invite',
            payload: JSON.stringify({ token }),
            status: 'pending',
            attempts: 0,
            nextAttemptAt: at,
            createdAt: at,
          }),
        ]
      : []),
  ])
  const inviter = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, input.actor.id) })
  return { invite: inviteView(row!, inviter?.email ?? null, now), link: mailed ? null : await inviteLink(ctx, token), mailed }
}

export async function cancelInvite(ctx: Ctx, input: { id: number; actor: Actor }) {
  const row = await ctx.db.query.adminInvites.findFirst({ where: eq(adminInvites.id, input.id) })
  if (!row) throw new DomainError('not_found', 'No such invitation (it may have been used).')
  await ctx.db.batch([
    ctx.db.delete(adminInvites).where(eq(adminInvites.id, input.id)),
    auditIfChanged(ctx, { actor: input.actor, action: 'admin.invite-cancelled', siteId: null, subject: row.email }),
  ])
}

/** The invitation behind a link, or why it no longer works. */
export async function openInvite(ctx: Ctx, token: string) {
  const row = await ctx.db.query.adminInvites.findFirst({ where: eq(adminInvites.tokenHash, sha256(token)) })
  if (!row) throw new DomainError('not_found', 'This invitation is not valid: it was used, cancelled or replaced by a newer one.')
  if (row.expiresAt <= ctx.clock().toISOString()) throw new DomainError('link_expired', 'This invitation has expired. Ask for a new one.')
  return row
}

export async function readInvite(ctx: Ctx, token: string): Promise<InviteInfo> {
  const row = await openInvite(ctx, token)
  return { email: row.email, role: row.role, expiresAt: row.expiresAt }
}

/** The invited person chooses a password: they are an admin, logged in; the link is used up. */
export async function acceptInvite(ctx: Ctx, input: { token: string; password: string; name?: string }) {
  const invite = await openInvite(ctx, input.token)
  if (input.password.length < MIN_PASSWORD) {
    throw new DomainError('invalid_input', `The password needs at least ${MIN_PASSWORD} characters.`, { password: 'too_short' })
  }
  // Claimed first, so the same link followed twice at once makes one admin.
  const [claimed] = await ctx.db.delete(adminInvites).where(eq(adminInvites.id, invite.id)).returning()
  if (!claimed) throw new DomainError('not_found', 'This invitation was just used.')
  const active = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.email, invite.email), isNull(adminUsers.removedAt)) })
  if (active) throw new DomainError('conflict', `${invite.email} is an admin already: log in instead.`)
  const { user } = await saveAdminUser(ctx, { email: invite.email, password: input.password, role: invite.role, name: input.name })
  const inviter = await ctx.db.query.adminUsers.findFirst({ where: eq(adminUsers.id, invite.invitedBy) })
  await auditEntry(ctx, {
    actor: { kind: 'admin', id: user.id },
    action: 'admin.joined',
    siteId: null,
    subject: `admin:${user.id}`,
    detail: { role: invite.role, invitedBy: inviter?.email },
  })
  return createSession(ctx, user)
}
