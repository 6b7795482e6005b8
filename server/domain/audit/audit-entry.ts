import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { type Actor, actorLabel } from './actor.ts'

export interface AuditInput {
  actor: Actor
  action: string
  siteId: string | null
  subject: string
  detail?: Record<string, unknown>
}

/** An audit row as a statement, to go into the same batch as the change it records. */
export function auditEntry(ctx: Ctx, entry: AuditInput) {
  return ctx.db.insert(auditLog).values({ at: ctx.clock().toISOString(), ...entry, actor: actorLabel(entry.actor) })
}

/**
 * An audit row written only if the statement just before it in the batch
 * changed a row: a conditional update that lost a race leaves no trace.
 */
export function auditIfChanged(ctx: Ctx, e: AuditInput) {
  const detail = e.detail === undefined ? null : JSON.stringify(e.detail)
  return ctx.db.run(
    sql`insert into ${auditLog} (at, actor, action, site_id, subject, detail)
        select ${ctx.clock().toISOString()}, ${actorLabel(e.actor)}, ${e.action}, ${e.siteId}, ${e.subject}, ${detail} where changes() > 0`,
  )
}
