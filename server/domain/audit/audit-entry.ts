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

/** A detail without its empty values (`{"reason":null}` says nothing); null when nothing is left. */
export function leanDetail(detail: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!detail) return null
  const kept = Object.entries(detail).filter(([, v]) => v !== null && v !== undefined && v !== '')
  return kept.length ? Object.fromEntries(kept) : null
}

/** An audit row as a statement, to go into the same batch as the change it records. */
export function auditEntry(ctx: Ctx, entry: AuditInput) {
  return ctx.db.insert(auditLog).values({ at: ctx.clock().toISOString(), ...entry, detail: leanDetail(entry.detail), actor: actorLabel(entry.actor) })
}

/**
 * An audit row written only if the statement just before it in the batch
 * changed a row: a conditional update that lost a race leaves no trace.
 */
export function auditIfChanged(ctx: Ctx, e: AuditInput) {
  const lean = leanDetail(e.detail)
  const detail = lean === null ? null : JSON.stringify(lean)
  return ctx.db.run(
    sql`insert into ${auditLog} (at, actor, action, site_id, subject, detail)
        select ${ctx.clock().toISOString()}, ${actorLabel(e.actor)}, ${e.action}, ${e.siteId}, ${e.subject}, ${detail} where changes() > 0`,
  )
}
