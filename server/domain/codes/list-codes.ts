import { and, count, desc, eq, gt, gte, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { CodesPage, CodesQuery } from '../../../shared/admin.ts'
import { CODES_COUNT_CAP } from '../../../shared/limits.ts'
import { orderTotalOf } from '../../../shared/money.ts'
import type { CodeStatus } from '../../../shared/values.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { codeKey } from '../rewards/code-key.ts'
import { accentGlob } from './accent-glob.ts'

/** Shorter parts of a code would match random codes by chance (a 12-character code has nine 4-character runs). */
const MIN_CODE_PART = 4

/** What a code's key can hold: ours are letters and digits, an owner's pool codes may also have `_` (and `-`, which the key drops). */
const CODE_KEY = /^[A-Z0-9_]+$/

/** Expiry needs no cron: an issued code past its date reads as expired. */
export function codeStatus(row: { status: string; expiresAt: string | null }, now: string): CodeStatus {
  if (row.status === 'issued' && row.expiresAt !== null && row.expiresAt <= now) return 'expired'
  return row.status as CodeStatus
}

function statusFilter(status: CodeStatus, now: string): SQL | undefined {
  if (status === 'expired') return and(eq(rewards.status, 'issued'), lte(rewards.expiresAt, now))
  if (status === 'issued') return and(eq(rewards.status, 'issued'), or(isNull(rewards.expiresAt), gt(rewards.expiresAt, now)))
  return eq(rewards.status, status)
}

/** `%part%` for LIKE, with LIKE's own wildcards in the part taken literally (escaped with \). */
const containing = (part: string) => `%${part.replace(/[%_\\]/g, '\\$&')}%`
const likePart = (col: AnySQLiteColumn, part: string) => sql`${col} like ${containing(part)} escape '\\'`

/**
 * A search forgives: any of part of a code as typed (its prefix or not, any
 * case, dashes and look-alikes as the shop folds them), an email address in
 * any spelling or part of one, part of the reader's name with accents ignored
 * on both sides, part of the order reference.
 */
function search(q: string): SQL | undefined {
  const key = codeKey(q)
  return or(
    likePart(rewards.email, q),
    q.includes('@') ? eq(rewards.readerKey, normalizeEmail(q)) : likePart(rewards.readerKey, q.toLowerCase()),
    key.length >= MIN_CODE_PART && CODE_KEY.test(key) ? likePart(rewards.codeKey, key) : undefined,
    sql`${comments.authorName} glob ${accentGlob(q)}`,
    likePart(rewards.orderRef, q),
  )
}

/** What a search means when it is exactly a reader's address or a code (a whole one of any length: a pool's may be three characters): an index lookup. */
function exactly(q: string): SQL | undefined {
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q)) return eq(rewards.readerKey, normalizeEmail(q))
  const key = codeKey(q)
  return CODE_KEY.test(key) ? eq(rewards.codeKey, key) : undefined
}

/**
 * The codes an admin reviews, newest first, one keyset page at a time; the
 * first page also says how many match (counted up to CODES_COUNT_CAP, so a
 * broad search on a million codes stays quick). A search that is exactly an
 * address or a code is an index lookup (flat at a million rows); only if that
 * finds nothing is it taken as part of something, which reads the rows.
 */
export async function listCodes(ctx: Ctx, query: CodesQuery): Promise<CodesPage> {
  const exact = query.q && !query.cursor ? exactly(query.q) : undefined
  if (exact) {
    const page = await listCodesWhere(ctx, query, exact)
    if (page.items.length && !page.nextCursor) return { ...page, total: page.items.length }
  }
  return listCodesWhere(ctx, query, query.q ? search(query.q) : undefined)
}

async function listCodesWhere(ctx: Ctx, query: CodesQuery, matching: SQL | undefined): Promise<CodesPage> {
  const now = ctx.clock().toISOString()
  const filters = and(
    query.site ? eq(rewards.siteId, query.site) : undefined,
    query.thread ? or(likePart(threads.key, query.thread), likePart(threads.title, query.thread)) : undefined,
    query.status ? statusFilter(query.status, now) : undefined,
    matching,
    query.from ? gte(rewards.createdAt, query.from) : undefined,
    query.to ? lt(rewards.createdAt, `${query.to}T99`) : undefined,
    query.network ? or(eq(rewards.networkKey, query.network), eq(rewards.wideNetworkKey, query.network)) : undefined,
    query.domain ? eq(rewards.emailDomain, query.domain) : undefined,
  )
  const [rows, total] = await Promise.all([
    ctx.db
      .select({
        id: rewards.id,
        code: rewards.code,
        kind: rewards.kind,
        status: rewards.status,
        pendingReason: rewards.pendingReason,
        label: rewards.label,
        readerName: comments.authorName,
        email: rewards.email,
        siteId: rewards.siteId,
        thread: { key: threads.key, title: threads.title, url: threads.url },
        commentId: rewards.commentId,
        body: comments.body,
        createdAt: rewards.createdAt,
        issuedAt: rewards.issuedAt,
        expiresAt: rewards.expiresAt,
        redeemedAt: rewards.redeemedAt,
        orderRef: rewards.orderRef,
        orderTotal: rewards.orderTotal,
        orderCurrency: rewards.orderCurrency,
        network: rewards.networkKey,
        emailDomain: rewards.emailDomain,
      })
      .from(rewards)
      .innerJoin(comments, eq(comments.id, rewards.commentId))
      .innerJoin(threads, eq(threads.id, rewards.threadId))
      .where(and(filters, query.cursor ? lt(rewards.id, Number(query.cursor)) : undefined))
      .orderBy(desc(rewards.id))
      .limit(query.limit + 1),
    query.cursor ? null : countUpTo(ctx, filters, { names: Boolean(matching), posts: Boolean(query.thread) }),
  ])
  const page = keysetPage(rows, query.limit)
  return {
    ...page,
    total,
    items: page.items.map(({ body, orderTotal, orderCurrency, ...r }) => ({
      ...r,
      ...orderTotalOf({ orderTotal, orderCurrency }),
      status: codeStatus(r, now),
      commentExcerpt: body.slice(0, 140),
    })),
  }
}

/** How many rows match, up to CODES_COUNT_CAP; joined to comments and threads only when a filter reads them. */
async function countUpTo(ctx: Ctx, filters: SQL | undefined, reads: { names: boolean; posts: boolean }): Promise<number> {
  let from = ctx.db.select({ one: sql`1` }).from(rewards).$dynamic()
  if (reads.names) from = from.innerJoin(comments, eq(comments.id, rewards.commentId))
  if (reads.posts) from = from.innerJoin(threads, eq(threads.id, rewards.threadId))
  const matches = from.where(filters).limit(CODES_COUNT_CAP).as('matches')
  const [row] = await ctx.db.select({ n: count() }).from(matches)
  return row?.n ?? 0
}
