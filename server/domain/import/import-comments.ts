/**
 * Moving in: the records of any source's export (records.ts) written into a
 * site, a batch (one transaction) at a time, then every reply hung under its
 * parent (resolve-parents.ts). Idempotent: each comment keeps its source's
 * identity as its import key, so importing the same file again adds nothing.
 * A dry run reads everything and writes nothing.
 *
 * Imported comments earn no rewards (they were written before the offer),
 * and do not count as a reader's first comment unless the owner says a past
 * commenter already had their thanks (countAsRewarded).
 */
import { randomUUID } from 'node:crypto'
import { eq, lt } from 'drizzle-orm'
import { type ImportReport, MAX_PROBLEMS } from '../../../shared/moving.ts'
import { cleanLine } from '../../../shared/text.ts'
import type { ImportSource, SkipReason } from '../../../shared/values.ts'
import { importLinks } from '../../db/schema.ts'
import { bodyHash } from '../abuse/judge-comment.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { codeKey } from '../rewards/code-key.ts'
import { findSite, type Site } from '../sites/get-site.ts'
import { saveSite } from '../sites/save-site.ts'
import { prepareComment } from './prepare-comment.ts'
import type { CommentRecord, ImportRecord, SiteRecord, ThreadRecord } from './records.ts'
import { resolveParents } from './resolve-parents.ts'
import { type AddressRule, applyAddressRules, threadKeyFor } from './thread-address.ts'
import { emptyBatch, existingThreads, inkindNonce, presentKeys, type Thanks, type ThreadRow, writeBatch } from './write-batch.ts'

/** Records a transaction: small enough to keep a server responsive while the CLI imports beside it. */
export const BATCH_SIZE = 500
/** The label of a reward row that only records "already thanked" (countAsRewarded). */
export const THANKED_LABEL = 'Thanked before the move to Inkind'
/** Scratch rows of an import that died are swept by the next one after a day. */
const STALE_LINKS_MS = 86_400_000

export interface ImportCommentsInput {
  siteId: string
  source: ImportSource
  records: AsyncIterable<ImportRecord>
  rules?: AddressRule[]
  dryRun?: boolean
  countAsRewarded?: boolean
  actor: Actor
  /** Called after every batch with the report so far. */
  onProgress?: (report: ImportReport) => void
  batchSize?: number
}

type ThreadInfo = { skip: SkipReason } | (Omit<ThreadRow, 'createdAt'> & { createdAt: string | null })

export async function importComments(ctx: Ctx, input: ImportCommentsInput): Promise<ImportReport> {
  const { source, siteId } = input
  const dryRun = Boolean(input.dryRun)
  const rules = input.rules ?? []
  const size = input.batchSize ?? BATCH_SIZE
  const at = ctx.clock().toISOString()
  const run = randomUUID()
  const report: ImportReport = {
    source,
    site: siteId,
    dryRun,
    siteCreated: false,
    threads: { total: 0, created: 0 },
    comments: { imported: 0, pending: 0, present: 0 },
    skipped: {},
    warnings: { truncated: 0, reattached: 0, parentMissing: 0, guessedDates: 0 },
    rewards: { thanked: 0, restored: 0 },
    poolCodes: 0,
    problems: [],
  }
  const problem = (line: number | null, id: string | null, reason: string, detail?: string) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push({ line, id, reason, ...(detail && { detail }) })
  }

  // An Inkind export brings its site's settings: the site is made from them when it does not exist yet.
  let site: Site | null = source === 'inkind' ? null : await requireSite(ctx, siteId)
  const threads = new Map<string, ThreadInfo>()
  /** Thread keys this import touched, and whether each was on the site before. */
  const touched = new Map<string, boolean>()
  let thanks: Thanks | null = null
  let batch = emptyBatch()
  let inBatch = 0
  let lines: [number | null, number | null] = [null, null]

  const flush = async () => {
    const b = batch
    batch = emptyBatch()
    inBatch = 0
    if (!site || (!b.comments.length && !b.links.length && !b.threads.size && !b.rewards.length && !b.pool.length)) return
    // Comments already here are left as they are, and bring no thread with them (a re-import under other address rules adds nothing).
    const keys = b.comments.map((c) => c.key)
    const present = await presentKeys(ctx.db, site.id, keys)
    b.comments = b.comments.filter((c) => !present.has(c.key))
    report.comments.present += keys.length - b.comments.length
    const needed = new Set([...b.comments.map((c) => c.thread), ...b.kept])
    for (const key of b.threads.keys()) if (!needed.has(key)) b.threads.delete(key)
    const fresh = [...b.threads.keys()].filter((k) => !touched.has(k))
    const before = await existingThreads(ctx.db, site.id, fresh)
    for (const key of fresh) {
      touched.set(key, before.has(key))
      report.threads.total++
      if (!before.has(key)) report.threads.created++
    }
    if (dryRun) {
      report.comments.imported += b.comments.length
      report.comments.pending += b.comments.filter((c) => c.status === 'pending').length
      report.rewards.restored += b.rewards.length
      report.poolCodes += b.pool.length
    } else {
      try {
        const r = await writeBatch(ctx.db, { siteId: site.id, run, at, batch: b, thanks, thanksKeys: keys })
        report.comments.imported += r.imported
        report.comments.pending += r.pending
        // Written meanwhile by another import, or twice in this batch.
        report.comments.present += b.comments.length - r.imported
        report.rewards.restored += r.rewards
        report.rewards.thanked += r.thanked
        report.poolCodes += r.pool
      } catch (error) {
        if (error instanceof DomainError) throw error
        const where = lines[0] === null ? 'a batch' : `the records of lines ${lines[0]} to ${lines[1]}`
        throw new DomainError(
          'internal',
          `Writing ${where} failed (${(error as Error).message}); nothing of that batch was written, what came before it was. Fix the file and import it again: what is already in is not added twice.`,
        )
      }
    }
    lines = [null, null]
    input.onProgress?.(structuredClone(report))
  }

  const onSite = async (rec: SiteRecord) => {
    const existing = await findSite(ctx, siteId)
    if (existing) site = existing
    else {
      const { id: _, ...settings } = rec.site
      report.siteCreated = true
      site = dryRun ? { ...settings, id: siteId, createdAt: at } : await saveSite(ctx, { id: siteId, settings, actor: input.actor })
    }
  }

  const onThread = (rec: ThreadRecord) => {
    if (threads.has(rec.id)) return
    if (rec.deleted) return threads.set(rec.id, { skip: 'thread-deleted' })
    const queryParam = site!.posts.queryParam
    const mapped = rec.isKey ? applyAddressRules(rec.url, rules) : null
    // An Inkind key is kept as it is, unless an address rule rewrote it.
    const address = rec.isKey && mapped === rec.url ? { key: rec.url } : threadKeyFor(rec.url, queryParam, rules)
    if ('skip' in address) {
      problem(null, rec.id, address.skip, address.detail)
      return threads.set(rec.id, { skip: address.skip })
    }
    const info: ThreadInfo = {
      key: address.key,
      title: rec.title ? cleanLine(rec.title).slice(0, 300) || null : null,
      url: rec.link !== undefined ? rec.link : /^https?:\/\//i.test(rec.url) ? rec.url.slice(0, 2000) : null,
      source: rec.source === undefined ? 'import' : rec.source,
      createdAt: rec.createdAt,
    }
    threads.set(rec.id, info)
    if (rec.keep) {
      batch.threads.set(info.key, { ...info, createdAt: info.createdAt ?? at })
      batch.kept.add(info.key)
    }
  }

  const skip = (reason: SkipReason, rec: { key: string | null; parentKey: string | null; line: number | null }, detail?: string) => {
    report.skipped[reason] = (report.skipped[reason] ?? 0) + 1
    if (reason !== 'spam' && reason !== 'deleted' && reason !== 'blocked') problem(rec.line, rec.key, reason, detail)
    if (rec.key) batch.links.push([rec.key, rec.parentKey, 1])
  }

  const onComment = (rec: CommentRecord) => {
    const thread = threads.get(rec.thread)
    if (!thread) return skip('orphan', rec, `thread ${rec.thread} is not in the file`)
    if ('skip' in thread) return skip(thread.skip, rec)
    const c = prepareComment(source, rec)
    if (!c) return skip('empty', rec)
    if (c.truncated) {
      report.warnings.truncated++
      problem(rec.line, rec.key, 'truncated', `the body was longer than the limit and was cut`)
    }
    if (rec.guessedDate) report.warnings.guessedDates++
    batch.comments.push({
      key: rec.key,
      thread: thread.key,
      ...c,
      status: rec.status,
      flag: rec.flag ?? null,
      bodyHash: bodyHash(c.body),
      createdAt: rec.createdAt,
      nonce: source === 'inkind' ? inkindNonce(rec.key) : null,
    })
    batch.links.push([rec.key, rec.parentKey, 0])
    if (!batch.threads.has(thread.key)) batch.threads.set(thread.key, { ...thread, createdAt: thread.createdAt ?? rec.createdAt })
  }

  try {
    if (!dryRun) await ctx.db.delete(importLinks).where(lt(importLinks.createdAt, new Date(ctx.clock().getTime() - STALE_LINKS_MS).toISOString()))
    for await (const rec of input.records) {
      if (rec.kind === 'site') {
        await onSite(rec)
        continue
      }
      if (!site) throw new DomainError('site_not_found', `There is no site "${siteId}".`)
      thanks ??=
        input.countAsRewarded && source !== 'inkind'
          ? { kind: site.reward?.kind ?? 'generated', scope: site.reward?.scope ?? 'site', label: THANKED_LABEL }
          : null
      if ('line' in rec && rec.line !== null) lines = [lines[0] ?? rec.line, rec.line]
      if (rec.kind === 'thread') onThread(rec)
      else if (rec.kind === 'comment') onComment(rec)
      else if (rec.kind === 'skip') skip(rec.reason, rec, rec.detail)
      else if (rec.kind === 'reward') {
        const r = rec.reward
        const thread = threads.get(r.thread)
        if (!thread || 'skip' in thread) {
          problem(rec.line, r.comment, 'orphan', `reward on thread ${r.thread}, which is not in the file`)
          continue
        }
        batch.rewards.push({
          ...r,
          thread: thread.key,
          scopeKey: r.scopeKey ? thread.key : '',
          readerKey: r.email ? normalizeEmail(r.email) : r.readerKey,
          codeKey: r.code ? codeKey(r.code) : null,
          nonce: inkindNonce(r.comment),
        })
      } else batch.pool.push([rec.code.code, codeKey(rec.code.code), rec.code.claimed ? 'import' : null, rec.code.importedAt])
      if (++inBatch >= size) await flush()
    }
    if (!site) throw new DomainError('invalid_input', 'The file holds nothing to import.')
    await flush()
    if (!dryRun) {
      Object.assign(report.warnings, await resolveParents(ctx.db, { siteId: site.id, run }))
      await auditEntry(ctx, {
        actor: input.actor,
        action: 'comments.imported',
        siteId: site.id,
        subject: source,
        detail: { threads: report.threads, comments: report.comments, skipped: report.skipped, rewards: report.rewards },
      })
    }
  } finally {
    if (!dryRun) await ctx.db.delete(importLinks).where(eq(importLinks.run, run))
  }
  return report
}

async function requireSite(ctx: Ctx, id: string): Promise<Site> {
  const site = await findSite(ctx, id)
  if (!site) throw new DomainError('site_not_found', `There is no site "${id}".`)
  return site
}
