/**
 * The whole database, in one place. drizzle-kit generates the migrations in
 * ./migrations from this file; never edit those by hand.
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { RewardSettings } from '../../shared/reward.ts'
import type { AntiAbuse, PostRules } from '../../shared/site.ts'
import {
  ADMIN_ROLES,
  COMMENT_STATUSES,
  type EMAIL_RETENTION_DAYS,
  MODERATION_MODES,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  PENDING_REASONS,
  READER_LINK_PURPOSES,
  REWARD_KINDS,
  REWARD_STATUSES,
  SUBSCRIBER_STATUSES,
  THREAD_SOURCES,
} from '../../shared/values.ts'

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  origins: text('origins', { mode: 'json' }).$type<string[]>().notNull(),
  moderation: text('moderation', { enum: MODERATION_MODES }).notNull(),
  locale: text('locale').notNull(),
  reward: text('reward', { mode: 'json' }).$type<RewardSettings | null>(),
  /** null: the defaults (ANTI_ABUSE_DEFAULTS). */
  antiAbuse: text('anti_abuse', { mode: 'json' }).$type<AntiAbuse | null>(),
  /** null: the defaults (POST_RULES_DEFAULTS). */
  posts: text('posts', { mode: 'json' }).$type<PostRules | null>(),
  /** Days a reader's email is kept after their last comment; null: as long as the site exists. */
  emailRetentionDays: integer('email_retention_days').$type<(typeof EMAIL_RETENTION_DAYS)[number] | null>(),
  createdAt: text('created_at').notNull().default(now),
})

export const threads = sqliteTable(
  'threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** canonicalThreadKey of the post's path. */
    key: text('key').notNull(),
    /** The post's title and address as the owner's side states them (the page itself, a registration, an import); never a reader's words. */
    title: text('title'),
    url: text('url'),
    /** How the post became known: its page was checked, the owner listed it, it was imported, or the site takes any page. */
    source: text('source', { enum: THREAD_SOURCES }),
    /** Published comments; kept in step by every verb that publishes or unpublishes. */
    commentCount: integer('comment_count').notNull().default(0),
    /** Bumped whenever what the public sees changes: the list's ETag. */
    revision: integer('revision').notNull().default(0),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('threads_site_key').on(t.siteId, t.key)],
)

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id),
    parentId: integer('parent_id'),
    /** The top-level comment a reply hangs under (null for top-level): one query fetches a page's replies. */
    rootId: integer('root_id'),
    authorName: text('author_name').notNull(),
    /** As typed, for delivery; never in a public answer. */
    email: text('email').notNull(),
    /** The normalized email: one reader, one reward. */
    readerKey: text('reader_key').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull(),
    /** Why it was held or marked spam ("honeypot", …), for the moderator. */
    flag: text('flag'),
    /** Of the body with case and spacing folded: finds the same comment posted twice. */
    bodyHash: text('body_hash'),
    /** Random per comment: how the other statements of its batch refer to it before its id is known. */
    nonce: text('nonce'),
    /**
     * Where an imported comment came from: `disqus:<dsq:id>`, `wordpress:<comment_id>`, …, or the
     * key an Inkind export gave it. Importing the same file again adds nothing. Null for comments posted here.
     */
    importKey: text('import_key'),
    /** 1: the author asked to hear of replies (sent once their address is confirmed, see subscribers). */
    notify: integer('notify', { mode: 'boolean' }).notNull().default(false),
    /** SHA-256 of the secret the author's browser got when posting: it may edit or delete for EDIT_WINDOW_MS. */
    editHash: text('edit_hash'),
    editedAt: text('edited_at'),
    /** Written by this admin from the admin app: the widget shows it as the author's, a reader cannot. */
    adminUserId: integer('admin_user_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('comments_nonce').on(t.nonce),
    uniqueIndex('comments_import_key').on(t.siteId, t.importKey).where(sql`${t.importKey} is not null`),
    index('comments_page').on(t.threadId, t.status, t.rootId, t.id),
    index('comments_replies').on(t.rootId, t.status, t.id),
    // Whether a deleted comment has a published reply (then it stays as a placeholder).
    index('comments_parent').on(t.parentId, t.status),
    index('comments_queue').on(t.siteId, t.status, t.id),
    index('comments_reader').on(t.siteId, t.readerKey),
    index('comments_site_day').on(t.siteId, t.createdAt),
    index('comments_duplicate').on(t.threadId, t.bodyHash),
  ],
)

/**
 * One import's scratch list while it runs: every record's source key and its
 * parent's, kept and skipped alike, so a reply finds a parent that came later
 * in the file, or the nearest ancestor that was kept when its parent was
 * skipped, without holding the file's tree in memory. Emptied when the run ends.
 */
export const importLinks = sqliteTable(
  'import_links',
  {
    run: text('run').notNull(),
    siteId: text('site_id').notNull(),
    importKey: text('import_key').notNull(),
    parentKey: text('parent_key'),
    /** 1: the record was skipped (spam, deleted, …): its replies move up to its parent. */
    skipped: integer('skipped').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.run, t.importKey] })],
)

/** One row per reader (per site or thread): the reward they earned and, once issued, its code. */
export const rewards = sqliteTable(
  'rewards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    readerKey: text('reader_key').notNull(),
    /** '' for one reward per site; the thread key for one per thread. */
    scopeKey: text('scope_key').notNull(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id),
    email: text('email').notNull(),
    kind: text('kind', { enum: REWARD_KINDS }).notNull(),
    status: text('status', { enum: REWARD_STATUSES }).notNull(),
    /** Why it is pending (PENDING_REASONS). */
    pendingReason: text('pending_reason', { enum: PENDING_REASONS }),
    /** Keyed hash of the client's network (IPv4 address, IPv6 /64): counts rewards per network without keeping an address. */
    networkKey: text('network_key'),
    /** The same for the wide network around it (IPv4 /24, IPv6 /48). */
    wideNetworkKey: text('wide_network_key'),
    /** The registrable domain of the reader's email, for per-domain velocity. */
    emailDomain: text('email_domain'),
    code: text('code'),
    /** codeKey(code): how a typed code is found. */
    codeKey: text('code_key'),
    label: text('label').notNull(),
    issuedAt: text('issued_at'),
    expiresAt: text('expires_at'),
    redeemedAt: text('redeemed_at'),
    orderRef: text('order_ref'),
    /** What the order came to, in minor units of orderCurrency (shared/money.ts), when the shop said. */
    orderTotal: integer('order_total'),
    /** ISO 4217. */
    orderCurrency: text('order_currency'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('rewards_one_per_reader').on(t.siteId, t.readerKey, t.scopeKey),
    // A shared static code appears on many rows; every other code exists once per site.
    uniqueIndex('rewards_code').on(t.siteId, t.codeKey).where(sql`${t.kind} <> 'static' and ${t.codeKey} is not null`),
    index('rewards_lookup').on(t.codeKey),
    index('rewards_reader').on(t.readerKey),
    index('rewards_site_issued').on(t.siteId, t.id),
    index('rewards_comment').on(t.commentId),
    index('rewards_site_status').on(t.siteId, t.status, t.id),
    index('rewards_thread').on(t.threadId, t.id),
    index('rewards_issued_day').on(t.siteId, t.issuedAt),
    index('rewards_redeemed_day').on(t.siteId, t.redeemedAt),
    index('rewards_network_day').on(t.siteId, t.networkKey, t.createdAt),
    index('rewards_wide_network_day').on(t.siteId, t.wideNetworkKey, t.createdAt),
    index('rewards_domain_day').on(t.siteId, t.emailDomain, t.createdAt),
    index('rewards_site_day').on(t.siteId, t.createdAt),
  ],
)

/** Who changed what, for every change an admin or a shop makes. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** 'admin:<id>', 'shop:<key id>', 'cli' or 'system'. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    siteId: text('site_id'),
    subject: text('subject'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_site').on(t.siteId, t.id),
    // The audit page's filters: by who, by what, by day.
    index('audit_actor').on(t.actor, t.id),
    index('audit_action').on(t.action, t.id),
    index('audit_at').on(t.at),
  ],
)

export const adminUsers = sqliteTable('admin_users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Lowercased. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ADMIN_ROLES }).notNull(),
  /** argon2id, PHC string. */
  passwordHash: text('password_hash').notNull(),
  /** 1: an email for each comment held for approval. */
  notifyHeld: integer('notify_held', { mode: 'boolean' }).notNull().default(true),
  /** 1: a daily digest of new comments; digestSentAt is when the last one covered up to. */
  notifyDigest: integer('notify_digest', { mode: 'boolean' }).notNull().default(false),
  digestSentAt: text('digest_sent_at'),
  createdAt: text('created_at').notNull(),
  lastLoginAt: text('last_login_at'),
  /**
   * Removed by an owner: no password, no sessions, no mail; the row stays so the
   * audit log still names who did what. An invitation to the same address brings it back.
   */
  removedAt: text('removed_at'),
  /** The TOTP secret, encrypted (two-factor.ts); set at setup, in force once totpEnabledAt is. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: text('totp_enabled_at'),
  /** The last TOTP time step accepted: a code is good once. */
  totpLastStep: integer('totp_last_step'),
})

/** One-time recovery codes of an admin with two-factor login; only a keyed hash of each is kept. */
export const adminRecoveryCodes = sqliteTable(
  'admin_recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('admin_recovery_codes_user').on(t.userId), uniqueIndex('admin_recovery_codes_hash').on(t.codeHash)],
)

/** An owner's invitation to become an admin: a mailed link (only its SHA-256 kept) that works until expiresAt. */
export const adminInvites = sqliteTable(
  'admin_invites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    /** Lowercased. */
    email: text('email').notNull(),
    role: text('role', { enum: ADMIN_ROLES }).notNull(),
    invitedBy: integer('invited_by').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('admin_invites_email').on(t.email)],
)

/** Server-side sessions, so any server process can serve any admin request. */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    /** SHA-256 of the cookie's token: a leaked database does not yield live sessions. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('admin_sessions_user').on(t.userId)],
)

/** Counters of rate-limiter-flexible's Drizzle store: shared by every server process. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: integer('expire', { mode: 'timestamp_ms' }),
})

/** Keys a shop's checkout uses to validate and redeem codes. Only a SHA-256 of each key is kept. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    /** The first characters, to tell keys apart in the admin. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_keys_site').on(t.siteId)],
)

/** Codes made in the owner's shop, handed out one per reader. claim is set once a reward took it. */
export const codePool = sqliteTable(
  'code_pool',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    code: text('code').notNull(),
    codeKey: text('code_key').notNull(),
    claim: text('claim'),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [uniqueIndex('code_pool_code').on(t.siteId, t.codeKey), index('code_pool_free').on(t.siteId, t.claim, t.id), index('code_pool_claim').on(t.claim)],
)

export const webhooks = sqliteTable(
  'webhooks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    url: text('url').notNull(),
    /** HMAC-SHA256 key for the signature header; shown to the owner once. */
    secret: text('secret').notNull(),
    /** Comma-separated, e.g. "comment.created,reward.issued". */
    events: text('events').notNull(),
    createdAt: text('created_at').notNull(),
    disabledAt: text('disabled_at'),
  },
  (t) => [index('webhooks_site').on(t.siteId)],
)

/**
 * The transactional outbox: an email or webhook call to make, written in the
 * same transaction as the event it reports, then delivered by a worker in any
 * server process with retries. A row is never lost, only late.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id').notNull(),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    event: text('event').notNull(),
    /** The webhook's id, or the reader's email address. */
    target: text('target').notNull(),
    /** What the event is about: "comment:<id>" or "reward:<id>". */
    subject: text('subject').notNull(),
    /** The body, fixed at the first attempt so every retry sends the same bytes. */
    payload: text('payload'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** A worker's lease: another process skips the row until it passes. */
    lockedUntil: text('locked_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [
    index('outbox_due').on(t.status, t.nextAttemptAt),
    index('outbox_site').on(t.siteId, t.id),
    // How many mails of a kind an address got lately (reply notifications are capped per recipient).
    index('outbox_target').on(t.target, t.event, t.createdAt),
  ],
)

/** Values this installation keeps for itself: secrets made at first start, the public URL it last ran at. */
export const instance = sqliteTable('instance', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

/** Browser origins a site's widget was refused on: the admin suggests the ones an owner forgot to allow. */
export const refusedOrigins = sqliteTable(
  'refused_origins',
  {
    siteId: text('site_id').notNull(),
    origin: text('origin').notNull(),
    count: integer('count').notNull().default(1),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.origin] }), index('refused_origins_recent').on(t.siteId, t.lastSeenAt)],
)

/**
 * A reader's address that asked for reply notifications on a site: pending
 * until the link in the confirmation mail is followed (double opt-in), then
 * confirmed. Unsubscribing from the site deletes the row; asking again starts
 * over with a new confirmation.
 */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id').notNull(),
    readerKey: text('reader_key').notNull(),
    /** As typed, for delivery. */
    email: text('email').notNull(),
    status: text('status', { enum: SUBSCRIBER_STATUSES }).notNull(),
    /** The last confirmation mail: at most one a day to an address that has not confirmed. */
    confirmSentAt: text('confirm_sent_at'),
    confirmedAt: text('confirmed_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('subscribers_reader').on(t.siteId, t.readerKey)],
)

/**
 * Links mailed to a reader that act for their address: confirming
 * notifications, seeing and deleting their data. Only a SHA-256 of the token
 * is kept; each expires.
 */
export const readerLinks = sqliteTable(
  'reader_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose', { enum: READER_LINK_PURPOSES }).notNull(),
    siteId: text('site_id').notNull(),
    readerKey: text('reader_key').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('reader_links_reader').on(t.siteId, t.readerKey), index('reader_links_expiry').on(t.expiresAt)],
)
