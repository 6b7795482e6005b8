/**
 * What a site keeps about one reader, for the reader who asks for it: their
 * comments (every status, imported ones too) and their rewards with codes and
 * redemptions. A reader is a normalized email, so any spelling of their
 * address finds all of it. Audited: it is personal data leaving the server.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { ReaderExport } from '../../../shared/moving.ts'
import type { CommentStatus, RewardStatus } from '../../../shared/values.ts'
import { subscribers } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import { codeStatus } from '../codes/list-codes.ts'
import type { Ctx } from '../context.ts'
import { getSite } from '../sites/get-site.ts'
import { normalizeEmail } from './normalize-email.ts'
import { readerPseudonym, readerSubject } from './reader-subject.ts'

/** Far more than one person writes on one blog; a bound all the same. */
const MAX_ROWS = 10_000

export async function exportReader(ctx: Ctx, input: { siteId: string; email: string; actor?: Actor }): Promise<ReaderExport> {
  const site = await getSite(ctx, input.siteId)
  const readerKey = normalizeEmail(input.email)
  const now = ctx.clock().toISOString()
  const comments = (await ctx.db.all(sql`
    select c.id, t.key, t.title, t.url, c.parent_id as parentId, c.author_name as authorName, c.email, c.body, c.status,
      c.created_at as createdAt, c.import_key is not null as imported
    from comments c join threads t on t.id = c.thread_id
    where c.site_id = ${site.id} and c.reader_key = ${readerKey} order by c.id limit ${MAX_ROWS}`)) as {
    id: number
    key: string
    title: string | null
    url: string | null
    parentId: number | null
    authorName: string
    email: string
    body: string
    status: CommentStatus
    createdAt: string
    imported: number
  }[]
  const rewards = (await ctx.db.all(sql`
    select r.code, r.status, r.label, r.email, t.key as thread, r.created_at as createdAt, r.issued_at as issuedAt, r.expires_at as expiresAt,
      r.redeemed_at as redeemedAt, r.order_ref as orderRef
    from rewards r join threads t on t.id = r.thread_id
    where r.site_id = ${site.id} and r.reader_key = ${readerKey} order by r.id limit ${MAX_ROWS}`)) as {
    code: string | null
    status: RewardStatus
    label: string
    email: string
    thread: string
    createdAt: string
    issuedAt: string | null
    expiresAt: string | null
    redeemedAt: string | null
    orderRef: string | null
  }[]
  const subscriber = await ctx.db.query.subscribers.findFirst({ where: and(eq(subscribers.siteId, site.id), eq(subscribers.readerKey, readerKey)) })
  const posts = subscriber
    ? ((await ctx.db.all(sql`
        select distinct t.key from comments c join threads t on t.id = c.thread_id
        where c.site_id = ${site.id} and c.reader_key = ${readerKey} and c.notify = 1 order by t.key limit ${MAX_ROWS}`)) as { key: string }[])
    : []
  // Audited when someone else (the owner, the CLI) looks; a reader's own views of their page are not the owner's business.
  if (input.actor) {
    await auditEntry(ctx, {
      actor: input.actor,
      action: 'reader.exported',
      siteId: site.id,
      subject: readerSubject(await readerPseudonym(ctx, site.id, readerKey)),
      detail: { comments: comments.length, rewards: rewards.length },
    })
  }
  return {
    site: site.id,
    email: input.email,
    exportedAt: now,
    comments: comments.map(({ key, title, url, imported, ...c }) => ({ ...c, thread: { key, title, url }, imported: Boolean(imported) })),
    rewards: rewards.map((r) => ({ ...r, status: codeStatus(r, now) })),
    notifications: { status: subscriber?.status ?? 'off', posts: posts.map((p) => p.key) },
  }
}
