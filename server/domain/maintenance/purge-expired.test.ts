import { describe, expect, it } from 'vitest'
import { testCtx } from '../../../tests/helpers/test-app.ts'
import { adminSessions, adminUsers, outbox, rateLimits } from '../../db/schema.ts'
import { purgeExpired } from './purge-expired.ts'

const DAY = 86_400_000

describe('purgeExpired', () => {
  it('removes old deliveries, expired sessions and spent counters, and keeps the rest', async () => {
    const { ctx, clock } = await testCtx()
    const at = (days: number) => new Date(clock().getTime() - days * DAY).toISOString()
    const row = { siteId: 'cpr', channel: 'webhook' as const, event: 'reward.issued', target: '1', subject: 'reward:1', attempts: 1, nextAttemptAt: at(0) }
    await ctx.db.insert(outbox).values([
      { ...row, status: 'sent', createdAt: at(40), sentAt: at(31) },
      { ...row, status: 'sent', createdAt: at(2), sentAt: at(1) },
      { ...row, status: 'failed', createdAt: at(91) },
      { ...row, status: 'failed', createdAt: at(10) },
      { ...row, status: 'pending', createdAt: at(200) },
    ])
    const [user] = await ctx.db
      .insert(adminUsers)
      .values({ email: 'o@example.com', name: 'O', role: 'owner', passwordHash: 'x', createdAt: at(100) })
      .returning()
    await ctx.db.insert(adminSessions).values([
      { idHash: 'old', userId: user!.id, csrfToken: 'c', createdAt: at(10), expiresAt: at(3), lastSeenAt: at(4) },
      { idHash: 'live', userId: user!.id, csrfToken: 'c', createdAt: at(1), expiresAt: at(-6), lastSeenAt: at(0) },
    ])
    await ctx.db.insert(rateLimits).values([
      { key: 'spent', points: 3, expire: new Date(clock().getTime() - 1000) },
      { key: 'live', points: 3, expire: new Date(clock().getTime() + 60_000) },
    ])
    expect(await purgeExpired(ctx)).toEqual({ deliveries: 2, sessions: 1, rateLimits: 1, readerEmails: 0, digests: 0 })
    expect((await ctx.db.select().from(outbox)).map((o) => o.status).sort()).toEqual(['failed', 'pending', 'sent'])
    expect((await ctx.db.select().from(adminSessions)).map((s) => s.idHash)).toEqual(['live'])
    expect((await ctx.db.select().from(rateLimits)).map((r) => r.key)).toEqual(['live'])
  })
})
