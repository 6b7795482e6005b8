import { and, desc, eq, lt } from 'drizzle-orm'
import type { Page } from '../../../shared/admin.ts'
import { auditLog } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'

export type AuditRow = typeof auditLog.$inferSelect

export async function listAudit(ctx: Ctx, query: { site?: string; cursor?: string; limit: number }): Promise<Page<AuditRow>> {
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(query.site ? eq(auditLog.siteId, query.site) : undefined, query.cursor ? lt(auditLog.id, Number(query.cursor)) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1)
  return keysetPage(rows, query.limit)
}
