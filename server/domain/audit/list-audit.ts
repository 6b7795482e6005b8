import { and, desc, eq, gte, inArray, like, lt, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { AuditEntry, AuditFacets, Page } from '../../../shared/admin.ts'
import { adminUsers, apiKeys, auditLog } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { leanDetail } from './audit-entry.ts'

export type AuditRow = typeof auditLog.$inferSelect

const FIXED: Record<string, string> = { cli: 'command line', system: 'server', anonymous: 'someone not logged in' }

/** `admin:<id>` → the admin's row, `shop:<id>` → the API key's, joined by primary key. */
const idAfter = (column: typeof auditLog.actor | typeof auditLog.subject, prefix: string) =>
  sql`case when ${column} like ${`${prefix}:%`} then cast(substr(${column}, ${prefix.length + 2}) as integer) end`

function named(actor: string, admin: string | null, key: string | null): string {
  if (admin) return admin
  if (key) return `${key} (API key)`
  return FIXED[actor] ?? actor
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString()

/** The audit log, newest first, with people named: an admin by their email, a shop by its API key's name. */
export async function listAudit(
  ctx: Ctx,
  query: { site?: string; actor?: string; action?: string; from?: string; to?: string; cursor?: string; limit: number },
): Promise<Page<AuditEntry>> {
  const actorAdmin = alias(adminUsers, 'actor_admin')
  const subjectAdmin = alias(adminUsers, 'subject_admin')
  const rows = await ctx.db
    .select({ entry: auditLog, actorEmail: actorAdmin.email, keyName: apiKeys.name, subjectEmail: subjectAdmin.email })
    .from(auditLog)
    .leftJoin(actorAdmin, eq(actorAdmin.id, idAfter(auditLog.actor, 'admin')))
    .leftJoin(apiKeys, eq(apiKeys.id, idAfter(auditLog.actor, 'shop')))
    .leftJoin(subjectAdmin, eq(subjectAdmin.id, idAfter(auditLog.subject, 'admin')))
    .where(
      and(
        query.site ? eq(auditLog.siteId, query.site) : undefined,
        query.actor ? eq(auditLog.actor, query.actor) : undefined,
        query.action
          ? query.action.endsWith('.')
            ? like(auditLog.action, `${query.action.replace(/[%_]/g, '')}%`)
            : eq(auditLog.action, query.action)
          : undefined,
        query.from ? gte(auditLog.at, `${query.from}T00:00:00.000Z`) : undefined,
        query.to ? lt(auditLog.at, dayAfter(query.to)) : undefined,
        query.cursor ? lt(auditLog.id, Number(query.cursor)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1)
  const page = keysetPage(
    rows.map((r) => ({ ...r, id: r.entry.id })),
    query.limit,
  )
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ entry, actorEmail, keyName, subjectEmail }) => ({
      ...entry,
      actorName: named(entry.actor, actorEmail, keyName),
      subjectName: subjectEmail,
      detail: leanDetail(entry.detail),
    })),
  }
}

/** Who appears in the log and which actions it has: the audit page's filters. */
export async function auditFacets(ctx: Ctx): Promise<AuditFacets> {
  const [actors, actions] = await Promise.all([
    ctx.db.selectDistinct({ actor: auditLog.actor }).from(auditLog),
    ctx.db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action),
  ])
  const ids = (prefix: string) => actors.flatMap(({ actor }) => (actor.startsWith(`${prefix}:`) ? [Number(actor.slice(prefix.length + 1))] : []))
  const [admins, keys] = await Promise.all([
    ctx.db
      .select({ id: adminUsers.id, email: adminUsers.email })
      .from(adminUsers)
      .where(inArray(adminUsers.id, ids('admin'))),
    ctx.db
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(inArray(apiKeys.id, ids('shop'))),
  ])
  const adminById = new Map(admins.map((a) => [`admin:${a.id}`, a.email]))
  const keyById = new Map(keys.map((k) => [`shop:${k.id}`, k.name]))
  return {
    actors: actors
      .map(({ actor }) => ({ actor, name: named(actor, adminById.get(actor) ?? null, keyById.get(actor) ?? null) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    actions: actions.map((a) => a.action),
  }
}
