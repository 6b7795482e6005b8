/**
 * Moving out: a whole site as records (shared/moving.ts), a keyset page at a
 * time so a site of any size streams in bounded memory: a header with the
 * site's settings, then its threads, comments, rewards (with their
 * redemptions) and code pool, each in the order they were made. Comments and
 * rewards name threads and comments by key, never by this server's row ids,
 * so the import (parse-inkind.ts) restores them on any server, and adds
 * nothing where they are already.
 *
 * Not exported: admin accounts, shop API keys and webhooks (secrets belong to
 * one server), the audit log and the outbox.
 */
import { sql } from 'drizzle-orm'
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportLine } from '../../../shared/moving.ts'
import type { CommentStatus, PendingReason, RewardKind, RewardStatus, ThreadSource } from '../../../shared/values.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { getSite } from '../sites/get-site.ts'

const PAGE = 1000

/** A comment's lasting identity: where it was imported from, or the nonce it was posted with here. */
export function commentKey(siteId: string, row: { id: number; importKey: string | null; nonce: string | null }): string {
  return row.importKey ?? (row.nonce ? `inkind:${row.nonce}` : `inkind:${siteId}-${row.id}`)
}

async function* pages<T extends { id: number }>(read: (after: number) => Promise<T[]>): AsyncGenerator<T> {
  for (let after = 0; ; ) {
    const rows = await read(after)
    yield* rows
    if (rows.length < PAGE) return
    after = rows.at(-1)!.id
  }
}

export async function* exportSite(ctx: Ctx, input: { siteId: string; actor: Actor }): AsyncGenerator<ExportLine> {
  const { createdAt: _, ...site } = await getSite(ctx, input.siteId)
  const siteId = site.id
  await auditEntry(ctx, { actor: input.actor, action: 'site.exported', siteId, subject: siteId })
  yield { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: ctx.clock().toISOString(), site }

  type Thread = { id: number; key: string; title: string | null; url: string | null; source: ThreadSource | null; createdAt: string }
  for await (const t of pages(
    (after) =>
      ctx.db.all(sql`select id, key, title, url, source, created_at as createdAt from threads
        where site_id = ${siteId} and id > ${after} order by id limit ${PAGE}`) as Promise<Thread[]>,
  )) {
    yield { type: 'thread', key: t.key, title: t.title, url: t.url, source: t.source, createdAt: t.createdAt }
  }

  type Comment = {
    id: number
    importKey: string | null
    nonce: string | null
    thread: string
    parentId: number | null
    parentImportKey: string | null
    parentNonce: string | null
    authorName: string
    email: string
    readerKey: string
    body: string
    status: CommentStatus
    flag: string | null
    createdAt: string
  }
  for await (const c of pages(
    (after) =>
      ctx.db.all(sql`
        select c.id, c.import_key as importKey, c.nonce, t.key as thread, c.parent_id as parentId, p.import_key as parentImportKey,
          p.nonce as parentNonce, c.author_name as authorName, c.email, c.reader_key as readerKey, c.body, c.status, c.flag, c.created_at as createdAt
        from comments c join threads t on t.id = c.thread_id left join comments p on p.id = c.parent_id
        where c.site_id = ${siteId} and c.id > ${after} order by c.id limit ${PAGE}`) as Promise<Comment[]>,
  )) {
    yield {
      type: 'comment',
      id: commentKey(siteId, c),
      thread: c.thread,
      parent: c.parentId === null ? null : commentKey(siteId, { id: c.parentId, importKey: c.parentImportKey, nonce: c.parentNonce }),
      authorName: c.authorName,
      email: c.email,
      readerKey: c.readerKey,
      body: c.body,
      status: c.status,
      flag: c.flag,
      createdAt: c.createdAt,
    }
  }

  type Reward = {
    id: number
    commentId: number
    commentImportKey: string | null
    commentNonce: string | null
    thread: string
    readerKey: string
    scopeKey: string
    email: string
    kind: RewardKind
    status: RewardStatus
    pendingReason: PendingReason | null
    code: string | null
    label: string
    issuedAt: string | null
    expiresAt: string | null
    redeemedAt: string | null
    orderRef: string | null
    orderTotal: number | null
    orderCurrency: string | null
    networkKey: string | null
    wideNetworkKey: string | null
    emailDomain: string | null
    createdAt: string
  }
  for await (const r of pages(
    (after) =>
      ctx.db.all(sql`
        select r.id, r.comment_id as commentId, c.import_key as commentImportKey, c.nonce as commentNonce, t.key as thread,
          r.reader_key as readerKey, r.scope_key as scopeKey, r.email, r.kind, r.status, r.pending_reason as pendingReason, r.code, r.label,
          r.issued_at as issuedAt, r.expires_at as expiresAt, r.redeemed_at as redeemedAt, r.order_ref as orderRef, r.order_total as orderTotal,
          r.order_currency as orderCurrency, r.network_key as networkKey,
          r.wide_network_key as wideNetworkKey, r.email_domain as emailDomain, r.created_at as createdAt
        from rewards r join threads t on t.id = r.thread_id join comments c on c.id = r.comment_id
        where r.site_id = ${siteId} and r.id > ${after} order by r.id limit ${PAGE}`) as Promise<Reward[]>,
  )) {
    const { id: _, commentId, commentImportKey, commentNonce, ...reward } = r
    yield { type: 'reward', comment: commentKey(siteId, { id: commentId, importKey: commentImportKey, nonce: commentNonce }), ...reward }
  }

  for await (const p of pages(
    (after) =>
      ctx.db.all(sql`select id, code, claim is not null as claimed, imported_at as importedAt from code_pool
        where site_id = ${siteId} and id > ${after} order by id limit ${PAGE}`) as Promise<{ id: number; code: string; claimed: number; importedAt: string }[]>,
  )) {
    yield { type: 'pool-code', code: p.code, claimed: Boolean(p.claimed), importedAt: p.importedAt }
  }
}

/** The records as file text: one a line (NDJSON), or one JSON array with one record a line. */
export async function* exportText(lines: AsyncIterable<ExportLine>, format: 'ndjson' | 'json'): AsyncGenerator<string> {
  if (format === 'ndjson') {
    for await (const line of lines) yield `${JSON.stringify(line)}\n`
    return
  }
  let first = true
  for await (const line of lines) {
    yield `${first ? '[\n' : ',\n'}${JSON.stringify(line)}`
    first = false
  }
  yield first ? '[]\n' : '\n]\n'
}
