/**
 * The admin API's requests and answers: validated on the server, typed in the
 * admin app (which imports only types from here, and value lists from
 * values.ts, so zod stays out of its bundle).
 */
import { z } from 'zod'
import { Cursor, PostCommentBody, PublicComment } from './comments.ts'
import { SiteId } from './site.ts'
import { ADMIN_ROLES, CODE_STATUSES, COMMENT_STATUSES, ERASE_MODES, PENDING_REASONS, REWARD_KINDS } from './values.ts'

const iso = z.iso.datetime()
/** A calendar day that exists, YYYY-MM-DD. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a day that exists')
const limit = z.coerce.number().int().min(1).max(200).default(50)

/** A keyset page of items, newest first. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last page.' }) })
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export const Ok = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' })
export type Ok = z.infer<typeof Ok>
export const IdParams = z.object({ id: z.coerce.number().int().positive() })

export const LoginBody = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
})

export const AdminUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ADMIN_ROLES),
    notifyHeld: z.boolean().meta({ description: 'An email for each comment held for approval.' }),
    notifyDigest: z.boolean().meta({ description: 'A daily digest of new comments.' }),
    createdAt: iso,
  })
  .meta({ id: 'AdminUser' })
export type AdminUser = z.infer<typeof AdminUser>

/** What this server can do, for the admin app to say so. */
export const ServerInfo = z.object({ canEmail: z.boolean().meta({ description: 'SMTP_URL is set: held and emailed rewards can reach readers.' }) })
export type ServerInfo = z.infer<typeof ServerInfo>

/** POST /session: the session cookie is set; send `csrfToken` as X-CSRF-Token with every change. */
export const SessionAnswer = z.object({ user: AdminUser, csrfToken: z.string(), server: ServerInfo }).meta({ id: 'SessionAnswer' })
export type SessionAnswer = z.infer<typeof SessionAnswer>
/** GET /session: who is logged in here, if anyone. */
export const WhoAnswer = z.object({ user: AdminUser.nullable(), csrfToken: z.string().nullable(), server: ServerInfo }).meta({ id: 'WhoAnswer' })
export type WhoAnswer = z.infer<typeof WhoAnswer>

export const SiteRef = z.object({ id: z.string(), name: z.string() })
export type SiteRef = z.infer<typeof SiteRef>
export const SitesAnswer = z.object({ items: z.array(SiteRef) })
export type SitesAnswer = z.infer<typeof SitesAnswer>

const ThreadRef = z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() })

export const CodesQuery = z.object({
  site: SiteId.optional(),
  thread: z.string().max(500).optional(),
  status: z.enum(CODE_STATUSES).optional(),
  /** A code, an email address, or part of a reader's name. */
  q: z.string().trim().max(254).optional().meta({ description: 'A code as typed, an email address (any spelling of it), or part of a reader’s name.' }),
  from: Day.optional(),
  to: Day.optional(),
  /** A client network as the farming signals name it, or an email domain. */
  network: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,32}$/)
    .optional(),
  domain: z.string().trim().toLowerCase().max(253).optional(),
  cursor: Cursor.optional(),
  limit,
})
export type CodesQuery = z.infer<typeof CodesQuery>

export const AdminCode = z
  .object({
    id: z.number().int(),
    code: z.string().nullable(),
    kind: z.enum(REWARD_KINDS),
    status: z.enum(CODE_STATUSES),
    pendingReason: z.enum(PENDING_REASONS).nullable(),
    label: z.string(),
    readerName: z.string(),
    email: z.string(),
    siteId: z.string(),
    thread: ThreadRef,
    commentId: z.number().int(),
    commentExcerpt: z.string(),
    createdAt: iso,
    issuedAt: iso.nullable(),
    expiresAt: iso.nullable(),
    redeemedAt: iso.nullable(),
    orderRef: z.string().nullable(),
    /** The client network (keyed hash) and email domain the reward went to: what the farming signals group by. */
    network: z.string().nullable(),
    emailDomain: z.string().nullable(),
  })
  .meta({ id: 'AdminCode' })
export type AdminCode = z.infer<typeof AdminCode>

export const CodeActionQuery = z.object({ site: SiteId.optional().meta({ description: 'Which site’s code, when several sites issued the same one.' }) })
export const RedeemByAdminBody = z.object({ orderRef: z.string().trim().min(1).max(200).optional() })
export const CodeChangeAnswer = z
  .object({ code: z.string().nullable(), status: z.enum(CODE_STATUSES), redeemedAt: iso.nullable().optional(), orderRef: z.string().nullable().optional() })
  .meta({ id: 'CodeChangeAnswer' })
export type CodeChangeAnswer = z.infer<typeof CodeChangeAnswer>

export const AdminCommentsQuery = z.object({
  site: SiteId.optional(),
  status: z
    .enum([...COMMENT_STATUSES, 'all'])
    .optional()
    .meta({ description: 'Default: pending (the moderation queue); with `reader`, all. `all`: every status.' }),
  reader: z
    .string()
    .trim()
    .max(254)
    .optional()
    .meta({ description: 'Every comment of one reader: their email address, in any spelling of it (across posts).' }),
  thread: z.string().max(500).optional(),
  id: z.coerce.number().int().positive().optional().meta({ description: 'One comment, whatever its status (a link in a notification mail).' }),
  q: z.string().trim().max(254).optional(),
  cursor: Cursor.optional(),
  limit,
})

export const AdminComment = z
  .object({
    id: z.number().int(),
    siteId: z.string(),
    thread: ThreadRef,
    parentId: z.number().int().nullable(),
    authorName: z.string(),
    email: z.string(),
    body: z.string(),
    status: z.enum(COMMENT_STATUSES),
    flag: z.string().nullable().meta({ description: 'Why it was held or caught: honeypot, too-fast, too-many-links, disposable-email, duplicate.' }),
    byAuthor: z.boolean().meta({ description: 'Written by an admin from the admin app.' }),
    editedAt: iso.nullable(),
    createdAt: iso,
    reward: z.object({ status: z.enum(CODE_STATUSES), code: z.string().nullable() }).nullable(),
    parent: z
      .object({ id: z.number().int(), authorName: z.string(), excerpt: z.string(), status: z.enum(COMMENT_STATUSES) })
      .nullable()
      .meta({ description: 'The comment this one answers: its author and the start of its text.' }),
  })
  .meta({ id: 'AdminComment' })
export type AdminComment = z.infer<typeof AdminComment>

export const ModerationAnswer = z
  .object({
    comment: z.object({ id: z.number().int(), status: z.enum(COMMENT_STATUSES) }),
    reward: z
      .object({ status: z.enum(CODE_STATUSES), code: z.string().nullable() })
      .nullable()
      .meta({ description: 'The reader’s reward after the decision.' }),
  })
  .meta({ id: 'ModerationAnswer' })
export type ModerationAnswer = z.infer<typeof ModerationAnswer>

/** At most a year and a bit per request: a day is a row of the answer. */
export const MAX_STATS_DAYS = 400
export const StatsQuery = z
  .object({ site: SiteId, from: Day.optional(), to: Day.optional() })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_STATS_DAYS, {
    path: ['from'],
    message: `at most ${MAX_STATS_DAYS} days`,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'before to' })

/** conversion: codes redeemed per published comment, the share of commenters who became customers. */
export const StatsAnswer = z
  .object({
    site: z.string(),
    from: z.string(),
    to: z.string(),
    totals: z.object({ comments: z.number(), issued: z.number(), redeemed: z.number(), conversion: z.number() }),
    days: z.array(z.object({ day: z.string(), comments: z.number(), issued: z.number(), redeemed: z.number() })),
    threads: z.array(
      z.object({ key: z.string(), title: z.string().nullable(), comments: z.number(), issued: z.number(), redeemed: z.number(), conversion: z.number() }),
    ),
  })
  .meta({ id: 'StatsAnswer' })
export type StatsAnswer = z.infer<typeof StatsAnswer>

export const AuditQuery = z.object({ site: SiteId.optional(), cursor: Cursor.optional(), limit })
export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: iso,
    actor: z.string().meta({ description: '`admin:<id>`, `shop:<key id>`, `cli` or `system`.' }),
    action: z.string(),
    siteId: z.string().nullable(),
    subject: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof AuditEntry>

/** GET /api/v1/admin/sites/:site/farming: signals over the last `hours`. */
export const FarmingQuery = z.object({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
})

export const FarmingSignals = z
  .object({
    since: iso,
    held: z.object({ budget: z.number().int(), review: z.number().int() }).meta({ description: 'Rewards waiting for the owner, by why.' }),
    networks: z
      .array(
        z.object({
          network: z.string(),
          wide: z.boolean().meta({ description: 'An IPv4 /24 or IPv6 /48, not one client network.' }),
          rewards: z.number().int(),
          held: z.number().int(),
        }),
      )
      .meta({ description: 'Client networks and wide networks (as their keyed hash) with more than one reward since `since`, most first.' }),
    domains: z
      .array(z.object({ domain: z.string(), rewards: z.number().int(), held: z.number().int(), common: z.boolean() }))
      .meta({ description: 'Email domains likewise; common providers are listed but never held for their volume.' }),
  })
  .meta({ id: 'FarmingSignals' })
export type FarmingSignals = z.infer<typeof FarmingSignals>

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
export const ReleaseAnswer = z.object({ released: z.number().int(), waiting: z.number().int() }).meta({ id: 'ReleaseAnswer' })
export type ReleaseAnswer = z.infer<typeof ReleaseAnswer>
export const RevokeAnswer = z.object({ revoked: z.number().int() }).meta({ id: 'RevokeAnswer' })
export type RevokeAnswer = z.infer<typeof RevokeAnswer>

/** An origin a site's widget was refused on lately: what an owner probably forgot to allow. */
export const RefusedOrigin = z.object({ origin: z.string(), count: z.number().int(), lastSeenAt: iso }).meta({ id: 'RefusedOrigin' })
export const RefusedOriginsAnswer = z.object({ items: z.array(RefusedOrigin) })
export type RefusedOriginsAnswer = z.infer<typeof RefusedOriginsAnswer>

/** POST /comments/:id/reply: the blog's author answers a comment. */
export const OwnerReplyBody = z.object({ body: PostCommentBody.shape.body }).meta({ id: 'OwnerReplyBody' })
export const OwnerReplyAnswer = z.object({ comment: PublicComment }).meta({ id: 'OwnerReplyAnswer' })
export type OwnerReplyAnswer = z.infer<typeof OwnerReplyAnswer>

/** PUT /me/notifications: what this admin hears of by email. */
export const NotificationSettings = z
  .object({
    notifyHeld: z.boolean().meta({ description: 'An email for each comment held for approval.' }),
    notifyDigest: z.boolean().meta({ description: 'A daily digest of new comments.' }),
  })
  .meta({ id: 'NotificationSettings' })

/** POST /readers/erase: a reader asked the owner to delete their data. */
export const EraseReaderBody = z
  .object({
    site: SiteId,
    email: PostCommentBody.shape.email,
    how: z.enum(ERASE_MODES).meta({ description: '`anonymize`: keep the comments without name or address; `remove`: take them down.' }),
  })
  .meta({ id: 'EraseReaderBody' })
export const EraseReaderAnswer = z
  .object({ comments: z.number().int(), rewards: z.number().int() })
  .meta({ id: 'EraseReaderAnswer', description: 'How many of the reader’s comments and rewards were changed.' })
export type EraseReaderAnswer = z.infer<typeof EraseReaderAnswer>
