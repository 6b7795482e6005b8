import { randomUUID } from 'node:crypto'
import { type SQL, sql } from 'drizzle-orm'
import type { RewardSettings } from '../../../shared/reward.ts'
import { codePool } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { codeKey } from './code-key.ts'
import { codeFor, expiryFor } from './plan-reward.ts'

/**
 * How a reward row gets its code inside a batch. Generated and static codes
 * are decided here. A pool code is claimed in the database by the batch itself:
 * `before` claims the oldest free code under a random claim token, `fields`
 * copy it into the reward (or leave the reward pending "pool-empty" when none
 * was free), `after` releases the claim if the reward did not take it (the
 * reader already had one). The batch is one write transaction, so two readers
 * never draw the same code, in one process or many.
 */
export function codeSource(ctx: Ctx, siteId: string, settings: RewardSettings, now: Date) {
  const at = now.toISOString()
  const expiresAt = expiryFor(settings, now)
  if (settings.kind !== 'pool') {
    const code = codeFor(settings)
    return {
      before: [],
      fields: { status: 'issued' as const, pendingReason: null, code, codeKey: codeKey(code), issuedAt: at, expiresAt },
      after: [],
    }
  }
  const claim = randomUUID()
  const got = sql`exists (select 1 from ${codePool} where ${codePool.claim} = ${claim})`
  return {
    before: [
      ctx.db
        .update(codePool)
        .set({ claim })
        .where(sql`${codePool.id} = (select id from ${codePool} where ${codePool.siteId} = ${siteId} and ${codePool.claim} is null order by id limit 1)`),
    ],
    fields: {
      status: sql`case when ${got} then 'issued' else 'pending' end` as SQL<'issued' | 'pending'>,
      pendingReason: sql`case when ${got} then null else 'pool-empty' end` as SQL<string | null>,
      code: sql`(select code from ${codePool} where ${codePool.claim} = ${claim})` as SQL<string | null>,
      codeKey: sql`(select code_key from ${codePool} where ${codePool.claim} = ${claim})` as SQL<string | null>,
      issuedAt: sql`case when ${got} then ${at} end` as SQL<string | null>,
      expiresAt: sql`case when ${got} then ${expiresAt} end` as SQL<string | null>,
    },
    after: [
      ctx.db.run(
        sql`update code_pool set claim = null where claim = ${claim}
            and not exists (select 1 from rewards r where r.site_id = code_pool.site_id and r.code_key = code_pool.code_key)`,
      ),
    ],
  }
}
