/** The admin API's requests and answers: validated on the server, typed in the admin app. */
import { z } from 'zod'
import { CODE_STATUSES, COMMENT_STATUSES } from './admin-types.ts'
import { SiteId } from './site.ts'

export * from './admin-types.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
const cursor = z.string().regex(/^\d{1,15}$/).optional()
const limit = z.coerce.number().int().min(1).max(200).default(50)

export const LoginBody = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
})

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

export const AdminCommentsQuery = z.object({
  site: SiteId.optional(),
  status: z.enum(COMMENT_STATUSES).optional(),
  thread: z.string().max(500).optional(),
  q: z.string().trim().max(254).optional(),
  cursor,
  limit,
})

export const StatsQuery = z.object({
  site: SiteId,
  from: day.optional(),
  to: day.optional(),
})

export const AuditQuery = z.object({ site: SiteId.optional(), cursor, limit })

