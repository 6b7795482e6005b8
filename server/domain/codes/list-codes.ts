import { and, desc, eq, gt, gte, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import type { AdminCode, CodesQuery, Page } from '../../../shared/admin.ts'
import type { CodeStatus } from '../../../shared/values.ts'
import { comments, rewards, threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { keysetPage } from '../keyset-page.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { codeKey } from '../rewards/code-key.ts'

/** Could be a code as typed: letters, digits, dashes and spaces. (A name can look like this too.) */
const CODE_LIKE = /^[A-Za-z0-9\s-]{6,}$/

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

function search(q: string, as: 'code' | 'name'): SQL | undefined {
  if (q.includes('@')) return eq(rewards.readerKey, normalizeEmail(q))
  if (as === 'code') return eq(rewards.codeKey, codeKey(q))
  // SQLite's LIKE has no escape character unless told: without ESCAPE, "100%" looked for "100\%" and found nothing.
  return sql`${comments.authorName} like ${`%${q.replace(/[%_\\]/g, '\\$&')}%`} escape '\\'`
}

/**
 * The codes an admin reviews, newest first, one keyset page at a time (flat at
 * a million rows). A search that could be a code is looked up as one (an
 * index hit); only if that finds nothing is it taken as part of a name.
 */
export async function listCodes(ctx: Ctx, query: CodesQuery): Promise<Page<AdminCode>> {
  if (query.q && !query.q.includes('@') && CODE_LIKE.test(query.q)) {
    const asCode = await listCodesBy(ctx, query, 'code')
    if (asCode.items.length || query.cursor) return asCode
  }
  return listCodesBy(ctx, query, 'name')
}

async function listCodesBy(ctx: Ctx, query: CodesQuery, as: 'code' | 'name'): Promise<Page<AdminCode>> {
  const now = ctx.clock().toISOString()
  const where = and(
    query.site ? eq(rewards.siteId, query.site) : undefined,
    query.thread ? eq(threads.key, query.thread) : undefined,
    query.status ? statusFilter(query.status, now) : undefined,
    query.q ? search(query.q, as) : undefined,
    query.from ? gte(rewards.createdAt, query.from) : undefined,
    query.to ? lt(rewards.createdAt, `${query.to}T99`) : undefined,
    query.network ? or(eq(rewards.networkKey, query.network), eq(rewards.wideNetworkKey, query.network)) : undefined,
    query.domain ? eq(rewards.emailDomain, query.domain) : undefined,
    query.cursor ? lt(rewards.id, Number(query.cursor)) : undefined,
  )
  const rows = await ctx.db
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
      network: rewards.networkKey,
      emailDomain: rewards.emailDomain,
    })
    .from(rewards)
    .innerJoin(comments, eq(comments.id, rewards.commentId))
    .innerJoin(threads, eq(threads.id, rewards.threadId))
    .where(where)
    .orderBy(desc(rewards.id))
    .limit(query.limit + 1)
  const page = keysetPage(rows, query.limit)
  return { ...page, items: page.items.map(({ body, ...r }) => ({ ...r, status: codeStatus(r, now), commentExcerpt: body.slice(0, 140) })) }
}
