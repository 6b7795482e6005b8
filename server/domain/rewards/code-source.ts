import { randomUUID } from 'node:crypto'
import type { InValue } from '@libsql/client'
import type { SQL } from 'drizzle-orm'
import type { RewardSettings } from '../../../shared/reward.ts'
import { type Q, q, toDrizzle } from '../../db/raw.ts'
import type { Ctx } from '../context.ts'
import { codeKey } from './code-key.ts'
import { codeFor, expiryFor } from './plan-reward.ts'

type Field = 'status' | 'pendingReason' | 'code' | 'codeKey' | 'issuedAt' | 'expiresAt'

/**
 * How a reward row gets its code inside a batch, as raw statements (a
 * comment's batch, server/db/raw.ts). Generated and static codes are decided
 * here. A pool code is claimed in the database by the batch itself: `before`
 * claims the oldest free code under a random claim token, `fields` copy it
 * into the reward (or leave the reward pending "pool-empty" when none was
 * free), `after` releases the claim if the reward did not take it (the reader
 * already had one). The batch is one write transaction, so two readers never
 * draw the same code, in one process or many.
 */
export function rawCodeSource(siteId: string, settings: RewardSettings, now: Date): { before: Q[]; fields: Record<Field, InValue | Q>; after: Q[] } {
  const at = now.toISOString()
  const expiresAt = expiryFor(settings, now)
  if (settings.kind !== 'pool') {
    const code = codeFor(settings)
    return { before: [], fields: { status: 'issued', pendingReason: null, code, codeKey: codeKey(code), issuedAt: at, expiresAt }, after: [] }
  }
  const claim = randomUUID()
  const got = q`exists (select 1 from code_pool where claim = ${claim})`
  return {
    before: [q`update code_pool set claim = ${claim} where id = (select id from code_pool where site_id = ${siteId} and claim is null order by id limit 1)`],
    fields: {
      status: q`case when ${got} then 'issued' else 'pending' end`,
      pendingReason: q`case when ${got} then null else 'pool-empty' end`,
      code: q`(select code from code_pool where claim = ${claim})`,
      codeKey: q`(select code_key from code_pool where claim = ${claim})`,
      issuedAt: q`case when ${got} then ${at} end`,
      expiresAt: q`case when ${got} then ${expiresAt} end`,
    },
    after: [
      q`update code_pool set claim = null where claim = ${claim}
            and not exists (select 1 from rewards r where r.site_id = code_pool.site_id and r.code_key = code_pool.code_key)`,
    ],
  }
}

/** The same for a drizzle batch (approving a held comment, releasing held rewards, filling a pool). */
export function codeSource(ctx: Ctx, siteId: string, settings: RewardSettings, now: Date) {
  const raw = rawCodeSource(siteId, settings, now)
  const field = <T extends InValue>(v: InValue | Q) => (typeof v === 'object' && v !== null && 'sql' in v ? (toDrizzle(v) as SQL<T>) : (v as T))
  return {
    before: raw.before.map((s) => ctx.db.run(toDrizzle(s))),
    fields: {
      status: field<'issued' | 'pending'>(raw.fields.status),
      pendingReason: field<'pool-empty' | null>(raw.fields.pendingReason),
      code: field<string | null>(raw.fields.code),
      codeKey: field<string | null>(raw.fields.codeKey),
      issuedAt: field<string | null>(raw.fields.issuedAt),
      expiresAt: field<string | null>(raw.fields.expiresAt),
    },
    after: raw.after.map((s) => ctx.db.run(toDrizzle(s))),
  }
}
