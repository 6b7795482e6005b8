import type { RewardAnswer, RewardSettings } from '../../../shared/reward.ts'
import type { rewards } from '../../db/schema.ts'

type RewardRow = typeof rewards.$inferSelect

/**
 * What the reader is told about a reward they just earned (fresh) or earned
 * before. A code delivered by email is never shown in the widget, and an
 * earlier code is never shown again to whoever knows an email address.
 */
export function rewardAnswer(row: RewardRow, fresh: boolean, delivery: RewardSettings['delivery']): RewardAnswer {
  if (row.status === 'pending') return { status: 'pending', reason: row.pendingReason ?? 'approval' }
  if (!fresh) return { status: 'already', label: row.label }
  if (delivery === 'email') return { status: 'sent', label: row.label }
  return { status: 'issued', code: row.code ?? '', label: row.label, expiresAt: row.expiresAt }
}
