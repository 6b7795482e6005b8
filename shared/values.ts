/**
 * Every value list of Inkind, once: the database schema, the zod schemas of
 * the API and the admin app all import these. Plain arrays (no zod), so the
 * admin app and the widget can import them without pulling in a validator.
 */

/** A comment's life: held, public, turned down, caught as spam, taken down. */
export const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'spam', 'deleted'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

/** What a moderator can do to a comment. */
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'delete'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

/** Publish at once, or hold every comment for approval. */
export const MODERATION_MODES = ['auto', 'pre'] as const
export type ModerationMode = (typeof MODERATION_MODES)[number]

/** A reward as stored. */
export const REWARD_STATUSES = ['pending', 'issued', 'redeemed', 'revoked'] as const
export type RewardStatus = (typeof REWARD_STATUSES)[number]

/** A code as the API reports it: an issued code past its expiry reads as expired (no cron involved). */
export const CODE_STATUSES = [...REWARD_STATUSES, 'expired'] as const
export type CodeStatus = (typeof CODE_STATUSES)[number]

/** Unique codes made here, one shared shop code, or codes imported from the shop. */
export const REWARD_KINDS = ['generated', 'static', 'pool'] as const
export type RewardKind = (typeof REWARD_KINDS)[number]

/**
 * Why an earned reward waits: a moderator's approval, an empty code pool, the
 * site's daily reward budget, or the owner's look at a burst from one network
 * or one email domain. Each is issued later (by email) or dropped by the owner.
 */
export const PENDING_REASONS = ['approval', 'pool-empty', 'budget', 'review'] as const
export type PendingReason = (typeof PENDING_REASONS)[number]

/** One reward per reader per site, or per reader per post. */
export const REWARD_SCOPES = ['site', 'thread'] as const
/** Issue the code when the comment is posted, or when a moderator approves it. */
export const ISSUE_ON = ['submit', 'approval'] as const
/** Show the code in the widget, or send it only to the address given. */
export const DELIVERY_MODES = ['instant', 'email'] as const

/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['comment.created', 'reward.issued', 'code.redeemed'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** An outbox row: an email or a webhook call, waiting, delivered or given up. */
export const OUTBOX_CHANNELS = ['email', 'webhook'] as const
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/**
 * The emails Inkind sends, as outbox events: a reader's code (and again, on
 * request), the confirmation of reply notifications, a reply notification,
 * a reader's link to their data; to admins, a comment held for approval and
 * the daily digest, and an invitation to become an admin.
 */
export const MAIL_EVENTS = [
  'reward.issued',
  'reward.resent',
  'subscription.confirm',
  'reply.notify',
  'reader.data-link',
  'comment.held',
  'digest',
  'admin.invite',
] as const
export type MailEvent = (typeof MAIL_EVENTS)[number]

/** An address that asked for reply notifications: waiting for its confirmation, or confirmed. */
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed'] as const

/** What a link mailed to a reader does: confirm notifications, or open their data. */
export const READER_LINK_PURPOSES = ['confirm', 'data'] as const
export type ReaderLinkPurpose = (typeof READER_LINK_PURPOSES)[number]

/** How a reader's comments go when they delete their data: kept without a name, or taken down. */
export const ERASE_MODES = ['anonymize', 'remove'] as const
export type EraseMode = (typeof ERASE_MODES)[number]

/** Days a site may keep a reader's email after their last comment (null: as long as the site exists). */
export const EMAIL_RETENTION_DAYS = [365, 730] as const

export const ADMIN_ROLES = ['owner', 'moderator'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

/**
 * Which pages can have a thread: posts whose page is checked once (`page`),
 * only posts the owner listed (`listed`), or any path (`any`).
 */
export const POST_CHECKS = ['page', 'listed', 'any'] as const
/** How a post became known: its page was checked, the owner listed it, it was imported, or the site takes any page. */
export const THREAD_SOURCES = ['page', 'owner', 'import', 'any'] as const
export type ThreadSource = (typeof THREAD_SOURCES)[number]

/** What `import` reads: another system's export, or an Inkind export (a site moving between servers). */
export const IMPORT_SOURCES = ['disqus', 'wordpress', 'isso', 'remark42', 'commento', 'inkind'] as const
export type ImportSource = (typeof IMPORT_SOURCES)[number]

/**
 * Why an import left a record out: caught as spam or blocked at the source,
 * deleted there, a pingback or trackback, its thread gone or deleted, its page
 * has no address the widget can name (a `?p=N` link on a site without that
 * query parameter), nothing left of its text, or a value that makes no sense.
 */
export const SKIP_REASONS = ['spam', 'blocked', 'deleted', 'not-a-comment', 'orphan', 'thread-deleted', 'shortlink', 'empty', 'invalid'] as const
export type SkipReason = (typeof SKIP_REASONS)[number]
