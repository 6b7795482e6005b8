import type { RewardSettings } from '../../../shared/reward.ts'
import type { CommentStatus } from '../../../shared/values.ts'
import { generateCode } from './generate-code.ts'

const DAY_MS = 86_400_000

export function expiryFor(settings: RewardSettings, issuedAt: Date): string | null {
  return settings.validDays === null ? null : new Date(issuedAt.getTime() + settings.validDays * DAY_MS).toISOString()
}

/** A fresh code for settings of kind generated or static. */
export function codeFor(settings: RewardSettings): string {
  return settings.kind === 'static' && settings.staticCode ? settings.staticCode : generateCode(settings.codePrefix)
}

/**
 * Whether a comment earns the reward: rewards on, not spam, long enough. It
 * never depends on what the comment says about the owner or their products,
 * only on its being a genuine comment (16 CFR 465).
 */
export function earnsReward(settings: RewardSettings, comment: { status: CommentStatus; body: string }): boolean {
  return settings.enabled && comment.status !== 'spam' && [...comment.body].length >= settings.minCommentChars
}
