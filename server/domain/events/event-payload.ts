import { eq } from 'drizzle-orm'
import { orderTotalOf } from '../../../shared/money.ts'
import { comments, rewards, sites, threads } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

/**
 * The JSON body of an event, read from the database at its first delivery
 * attempt (and then stored, so every retry sends the same bytes).
 */
export async function eventPayload(ctx: Ctx, row: { id: number; siteId: string; event: string; subject: string; createdAt: string }) {
  const [kind, rawId] = row.subject.split(':')
  const id = Number(rawId)
  const reward =
    kind === 'reward'
      ? await ctx.db.query.rewards.findFirst({ where: eq(rewards.id, id) })
      : await ctx.db.query.rewards.findFirst({ where: eq(rewards.commentId, id) })
  const commentId = kind === 'comment' ? id : reward?.commentId
  const comment = commentId ? await ctx.db.query.comments.findFirst({ where: eq(comments.id, commentId) }) : undefined
  const thread = comment ? await ctx.db.query.threads.findFirst({ where: eq(threads.id, comment.threadId) }) : undefined
  const site = await ctx.db.query.sites.findFirst({ where: eq(sites.id, row.siteId) })

  const data: Record<string, unknown> = {
    thread: thread ? { key: thread.key, title: thread.title, url: thread.url } : null,
  }
  if (comment && row.event === 'comment.created') {
    data.comment = {
      id: comment.id,
      parentId: comment.parentId,
      authorName: comment.authorName,
      body: comment.body,
      status: comment.status,
      createdAt: comment.createdAt,
    }
  }
  if (reward && row.event !== 'comment.created') {
    // The owner's own systems: the reader's address is theirs to match the order to the customer.
    data.reward = {
      code: reward.code,
      label: reward.label,
      status: reward.status,
      email: reward.email,
      readerName: comment?.authorName ?? null,
      commentId: reward.commentId,
      issuedAt: reward.issuedAt,
      expiresAt: reward.expiresAt,
      redeemedAt: reward.redeemedAt,
      orderRef: reward.orderRef,
      ...orderTotalOf(reward),
    }
  }
  return { id: `evt_${row.id}`, type: row.event, site: { id: row.siteId, name: site?.name ?? row.siteId }, createdAt: row.createdAt, data }
}
