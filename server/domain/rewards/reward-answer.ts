import type { RewardAnswer } from '../../../shared/reward.ts'
import type { rewards } from '../../db/schema.ts'

type RewardRow = typeof rewards.$inferSelect

/** What the reader is told about a reward row they just earned (fresh) or earned before. */
export function rewardAnswer(row: RewardRow, fresh: boolean): RewardAnswer {
  if (row.status === 'pending') return { status: 'pending', reason: row.pendingReason === 'pool-empty' ? 'pool-empty' : 'approval' }
  if (!fresh) return { status: 'already', label: row.label }
  return { status: 'issued', code: row.code ?? '', label: row.label, expiresAt: row.expiresAt }
}
