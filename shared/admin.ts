/**
 * The admin API's requests and answers: validated on the server, typed in the
 * admin app (which imports only types from here, and value lists from
 * values.ts, so zod stays out of its bundle).
 */
import { z } from 'zod'
import { Cursor, PostCommentBody, PublicComment } from './comments.ts'
import { CODES_COUNT_CAP, MIN_ADMIN_PASSWORD } from './limits.ts'
import { checkOrderTotal, OrderTotalAnswer, OrderTotalFields } from './shop.ts'
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
    lastLoginAt: iso.nullable(),
    twoFactor: z.boolean().meta({ description: 'Logs in with a code from an authenticator app after the password.' }),
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
  thread: z.string().max(500).optional().meta({ description: 'Part of a post’s path (or its title).' }),
  status: z.enum(CODE_STATUSES).optional(),
  /** A code, an email address, part of either, part of a reader's name, or an order number. */
  q: z.string().trim().max(254).optional().meta({
    description:
      'Part of a code as typed (with or without its prefix), an email address (any spelling of it) or part of one, part of a reader’s name (accents ignored: Jimenez finds Jiménez), or part of an order reference.',
  }),
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
    ...OrderTotalAnswer,
    /** The client network (keyed hash) and email domain the reward went to: what the farming signals group by. */
    network: z.string().nullable(),
    emailDomain: z.string().nullable(),
  })
  .meta({ id: 'AdminCode' })
export type AdminCode = z.infer<typeof AdminCode>

export const CodeActionQuery = z.object({ site: SiteId.optional().meta({ description: 'Which site’s code, when several sites issued the same one.' }) })
/** The codes of a search, a page at a time; on the first page, how many there are in all. */
export const CodesPage = pageOf(AdminCode)
  .extend({
    total: z
      .number()
      .int()
      .nullable()
      .meta({ description: `How many codes match, counted up to ${CODES_COUNT_CAP} (more: that number); null on later pages (cursor given).` }),
  })
  .meta({ id: 'CodesPage' })
export type CodesPage = z.infer<typeof CodesPage>
export const RedeemByAdminBody = z.object({ orderRef: z.string().trim().min(1).max(200).optional(), ...OrderTotalFields }).superRefine(checkOrderTotal)
export const RevokeByAdminBody = z.object({ reason: z.string().trim().max(200).optional().meta({ description: 'Why, for the audit log.' }) })
export const CodeChangeAnswer = z
  .object({
    code: z.string().nullable(),
    status: z.enum(CODE_STATUSES),
    redeemedAt: iso.nullable().optional(),
    orderRef: z.string().nullable().optional(),
    orderTotal: OrderTotalAnswer.orderTotal.optional(),
    orderCurrency: OrderTotalAnswer.orderCurrency.optional(),
  })
  .meta({ id: 'CodeChangeAnswer' })
export type CodeChangeAnswer = z.infer<typeof CodeChangeAnswer>

export const AdminCommentsQuery = z.object({
  site: SiteId.optional(),
  status: z.enum(COMMENT_STATUSES).optional().meta({ description: 'Default: pending (the moderation queue).' }),
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

/** At most a year and a bit per request. */
export const MAX_STATS_DAYS = 400
/** Posts in a stats answer: enough for the table to sort by revenue or conversion in the browser. */
export const MAX_STATS_THREADS = 500
export const StatsQuery = z
  .object({ site: SiteId, from: Day.optional(), to: Day.optional() })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_STATS_DAYS, {
    path: ['from'],
    message: `at most ${MAX_STATS_DAYS} days`,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'before to' })

/** Sales the shop reported with its redemptions, per currency (never added across currencies), most redemptions first. */
export const Revenue = z
  .array(
    z.object({
      currency: z.string().meta({ description: 'ISO 4217.' }),
      amount: z.string().meta({ description: 'The sum of the order totals, a decimal string in the currency’s major unit.' }),
      orders: z.number().int().meta({ description: 'Redemptions that reported a total in this currency.' }),
    }),
  )
  .meta({ id: 'Revenue' })
export type Revenue = z.infer<typeof Revenue>

/**
 * Does it pay? Counted per rewarded reader, not per comment: `rewardedReaders`
 * got a code issued in the period (revoked ones left out), `convertedReaders`
 * are those of them who have redeemed it since, `conversion` is the one over
 * the other. `redemptions` and `revenue` are the redemptions that happened in
 * the period, whenever their code was issued.
 */
const Funnel = {
  comments: z.number().int().meta({ description: 'Published comments written in the period.' }),
  rewardedReaders: z.number().int().meta({ description: 'Readers whose code was issued in the period (each reader once).' }),
  convertedReaders: z.number().int().meta({ description: 'Of those readers, how many have redeemed that code by now.' }),
  conversion: z.number().meta({ description: 'convertedReaders / rewardedReaders, 0..1 (0 when nobody was rewarded).' }),
  redemptions: z.number().int().meta({ description: 'Codes redeemed in the period.' }),
  revenue: Revenue,
}

export const StatsAnswer = z
  .object({
    site: z.string(),
    from: z.string(),
    to: z.string(),
    totals: z.object(Funnel),
    months: z
      .array(z.object({ month: z.string().meta({ description: 'YYYY-MM (UTC).' }), ...Funnel }))
      .meta({ description: 'Every month of the period, oldest first.' }),
    threads: z
      .array(z.object({ key: z.string(), title: z.string().nullable(), ...Funnel }))
      .meta({ description: `Posts with anything in the period, most redemptions first, at most ${MAX_STATS_THREADS}.` }),
    moreThreads: z.number().int().meta({ description: 'Posts with activity beyond those listed.' }),
  })
  .meta({ id: 'StatsAnswer' })
export type StatsAnswer = z.infer<typeof StatsAnswer>

export const AuditQuery = z
  .object({
    site: SiteId.optional(),
    actor: z.string().max(80).optional().meta({ description: 'Who: `admin:<id>`, `shop:<key id>`, `cli`, `system` or `anonymous`.' }),
    action: z.string().max(80).optional().meta({ description: 'An action (`code.revoked`), or all of an area (`code.`).' }),
    from: Day.optional(),
    to: Day.optional(),
    cursor: Cursor.optional(),
    limit,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'before to' })
export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: iso,
    actor: z.string().meta({ description: '`admin:<id>`, `shop:<key id>`, `cli`, `system`, or `anonymous` (a failed login).' }),
    actorName: z.string().meta({ description: 'Who, for people: an admin’s email, an API key’s name, “command line”, “server”.' }),
    action: z.string(),
    siteId: z.string().nullable(),
    subject: z.string().nullable(),
    subjectName: z.string().nullable().meta({ description: 'The subject for people, when it is an admin (their email).' }),
    detail: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'What else there is to say, without empty values; a settings change as `changes`: `[{path, from, to}]`.' }),
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof AuditEntry>
/** The audit page's filter choices: who appears in the log, and which actions. */
export const AuditFacets = z
  .object({ actors: z.array(z.object({ actor: z.string(), name: z.string() })), actions: z.array(z.string()) })
  .meta({ id: 'AuditFacets' })
export type AuditFacets = z.infer<typeof AuditFacets>

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

const NewPassword = z.string().min(MIN_ADMIN_PASSWORD).max(1024)

/** POST /session, when the account has two-factor login: the password was right, now a code. */
export const TwoFactorChallenge = z
  .object({
    twoFactor: z.literal(true),
    challenge: z.string().meta({ description: 'Send back with the code to POST /session/two-factor, within 5 minutes.' }),
  })
  .meta({ id: 'TwoFactorChallenge' })
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallenge>
export const LoginAnswer = z.union([SessionAnswer, TwoFactorChallenge])
export type LoginAnswer = z.infer<typeof LoginAnswer>
/** A six-digit code from the authenticator app, or a recovery code (spaces and dashes ignored). */
const SecondFactor = z
  .string()
  .trim()
  .max(40)
  .transform((c) => c.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^(\d{6}|[A-Z2-9]{10})$/, 'a six-digit code or a recovery code'))
export const SecondFactorBody = z.object({ challenge: z.string().max(500), code: SecondFactor }).meta({ id: 'SecondFactorBody' })
export const CodeBody = z.object({ code: SecondFactor }).meta({ id: 'CodeBody' })

/** PUT /me/password: the current password, and the new one. Every other session of this admin ends. */
export const PasswordBody = z.object({ current: z.string().min(1).max(1024), next: NewPassword }).meta({ id: 'PasswordBody' })

/** POST /me/two-factor: a new secret to scan; two-factor login is on once a code from it is confirmed. */
export const TwoFactorSetup = z
  .object({
    secret: z.string().meta({ description: 'The secret in base32, for typing into the app by hand.' }),
    uri: z.string().meta({ description: 'The otpauth:// address the QR code holds.' }),
    qrSvg: z.string().meta({ description: 'The QR code as an SVG document.' }),
  })
  .meta({ id: 'TwoFactorSetup' })
export type TwoFactorSetup = z.infer<typeof TwoFactorSetup>
export const TwoFactorStatus = z
  .object({ on: z.boolean(), recoveryCodesLeft: z.number().int().meta({ description: 'Unused recovery codes.' }) })
  .meta({ id: 'TwoFactorStatus' })
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>
export const RecoveryCodesAnswer = z
  .object({ recoveryCodes: z.array(z.string()).meta({ description: 'Ten one-time codes, shown this once; only their hashes are kept.' }) })
  .meta({ id: 'RecoveryCodesAnswer' })
export type RecoveryCodesAnswer = z.infer<typeof RecoveryCodesAnswer>

/** The admins and the invitations still open (owners only). */
export const AdminInvite = z
  .object({
    id: z.number().int(),
    email: z.string(),
    role: z.enum(ADMIN_ROLES),
    invitedBy: z.string().nullable(),
    createdAt: iso,
    expiresAt: iso,
    expired: z.boolean(),
  })
  .meta({ id: 'AdminInvite' })
export type AdminInvite = z.infer<typeof AdminInvite>
export const PeopleAnswer = z.object({ admins: z.array(AdminUser), invites: z.array(AdminInvite) }).meta({ id: 'PeopleAnswer' })
export type PeopleAnswer = z.infer<typeof PeopleAnswer>
export const InviteBody = z.object({ email: z.string().trim().max(254).pipe(z.email()), role: z.enum(ADMIN_ROLES) }).meta({ id: 'InviteBody' })
export const InviteAnswer = z
  .object({
    invite: AdminInvite,
    link: z.string().nullable().meta({ description: 'The link itself, only when this server cannot mail it (no SMTP_URL): pass it on yourself.' }),
    mailed: z.boolean(),
  })
  .meta({ id: 'InviteAnswer' })
export type InviteAnswer = z.infer<typeof InviteAnswer>
export const RoleBody = z.object({ role: z.enum(ADMIN_ROLES) }).meta({ id: 'RoleBody' })
/** The invitation a link carries, as the person invited sees it before choosing a password. */
export const InviteTokenBody = z.object({ token: z.string().min(1).max(200) })
export const InviteInfo = z.object({ email: z.string(), role: z.enum(ADMIN_ROLES), expiresAt: iso }).meta({ id: 'InviteInfo' })
export type InviteInfo = z.infer<typeof InviteInfo>
export const AcceptInviteBody = z
  .object({ token: z.string().min(1).max(200), name: z.string().trim().min(1).max(120).optional(), password: NewPassword })
  .meta({ id: 'AcceptInviteBody' })

/** What needs the admin now, per site: the start page and the menu's badge. */
export const AttentionAnswer = z
  .object({
    total: z.number().int(),
    sites: z.array(
      z.object({
        site: z.string(),
        name: z.string(),
        heldComments: z.number().int().meta({ description: 'Comments waiting for approval.' }),
        heldRewards: z
          .number()
          .int()
          .meta({ description: 'Rewards held back for a look (a burst from one network or domain, the daily budget, an empty pool).' }),
        failedDeliveries: z.number().int().meta({ description: 'Emails and webhook calls given up on.' }),
        refusedOrigins: z.array(z.string()).meta({ description: 'Pages the widget was refused on in the last week: an origin to allow?' }),
      }),
    ),
  })
  .meta({ id: 'AttentionAnswer' })
export type AttentionAnswer = z.infer<typeof AttentionAnswer>
