/**
 * An owner's webhooks and deliveries: receivers on public addresses only, a
 * secret shown once, an audit log without the URL's path or query, removal,
 * and a failed delivery sent again from the admin.
 */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { auditLog, outbox } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import type { Ctx } from '../context.ts'
import { addWebhook, listDeliveries, listWebhooks, redactUrl, removeWebhook, retryDelivery } from './manage-webhooks.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f()
})

async function sites(outbound?: Ctx['outbound']) {
  const t = await testCtx()
  cleanup.push(t.close)
  const ctx: Ctx = { ...t.ctx, outbound }
  await addSite(ctx, 'cpr')
  await addSite(ctx, 'other')
  return { ...t, ctx }
}

const PUBLIC = 'https://93.184.216.34/hooks/inkind?token=s3cr3t'

describe('addWebhook', () => {
  it('refuses a receiver on a private or loopback address, unless private networks are allowed', async () => {
    for (const outbound of [undefined, { allowPrivate: false }]) {
      const { ctx } = await sites(outbound)
      for (const url of ['http://127.0.0.1:8080/hook', 'http://10.0.0.5/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook']) {
        await expect(addWebhook(ctx, { siteId: 'cpr', url, events: ['reward.issued'], actor: SYSTEM }), url).rejects.toMatchObject({
          code: 'invalid_input',
          fields: { url: 'not_public' },
        })
      }
      expect(await listWebhooks(ctx, 'cpr')).toEqual([])
    }
    const { ctx } = await sites({ allowPrivate: true })
    await expect(addWebhook(ctx, { siteId: 'cpr', url: 'http://127.0.0.1:8080/hook', events: ['reward.issued'], actor: SYSTEM })).resolves.toBeDefined()
  })

  it('shows a fresh secret once, keeps each event once, and audits only the scheme and host', async () => {
    const { ctx } = await sites()
    const a = await addWebhook(ctx, { siteId: 'cpr', url: PUBLIC, events: ['reward.issued', 'code.redeemed', 'reward.issued'], actor: SYSTEM })
    const b = await addWebhook(ctx, { siteId: 'cpr', url: PUBLIC, events: ['comment.created'], actor: SYSTEM })
    expect(a).toMatchObject({ url: PUBLIC, events: ['reward.issued', 'code.redeemed'], createdAt: '2026-11-26T10:00:00.000Z' })
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/)
    expect(b.secret).not.toBe(a.secret)
    const listed = await listWebhooks(ctx, 'cpr')
    expect(listed).toEqual([
      { id: b.id, url: PUBLIC, events: ['comment.created'], createdAt: '2026-11-26T10:00:00.000Z' },
      { id: a.id, url: PUBLIC, events: ['reward.issued', 'code.redeemed'], createdAt: '2026-11-26T10:00:00.000Z' },
    ])
    expect(JSON.stringify(listed)).not.toContain('whsec_')
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'webhook.added'))
    expect(audit.map((r) => [r.actor, r.siteId, r.subject])).toEqual([
      ['system', 'cpr', 'https://93.184.216.34'],
      ['system', 'cpr', 'https://93.184.216.34'],
    ])
    expect(redactUrl('https://user:pw@hooks.example:8443/a/b?token=x#y')).toBe('https://hooks.example:8443')
  })
})

describe('removeWebhook', () => {
  it('stops listing it; removing it again, or from another site, is not found', async () => {
    const { ctx } = await sites()
    const hook = await addWebhook(ctx, { siteId: 'cpr', url: PUBLIC, events: ['reward.issued'], actor: SYSTEM })
    await addWebhook(ctx, { siteId: 'other', url: PUBLIC, events: ['reward.issued'], actor: SYSTEM })
    await expect(removeWebhook(ctx, { siteId: 'other', id: hook.id, actor: SYSTEM })).rejects.toMatchObject({ code: 'not_found' })
    expect(await listWebhooks(ctx, 'cpr')).toHaveLength(1)
    await removeWebhook(ctx, { siteId: 'cpr', id: hook.id, actor: SYSTEM })
    expect(await listWebhooks(ctx, 'cpr')).toEqual([])
    expect(await listWebhooks(ctx, 'other')).toHaveLength(1)
    await expect(removeWebhook(ctx, { siteId: 'cpr', id: hook.id, actor: SYSTEM })).rejects.toMatchObject({ code: 'not_found' })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'webhook.removed'))
    expect(audit.map((r) => r.subject)).toContain(`webhook:${hook.id}`)
  })
})

describe('deliveries', () => {
  /** Outbox rows as the batches write them: `n` per site and status. */
  async function rows(ctx: Ctx, spec: [string, 'pending' | 'sent' | 'failed'][]) {
    const at = ctx.clock().toISOString()
    for (const [siteId, status] of spec) {
      await ctx.db.insert(outbox).values({
        siteId,
        channel: 'webhook',
        event: 'reward.issued',
        target: '1',
        subject: 'comment:1',
        status,
        attempts: status === 'failed' ? 15 : 0,
        nextAttemptAt: at,
        lockedUntil: status === 'failed' ? null : at,
        createdAt: at,
      })
    }
    return (await ctx.db.select({ id: outbox.id }).from(outbox).orderBy(outbox.id)).map((r) => r.id)
  }

  it('are listed newest first, by site and status, a page at a time', async () => {
    const { ctx } = await sites()
    const ids = await rows(ctx, [
      ['cpr', 'sent'],
      ['cpr', 'failed'],
      ['other', 'failed'],
      ['cpr', 'pending'],
      ['cpr', 'failed'],
    ])
    const all = await listDeliveries(ctx, { limit: 10 })
    expect(all.items.map((d) => d.id)).toEqual([...ids].reverse())
    expect(all.nextCursor).toBeNull()
    const failed = await listDeliveries(ctx, { site: 'cpr', status: 'failed', limit: 10 })
    expect(failed.items.map((d) => d.id)).toEqual([ids[4], ids[1]])
    const first = await listDeliveries(ctx, { site: 'cpr', limit: 2 })
    expect(first.items.map((d) => d.id)).toEqual([ids[4], ids[3]])
    const second = await listDeliveries(ctx, { site: 'cpr', limit: 2, cursor: first.nextCursor! })
    expect(second.items.map((d) => d.id)).toEqual([ids[1], ids[0]])
    expect(second.nextCursor).toBeNull()
  })

  it('a failed one is sent again from scratch, now, and audited; any other is a conflict', async () => {
    const { ctx, clock } = await sites()
    const [sent, failed, pending] = await rows(ctx, [
      ['cpr', 'sent'],
      ['cpr', 'failed'],
      ['cpr', 'pending'],
    ])
    clock.advance(60_000)
    await retryDelivery(ctx, { id: failed!, actor: SYSTEM })
    const [row] = await ctx.db.select().from(outbox).where(eq(outbox.id, failed!))
    expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock().toISOString(), lockedUntil: null })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'delivery.retried'))
    expect(audit.map((r) => [r.siteId, r.subject])).toEqual([['cpr', `delivery:${failed}`]])
    for (const id of [sent!, pending!, failed!, 9999]) {
      await expect(retryDelivery(ctx, { id, actor: SYSTEM }), String(id)).rejects.toMatchObject({ code: 'conflict' })
    }
    expect(await ctx.db.$count(auditLog, eq(auditLog.action, 'delivery.retried'))).toBe(1)
  })
})
