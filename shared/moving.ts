/**
 * Moving in and out: the import report, the lines of an Inkind export, and a
 * reader's own data. The CLI, the admin API and the admin app share these.
 */
import { z } from 'zod'
import { LIMITS } from './limits.ts'
import { Currency } from './shop.ts'
import { AdminSite, SiteId } from './site.ts'
import { CODE_STATUSES, COMMENT_STATUSES, IMPORT_SOURCES, PENDING_REASONS, REWARD_KINDS, REWARD_STATUSES, SKIP_REASONS, THREAD_SOURCES } from './values.ts'

const iso = z.iso.datetime()
const count = z.number().int().min(0)
/** A query flag: 1/true or 0/false. */
const flag = z
  .enum(['1', 'true', '0', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true')

/** POST /api/v1/admin/sites/:site/import: the file is the request body. */
export const ImportQuery = z.object({
  source: z.enum(IMPORT_SOURCES),
  dryRun: flag.meta({ description: '1: read the file and report what would be imported; write nothing.' }),
  countAsRewarded: flag.meta({
    description: '1: the readers of published imported comments count as already thanked: their next comment here earns no new reward.',
  }),
  map: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'Address rewrites before thread keys are made, `old=new`, several separated by spaces; e.g. `https://old.example.com/=/`.' }),
})

/** At most this many problems are listed one by one; the counts cover every record. */
export const MAX_PROBLEMS = 50

export const ImportReport = z
  .object({
    source: z.enum(IMPORT_SOURCES),
    site: z.string(),
    dryRun: z.boolean(),
    siteCreated: z.boolean().meta({ description: 'An Inkind export created the site from its settings.' }),
    threads: z.object({
      total: count.meta({ description: 'Threads the imported comments are on (and, from an Inkind export, every thread it lists).' }),
      created: count.meta({ description: 'Of them, threads this server did not have.' }),
    }),
    comments: z.object({
      imported: count.meta({ description: 'Comments added (or, in a dry run, that would be).' }),
      pending: count.meta({ description: 'Of them, held for moderation as they were at the source.' }),
      present: count.meta({ description: 'Already here from an earlier import: left as they are.' }),
    }),
    skipped: z.partialRecord(z.enum(SKIP_REASONS), count).meta({ description: 'Records left out, by reason.' }),
    warnings: z.object({
      truncated: count.meta({ description: `Bodies longer than ${LIMITS.body} characters, cut at a word and marked with “…”.` }),
      reattached: count.meta({ description: 'Replies whose parent was skipped, hung under its nearest kept ancestor (or made top-level).' }),
      parentMissing: count.meta({ description: 'Replies whose parent is not in the file, made top-level.' }),
      guessedDates: count.meta({ description: 'Dates without a time zone whose offset had to be guessed (WordPress comments without comment_date_gmt).' }),
    }),
    rewards: z.object({
      thanked: count.meta({ description: 'Readers recorded as already thanked (countAsRewarded): one reward row each, revoked, without a code.' }),
      restored: count.meta({ description: 'Rewards restored from an Inkind export.' }),
    }),
    poolCodes: count.meta({ description: 'Code pool entries restored from an Inkind export.' }),
    problems: z
      .array(z.object({ line: z.number().int().nullable(), id: z.string().nullable(), reason: z.string(), detail: z.string().optional() }))
      .max(MAX_PROBLEMS)
      .meta({ description: `The first ${MAX_PROBLEMS} records left out or changed, with their line in the file (or row) and why.` }),
  })
  .meta({ id: 'ImportReport' })
export type ImportReport = z.infer<typeof ImportReport>

export const ExportQuery = z.object({
  format: z.enum(['ndjson', 'json']).default('ndjson').meta({ description: 'One record per line (default), or the same records as one JSON array.' }),
})

// The lines of an Inkind export. Comments and rewards name threads and comments by key, never by
// this server's row ids, so the file reads back into any server and a second export equals the first.

export const EXPORT_FORMAT = 'inkind-export'
export const EXPORT_VERSION = 1

export const ExportHeader = z.object({
  type: z.literal('header'),
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: iso,
  site: AdminSite,
})
export const ExportThread = z.object({
  type: z.literal('thread'),
  key: z.string().min(1).max(LIMITS.threadKey),
  title: z.string().max(LIMITS.title).nullable(),
  url: z.string().max(LIMITS.url).nullable(),
  source: z.enum(THREAD_SOURCES).nullable(),
  createdAt: iso,
})
export const ExportComment = z.object({
  type: z.literal('comment'),
  id: z.string().min(1).max(300).meta({ description: 'The comment’s lasting identity: its import key, or `inkind:<nonce>` for a comment posted on Inkind.' }),
  thread: z.string().min(1).max(LIMITS.threadKey),
  parent: z.string().max(300).nullable(),
  authorName: z.string().max(LIMITS.authorName),
  email: z.string().max(LIMITS.email),
  readerKey: z.string().max(300),
  body: z.string().max(LIMITS.body),
  status: z.enum(COMMENT_STATUSES),
  flag: z.string().max(100).nullable(),
  createdAt: iso,
})
export const ExportReward = z.object({
  type: z.literal('reward'),
  comment: z.string().min(1).max(300),
  thread: z.string().min(1).max(LIMITS.threadKey),
  readerKey: z.string().max(300),
  scopeKey: z.string().max(LIMITS.threadKey),
  email: z.string().max(LIMITS.email),
  kind: z.enum(REWARD_KINDS),
  status: z.enum(REWARD_STATUSES),
  pendingReason: z.enum(PENDING_REASONS).nullable(),
  code: z.string().max(200).nullable(),
  label: z.string().max(200),
  issuedAt: iso.nullable(),
  expiresAt: iso.nullable(),
  redeemedAt: iso.nullable(),
  orderRef: z.string().max(200).nullable(),
  /** In minor units of orderCurrency (absent from exports made before revenue was kept). */
  orderTotal: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  orderCurrency: Currency.nullable().default(null),
  networkKey: z.string().max(100).nullable(),
  wideNetworkKey: z.string().max(100).nullable(),
  emailDomain: z.string().max(253).nullable(),
  createdAt: iso,
})
export const ExportPoolCode = z.object({
  type: z.literal('pool-code'),
  code: z.string().min(1).max(200),
  claimed: z.boolean(),
  importedAt: iso,
})
export const ExportLine = z.discriminatedUnion('type', [ExportHeader, ExportThread, ExportComment, ExportReward, ExportPoolCode])
export type ExportHeader = z.infer<typeof ExportHeader>
export type ExportThread = z.infer<typeof ExportThread>
export type ExportComment = z.infer<typeof ExportComment>
export type ExportReward = z.infer<typeof ExportReward>
export type ExportPoolCode = z.infer<typeof ExportPoolCode>
export type ExportLine = z.infer<typeof ExportLine>

/** GET /api/v1/admin/readers/export: everything kept about one reader on one site. */
export const ReaderExportQuery = z.object({
  site: SiteId,
  email: z.string().trim().max(LIMITS.email).pipe(z.email()),
})

export const ReaderExport = z
  .object({
    site: z.string(),
    email: z.string().meta({ description: 'As asked for; every spelling of the same mailbox is the same reader.' }),
    exportedAt: iso,
    comments: z.array(
      z.object({
        id: z.number().int(),
        thread: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
        parentId: z.number().int().nullable(),
        authorName: z.string(),
        email: z.string(),
        body: z.string(),
        status: z.enum(COMMENT_STATUSES),
        createdAt: iso,
        imported: z.boolean().meta({ description: 'Brought in from another system.' }),
      }),
    ),
    rewards: z.array(
      z.object({
        code: z.string().nullable(),
        status: z.enum(CODE_STATUSES),
        label: z.string(),
        email: z.string(),
        thread: z.string(),
        createdAt: iso,
        issuedAt: iso.nullable(),
        expiresAt: iso.nullable(),
        redeemedAt: iso.nullable(),
        orderRef: z.string().nullable(),
      }),
    ),
    notifications: z
      .object({
        status: z.enum(['off', 'pending', 'confirmed']).meta({ description: '`pending`: asked, not yet confirmed by the link mailed.' }),
        posts: z.array(z.string()).meta({ description: 'Thread keys of the posts where replies are mailed.' }),
      })
      .meta({ description: 'Reply notifications for this address on this site.' }),
  })
  .meta({ id: 'ReaderExport' })
export type ReaderExport = z.infer<typeof ReaderExport>
