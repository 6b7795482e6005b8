import { eq } from 'drizzle-orm'
import { adminUsers } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { adminView } from './admin-view.ts'

/** What one admin hears of by email: each held comment, a daily digest. */
export async function saveNotificationSettings(ctx: Ctx, input: { userId: number; notifyHeld: boolean; notifyDigest: boolean }) {
  const [user] = await ctx.db
    .update(adminUsers)
    .set({ notifyHeld: input.notifyHeld, notifyDigest: input.notifyDigest })
    .where(eq(adminUsers.id, input.userId))
    .returning()
  return adminView(user!)
}
