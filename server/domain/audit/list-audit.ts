import { and, desc, eq, lt } from 'drizzle-orm'
import type { Page } from '../../../shared/admin.ts'
import { auditLog } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

export type AuditRow = typeof auditLog.$inferSelect

export async function listAudit(ctx: Ctx, query: { site?: string; cursor?: string; limit: number }): Promise<Page<AuditRow>> {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(query.site ? eq(auditLog.siteId, query.site) : undefined, query.cursor ? lt(auditLog.id, Number(query.cursor)) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1)
  const more = rows.length > query.limit
  if (more) rows.pop()
  return { items: rows, nextCursor: more ? String(rows.at(-1)!.id) : null }
}
