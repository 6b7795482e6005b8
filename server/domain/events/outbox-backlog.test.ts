/**
 * What /metrics says of delivery (inkind_outbox_messages, inkind_outbox_oldest_pending_seconds):
 * how many messages wait, how many were given up on, and how long the oldest
 * waiting one has waited; sent ones are not a backlog.
 */
import { describe, expect, it } from 'vitest'
import { testCtx } from '../../../tests/helpers/test-app.ts'
import { outbox } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { outboxBacklog } from './outbox-backlog.ts'

/** A row as the workers leave it: created `agoMs` before the test clock's now. */
async function row(ctx: Ctx, status: 'pending' | 'sent' | 'failed', agoMs: number) {
  const at = new Date(ctx.clock().getTime() - agoMs).toISOString()
  await ctx.db.insert(outbox).values({
    siteId: 'cpr',
    channel: 'email',
    event: 'reward.issued',
    target: 'ann@example.com',
    subject: 'reward:1',
    status,
    attempts: status === 'pending' ? 0 : 1,
    nextAttemptAt: at,
    createdAt: at,
    ...(status === 'sent' && { sentAt: at }),
  })
}

describe('the outbox backlog', () => {
  it('is nothing at all for an empty outbox', async () => {
    const { ctx } = await testCtx()
    expect(await outboxBacklog(ctx)).toEqual({ pending: 0, failed: 0, oldestPendingSeconds: 0 })
  })

  it('counts waiting and failed messages, and ages the oldest waiting one only', async () => {
    const { ctx, clock } = await testCtx()
    await row(ctx, 'pending', 30_000)
    await row(ctx, 'pending', 90_500)
    await row(ctx, 'pending', 0)
    // Older than every waiting one, but not waiting: neither ages the backlog.
    await row(ctx, 'failed', 7_200_000)
    await row(ctx, 'failed', 3_600_000)
    await row(ctx, 'sent', 86_400_000)
    expect(await outboxBacklog(ctx)).toEqual({ pending: 3, failed: 2, oldestPendingSeconds: 90.5 })
    clock.advance(10_000)
    expect((await outboxBacklog(ctx)).oldestPendingSeconds).toBe(100.5)
  })

  it('counts failed messages when none waits, with no age', async () => {
    const { ctx } = await testCtx()
    await row(ctx, 'failed', 60_000)
    await row(ctx, 'sent', 60_000)
    expect(await outboxBacklog(ctx)).toEqual({ pending: 0, failed: 1, oldestPendingSeconds: 0 })
  })

  it('never reports a negative age (a row written by a process whose clock runs ahead)', async () => {
    const { ctx } = await testCtx()
    await row(ctx, 'pending', -5_000)
    expect(await outboxBacklog(ctx)).toEqual({ pending: 1, failed: 0, oldestPendingSeconds: 0 })
  })
})
