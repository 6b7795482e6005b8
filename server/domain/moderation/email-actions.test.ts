/** The held-comment email's links on their own: signed for one admin, one comment and one action, for a week. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loginAs } from '../../../tests/helpers/admin.ts'
import { aComment, postJson, testApp, threadPath } from '../../../tests/helpers/test-app.ts'
import { adminUsers, comments } from '../../db/schema.ts'
import { actOnModerationLink, MODERATION_LINK_TTL_MS, moderationLinkToken, openModerationLink } from './email-actions.ts'

async function held() {
  const t = await testApp({ moderation: 'pre' })
  await loginAs(t.app, t.ctx, 'moderator')
  const admin = (await t.ctx.db.select().from(adminUsers))[0]!
  const posted = await (await postJson(t.app, threadPath('/blog/reciprocity'), aComment())).json()
  return { ...t, admin, commentId: posted.comment.id as number }
}

describe('the links of a held-comment email', () => {
  it('expire after a week', async () => {
    const { ctx, clock, admin, commentId } = await held()
    const token = await moderationLinkToken(ctx, { commentId, adminId: admin.id, action: 'approve' })
    expect((await openModerationLink(ctx, token)).comment.status).toBe('pending')
    clock.advance(MODERATION_LINK_TTL_MS)
    await expect(actOnModerationLink(ctx, token)).rejects.toMatchObject({ code: 'link_expired' })
    expect((await ctx.db.select().from(comments).where(eq(comments.id, commentId)))[0]!.status).toBe('pending')
  })

  it('stop working when their admin is removed, and cannot be turned into another admin’s', async () => {
    const { ctx, admin, commentId } = await held()
    const token = await moderationLinkToken(ctx, { commentId, adminId: admin.id, action: 'spam' })
    const [c, , action, exp, mac] = token.split('.')
    await expect(openModerationLink(ctx, [c, admin.id + 1, action, exp, mac].join('.'))).rejects.toMatchObject({ code: 'not_found' })
    await expect(openModerationLink(ctx, [c, admin.id, action, Number(exp) + 86_400, mac].join('.'))).rejects.toMatchObject({ code: 'not_found' })
    await ctx.db.delete(adminUsers).where(eq(adminUsers.id, admin.id))
    await expect(actOnModerationLink(ctx, token)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no longer exists') })
  })
})
