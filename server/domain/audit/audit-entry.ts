import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

export interface AuditInput {
  actor: string
  action: string
  siteId: string | null
  subject: string
  detail?: Record<string, unknown>
}

/** An audit row as a statement, to go into the same batch as the change it records. */
export function auditEntry(ctx: Ctx, entry: AuditInput) {
  return ctx.db.insert(auditLog).values({ at: ctx.clock().toISOString(), ...entry })
}

/**
 * An audit row written only if the statement just before it in the batch
 * changed a row: a conditional update that lost a race leaves no trace.
 */
export function auditIfChanged(ctx: Ctx, e: AuditInput) {
  const detail = e.detail === undefined ? null : JSON.stringify(e.detail)
  return ctx.db.run(
    sql`insert into ${auditLog} (at, actor, action, site_id, subject, detail)
        select ${ctx.clock().toISOString()}, ${e.actor}, ${e.action}, ${e.siteId}, ${e.subject}, ${detail} where changes() > 0`,
  )
}
