/**
 * The owners' side of admin accounts: who they are, their roles, removing
 * one. There is always an owner: the last one can be neither demoted nor
 * removed (checked in the same statement that writes, so two owners demoting
 * each other at once leave one).
 */
import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm'
import type { PeopleAnswer } from '../../../shared/admin.ts'
import type { AdminRole } from '../../../shared/values.ts'
import { adminInvites, adminRecoveryCodes, adminUsers } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { adminView } from './admin-view.ts'
import { inviteView } from './invites.ts'
import { endAllSessions } from './sessions.ts'

const otherOwners = (id: number) => sql`(select count(*) from ${adminUsers} o where o.role = 'owner' and o.removed_at is null and o.id <> ${id}) > 0`

export async function listPeople(ctx: Ctx): Promise<PeopleAnswer> {
  const [admins, invites] = await Promise.all([
    ctx.db.select().from(adminUsers).where(isNull(adminUsers.removedAt)).orderBy(asc(adminUsers.createdAt), asc(adminUsers.id)),
    ctx.db
      .select({ invite: adminInvites, by: adminUsers.email })
      .from(adminInvites)
      .leftJoin(adminUsers, eq(adminUsers.id, adminInvites.invitedBy))
      .orderBy(asc(adminInvites.id)),
  ])
  const now = ctx.clock()
  return { admins: admins.map(adminView), invites: invites.map((r) => inviteView(r.invite, r.by, now)) }
}

async function active(ctx: Ctx, id: number) {
  const row = await ctx.db.query.adminUsers.findFirst({ where: and(eq(adminUsers.id, id), isNull(adminUsers.removedAt)) })
  if (!row) throw new DomainError('not_found', 'No such admin.')
  return row
}

const lastOwner = () =>
  new DomainError('conflict', 'This is the last owner. Make someone else an owner first: there must always be one.', { role: 'last_owner' })

export async function changeRole(ctx: Ctx, input: { id: number; role: AdminRole; actor: Actor }) {
  const before = await active(ctx, input.id)
  if (before.role === input.role) return adminView(before)
  const [[after]] = await ctx.db.batch([
    ctx.db
      .update(adminUsers)
      .set({ role: input.role })
      .where(and(eq(adminUsers.id, input.id), isNull(adminUsers.removedAt), or(ne(adminUsers.role, 'owner'), otherOwners(input.id))))
      .returning(),
    auditIfChanged(ctx, {
      actor: input.actor,
      action: 'admin.role-changed',
      siteId: null,
      subject: `admin:${input.id}`,
      detail: { from: before.role, to: input.role },
    }),
  ])
  if (!after) throw lastOwner()
  return adminView(after)
}

/**
 * Removes an admin: they cannot log in (no password, no second factor), their
 * sessions end, they get no more mail. The row stays, so the audit log still
 * names them; inviting the same address later brings the account back.
 */
export async function removeAdmin(ctx: Ctx, input: { id: number; actor: Actor }) {
  const before = await active(ctx, input.id)
  const [[removed]] = await ctx.db.batch([
    ctx.db
      .update(adminUsers)
      .set({
        removedAt: ctx.clock().toISOString(),
        passwordHash: '',
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        notifyHeld: false,
        notifyDigest: false,
      })
      .where(and(eq(adminUsers.id, input.id), isNull(adminUsers.removedAt), or(ne(adminUsers.role, 'owner'), otherOwners(input.id))))
      .returning({ id: adminUsers.id }),
    auditIfChanged(ctx, { actor: input.actor, action: 'admin.removed', siteId: null, subject: `admin:${input.id}`, detail: { role: before.role } }),
  ])
  if (!removed) throw lastOwner()
  await Promise.all([endAllSessions(ctx, input.id), ctx.db.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, input.id))])
}
