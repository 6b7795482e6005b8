/**
 * A reader ticked "Email me when someone replies". The first time an address
 * does so on a site it gets a confirmation mail (double opt-in); only a
 * confirmed address is ever notified. An address that has not confirmed gets
 * at most one confirmation a day, however often it is typed into a form.
 * Whoever typed the address hears "asked" either way (the widget says:
 * replies come by email, after confirming if this is the first time).
 */
import { eq, sql } from 'drizzle-orm'
import { outbox, subscribers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { newReaderLink } from '../readers/reader-links.ts'

const CONFIRM_EVERY_MS = 24 * 3_600_000

export async function askForReplies(ctx: Ctx, input: { siteId: string; readerKey: string; email: string }): Promise<'asked'> {
  const { siteId, readerKey, email } = input
  const row = await ctx.db.query.subscribers.findFirst({ where: sql`${subscribers.siteId} = ${siteId} and ${subscribers.readerKey} = ${readerKey}` })
  // The answer is the same for a confirmed address as for a new one: it must not tell who reads this blog.
  if (row?.status === 'confirmed') return 'asked'
  const now = ctx.clock()
  if (row?.confirmSentAt && now.getTime() - Date.parse(row.confirmSentAt) < CONFIRM_EVERY_MS) return 'asked'
  const at = now.toISOString()
  const link = newReaderLink(ctx, { purpose: 'confirm', siteId, readerKey })
  await ctx.db.batch([
    ctx.db
      .insert(subscribers)
      .values({ siteId, readerKey, email, status: 'pending', confirmSentAt: at, createdAt: at })
      .onConflictDoUpdate({ target: [subscribers.siteId, subscribers.readerKey], set: { email, confirmSentAt: at } }),
    link.statement,
    // The token travels in the row until the mail is sent (then the row forgets it).
    ctx.db.insert(outbox).values({
      siteId,
      channel: 'email',
      event: 'subscription.confirm',
      target: email,
      subject: `subscriber:${readerKey}`,
      payload: JSON.stringify({ token: link.token }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    }),
  ])
  return 'asked'
}

/** The link in the confirmation mail was followed: notifications start. */
export async function confirmReplies(ctx: Ctx, input: { siteId: string; readerKey: string }) {
  await ctx.db
    .update(subscribers)
    .set({ status: 'confirmed', confirmedAt: ctx.clock().toISOString() })
    .where(sql`${subscribers.siteId} = ${input.siteId} and ${subscribers.readerKey} = ${input.readerKey} and ${subscribers.status} = 'pending'`)
  const row = await ctx.db.query.subscribers.findFirst({
    where: sql`${subscribers.siteId} = ${input.siteId} and ${subscribers.readerKey} = ${input.readerKey}`,
  })
  return { confirmed: row?.status === 'confirmed' }
}

export const subscriberById = (ctx: Ctx, id: number) => ctx.db.query.subscribers.findFirst({ where: eq(subscribers.id, id) })
