/** The admin API's answers and enumerations, without zod: what the admin app imports at run time. */

export const CODE_STATUSES = ['pending', 'issued', 'redeemed', 'revoked', 'expired'] as const
export type CodeStatus = (typeof CODE_STATUSES)[number]

export const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'spam', 'deleted'] as const
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'delete'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

export interface AdminCode {
  id: number
  code: string | null
  kind: 'generated' | 'static' | 'pool'
  status: CodeStatus
  pendingReason: string | null
  label: string
  readerName: string
  email: string
  siteId: string
  thread: { key: string; title: string | null; url: string | null }
  commentId: number
  commentExcerpt: string
  /** The client network (keyed hash) and email domain the reward went to: what the farming signals group by. */
  network: string | null
  emailDomain: string | null
  createdAt: string
  issuedAt: string | null
  expiresAt: string | null
  redeemedAt: string | null
  orderRef: string | null
}

export interface AdminComment {
  id: number
  siteId: string
  thread: { key: string; title: string | null; url: string | null }
  parentId: number | null
  authorName: string
  email: string
  body: string
  status: (typeof COMMENT_STATUSES)[number]
  flag: string | null
  createdAt: string
  reward: { status: CodeStatus; code: string | null } | null
}

/** conversion: codes redeemed per published comment, the share of commenters who became customers. */
export interface StatsAnswer {
  site: string
  from: string
  to: string
  totals: { comments: number; issued: number; redeemed: number; conversion: number }
  days: { day: string; comments: number; issued: number; redeemed: number }[]
  threads: { key: string; title: string | null; comments: number; issued: number; redeemed: number; conversion: number }[]
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** GET /api/v1/admin/sites/:site/farming */
export interface FarmingSignals {
  since: string
  /** Rewards waiting for the owner, by why. */
  held: { budget: number; review: number }
  /** Client networks (as their keyed hash) with more than one reward since `since`, most first. */
  networks: { network: string; rewards: number; held: number }[]
  /** Email domains likewise; common providers are listed but never held for their volume. */
  domains: { domain: string; rewards: number; held: number; common: boolean }[]
}
