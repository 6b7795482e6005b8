import type { RewardSettings } from '../../../shared/reward.ts'
import type { CommentStatus } from '../../db/schema.ts'
import { generateCode } from './generate-code.ts'

/** What a new comment earns, decided before anything is written. */
export type RewardPlan =
  | { status: 'issued'; code: string; issuedAt: string; expiresAt: string | null }
  | { status: 'pending'; reason: 'approval' | 'pool-empty' }

const DAY_MS = 86_400_000

export function expiryFor(settings: RewardSettings, issuedAt: Date): string | null {
  return settings.validDays === null ? null : new Date(issuedAt.getTime() + settings.validDays * DAY_MS).toISOString()
}

/** A fresh code for settings of kind generated or static. */
export function codeFor(settings: RewardSettings): string {
  return settings.kind === 'static' && settings.staticCode ? settings.staticCode : generateCode(settings.codePrefix)
}

/**
 * null when the comment earns nothing: rewards off, spam, or too short. The
 * reward never depends on what the comment says about the owner, only on its
 * being a genuine comment (16 CFR 465).
 */
export function planReward(
  settings: RewardSettings | null,
  comment: { status: CommentStatus; body: string },
  now: Date,
): RewardPlan | null {
  if (!settings?.enabled || comment.status === 'spam') return null
  if ([...comment.body].length < settings.minCommentChars) return null
  if (comment.status === 'pending' || settings.issueOn === 'approval') return { status: 'pending', reason: 'approval' }
  // Pools are drawn from in their own verb; until one is drawn the reward waits.
  if (settings.kind === 'pool') return { status: 'pending', reason: 'pool-empty' }
  return { status: 'issued', code: codeFor(settings), issuedAt: now.toISOString(), expiresAt: expiryFor(settings, now) }
}
