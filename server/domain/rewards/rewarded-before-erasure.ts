import { and, eq } from 'drizzle-orm'
import { rewards } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { erasedReaderKey, readerPseudonym } from '../readers/reader-subject.ts'

/**
 * A reader who erased their data after earning a reward keeps that reward
 * under their pseudonym (readers/erase-reader.ts): they do not earn again.
 */
export async function rewardedBeforeErasure(ctx: Ctx, input: { siteId: string; readerKey: string; scopeKey: string }) {
  const key = erasedReaderKey(await readerPseudonym(ctx, input.siteId, input.readerKey))
  const [row] = await ctx.db
    .select({ id: rewards.id })
    .from(rewards)
    .where(and(eq(rewards.siteId, input.siteId), eq(rewards.readerKey, key), eq(rewards.scopeKey, input.scopeKey)))
    .limit(1)
  return Boolean(row)
}
