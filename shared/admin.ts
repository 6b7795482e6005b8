/** The admin API's requests and answers: validated on the server, typed in the admin app. */
import { z } from 'zod'
import { CODE_STATUSES, COMMENT_STATUSES } from './admin-types.ts'
import { SiteId } from './site.ts'

export * from './admin-types.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
const cursor = z
  .string()
  .regex(/^\d{1,15}$/)
  .optional()
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
  /** A client network as the farming signals name it, or an email domain. */
  network: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,32}$/)
    .optional(),
  domain: z.string().trim().toLowerCase().max(253).optional(),
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

/** GET /api/v1/admin/sites/:site/farming: signals over the last `hours`. */
export const FarmingQuery = z.object({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
})

/** Which held or issued rewards an owner acts on: by id, or all of a network or an email domain in the last `hours`. */
export const RewardSelection = z
  .object({
    ids: z.array(z.number().int().positive()).max(500).optional(),
    network: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,32}$/)
      .optional(),
    domain: z.string().trim().toLowerCase().max(253).optional(),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((s) => s.ids?.length || s.network || s.domain, { path: ['ids'], message: 'ids, a network or a domain' })
