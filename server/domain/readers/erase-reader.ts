/**
 * A reader's data leaves the site: at their request (from the link mailed to
 * them), at the owner's (the admin), or when the site's retention runs out.
 *
 * - `anonymize`: their comments stay, without their name or address.
 * - `remove`: their comments go (an empty placeholder where replies hang).
 * - `emails` (retention): only the address goes; names and words stay.
 *
 * Always: the address is gone from every row that held it (comments,
 * rewards, notifications, mailed links, queued mails, stored webhook bodies,
 * rate-limit counters), and what stays no longer points to a person: each
 * erased reader's rows keep a keyed hash of them (reader-subject.ts), so
 * they are not a new reader who earns a second reward. An issued or redeemed code stays valid
 * for the shop; it just belongs to no one in particular. One transaction.
 */
import { sql } from 'drizzle-orm'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { getSite } from '../sites/get-site.ts'
import { normalizeEmail } from './normalize-email.ts'
import { erasedReaderKey, readerPseudonym, readerSubject } from './reader-subject.ts'

export type EraseHow = 'anonymize' | 'remove' | 'emails'

export async function eraseReader(ctx: Ctx, input: { siteId: string; readerKey: string; how: EraseHow; actor: Actor }) {
  const { siteId, readerKey } = input
  const mine = sql`site_id = ${siteId} and reader_key = ${readerKey}`
  // Every spelling this reader typed: queued mails and webhook bodies are found by it.
  const addresses = (await ctx.db.all(sql`
    select email from comments where ${mine} union select email from rewards where ${mine} union select email from subscribers where ${mine}`)) as {
    email: string
  }[]
  const emails = addresses.map((a) => a.email).filter(Boolean)
  // The rows stay theirs under a name only this installation can compute: the reward they earned still counts as earned.
  const pseudonym = await readerPseudonym(ctx, siteId, readerKey)
  const ghost = erasedReaderKey(pseudonym)
  const at = ctx.clock().toISOString()
  const comments =
    input.how === 'remove'
      ? sql`update comments set status = 'deleted', body = '', author_name = '', email = '', reader_key = ${ghost}, notify = 0, edit_hash = null where ${mine}`
      : input.how === 'anonymize'
        ? sql`update comments set author_name = 'Anonymous', email = '', reader_key = ${ghost}, notify = 0, edit_hash = null where ${mine}`
        : sql`update comments set email = '', reader_key = ${ghost}, notify = 0, edit_hash = null where ${mine}`
  const [counted] = (await ctx.db.all(sql`
    select (select count(*) from comments where ${mine}) as comments, (select count(*) from rewards where ${mine}) as rewards`)) as {
    comments: number
    rewards: number
  }[]
  await ctx.db.batch([
    // Removed comments leave their threads' counts first, while they can still be found.
    ctx.db.run(
      input.how === 'remove'
        ? sql`update threads set
            comment_count = comment_count - (select count(*) from comments c where c.thread_id = threads.id and c.site_id = ${siteId} and c.reader_key = ${readerKey} and c.status = 'published'),
            revision = revision + 1
          where id in (select thread_id from comments where ${mine})`
        : sql`update threads set revision = revision + 1 where id in (select thread_id from comments where ${mine})`,
    ),
    ctx.db.run(comments),
    ctx.db.run(sql`update rewards set email = '', reader_key = ${ghost}, email_domain = null where ${mine}`),
    ctx.db.run(sql`delete from subscribers where ${mine}`),
    ctx.db.run(sql`delete from reader_links where ${mine}`),
    ...emails.flatMap((email) => [
      ctx.db.run(sql`delete from outbox where site_id = ${siteId} and channel = 'email' and target = ${email}`),
      ctx.db.run(sql`update outbox set payload = null where site_id = ${siteId} and instr(payload, ${email}) > 0`),
    ]),
    // Counters are kept under the pseudonym (rate-limits.ts), so the limits outlive the erasure; these are older rows keyed by address.
    ...['c-email', 'data-reader', 'resend-reader'].map((prefix) => ctx.db.run(sql`delete from rate_limits where key = ${`${prefix}:${siteId}|${readerKey}`}`)),
    auditEntry(ctx, {
      actor: input.actor,
      action: input.how === 'emails' ? 'reader.emails-expired' : 'reader.erased',
      siteId,
      subject: readerSubject(pseudonym),
      detail: { how: input.how, comments: counted?.comments ?? 0, rewards: counted?.rewards ?? 0, at },
    }),
  ] as unknown as Parameters<typeof ctx.db.batch>[0])
  if (input.how !== 'emails') await forgetOnDisk(ctx) // retention erases many at once and checkpoints once, after
  return { comments: counted?.comments ?? 0, rewards: counted?.rewards ?? 0 }
}

/**
 * Old versions of erased rows still sit in the write-ahead log until it is
 * checkpointed: folded into the database file now (secure_delete zeroes them
 * there). Best effort: a remote database (sqld) checkpoints by itself.
 */
export async function forgetOnDisk(ctx: Ctx) {
  await ctx.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`).catch(() => undefined)
}

/** The owner erases a reader who asked them to, found by any spelling of their address. */
export async function eraseReaderByEmail(ctx: Ctx, input: { siteId: string; email: string; how: 'anonymize' | 'remove'; actor: Actor }) {
  const site = await getSite(ctx, input.siteId)
  return eraseReader(ctx, { siteId: site.id, readerKey: normalizeEmail(input.email), how: input.how, actor: input.actor })
}
