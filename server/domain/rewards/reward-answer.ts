import type { RewardAnswer, RewardSettings } from '../../../shared/reward.ts'
import { q } from '../../db/raw.ts'
import type { rewards } from '../../db/schema.ts'

type RewardRow = Pick<typeof rewards.$inferSelect, 'status' | 'pendingReason' | 'label' | 'code' | 'expiresAt'>

/** What rewardAnswer reads, as a raw statement returns it (RETURNING or SELECT). */
export const REWARD_ANSWER_COLUMNS = q`status, pending_reason as pendingReason, label, code, expires_at as expiresAt`

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
