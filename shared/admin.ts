/** The admin API's requests and answers: validated on the server, typed in the admin app. */
import { z } from 'zod'
import { SiteId } from './site.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
const cursor = z.string().regex(/^\d{1,15}$/).optional()
const limit = z.coerce.number().int().min(1).max(200).default(50)

export const LoginBody = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
})

export const CODE_STATUSES = ['pending', 'issued', 'redeemed', 'revoked', 'expired'] as const
export type CodeStatus = (typeof CODE_STATUSES)[number]

export const CodesQuery = z.object({
  site: SiteId.optional(),
  thread: z.string().max(500).optional(),
  status: z.enum(CODE_STATUSES).optional(),
  /** A code, an email address, or part of a reader's name. */
  q: z.string().trim().max(254).optional(),
  from: day.optional(),
  to: day.optional(),
  cursor,
  limit,
})
export type CodesQuery = z.infer<typeof CodesQuery>

export const CodeActionQuery = z.object({ site: SiteId.optional() })
export const RedeemByAdminBody = z.object({ orderRef: z.string().trim().min(1).max(200).optional() })

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
  createdAt: string
  issuedAt: string | null
  expiresAt: string | null
  redeemedAt: string | null
  orderRef: string | null
}

export const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'spam', 'deleted'] as const
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'delete'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

export const AdminCommentsQuery = z.object({
  site: SiteId.optional(),
  status: z.enum(COMMENT_STATUSES).optional(),
  thread: z.string().max(500).optional(),
  q: z.string().trim().max(254).optional(),
  cursor,
  limit,
})

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

export const StatsQuery = z.object({
  site: SiteId,
  from: day.optional(),
  to: day.optional(),
})

/** conversion: codes redeemed per published comment, the share of commenters who became customers. */
export interface StatsAnswer {
  site: string
  from: string
  to: string
  totals: { comments: number; issued: number; redeemed: number; conversion: number }
  days: { day: string; comments: number; issued: number; redeemed: number }[]
  threads: { key: string; title: string | null; comments: number; issued: number; redeemed: number; conversion: number }[]
}

export const AuditQuery = z.object({ site: SiteId.optional(), cursor, limit })

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}
