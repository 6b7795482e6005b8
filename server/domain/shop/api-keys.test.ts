/**
 * A shop's API keys: shown once, kept as a hash, per site, revoked for good,
 * and a last-used time written at most once a minute.
 */
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { apiKeys, auditLog } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { authenticateKey, createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts'

async function shops() {
  const t = await testCtx()
  await addSite(t.ctx, 'cpr')
  await addSite(t.ctx, 'two')
  return t
}

describe('shop API keys', () => {
  it('are shown once, stored as their SHA-256 only, and listed newest first without it', async () => {
    const { ctx } = await shops()
    const a = await createApiKey(ctx, { siteId: 'cpr', name: 'Checkout', actor: SYSTEM })
    const b = await createApiKey(ctx, { siteId: 'cpr', name: 'POS', actor: SYSTEM })
    await createApiKey(ctx, { siteId: 'two', name: 'Other', actor: SYSTEM })
    expect(a.key).toMatch(/^ik_[A-Za-z0-9_-]{32}$/)
    expect(a).toMatchObject({ siteId: 'cpr', name: 'Checkout', prefix: a.key.slice(0, 10), lastUsedAt: null, revokedAt: null })
    expect(a).not.toHaveProperty('keyHash')
    const [stored] = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, a.id))
    expect(stored!.keyHash).toBe(createHash('sha256').update(a.key).digest('hex'))
    const listed = await listApiKeys(ctx, 'cpr')
    expect(listed.map((k) => k.name)).toEqual(['POS', 'Checkout'])
    expect(JSON.stringify(listed)).not.toContain(a.key)
    expect(JSON.stringify(listed)).not.toContain(stored!.keyHash)
    expect(b.key).not.toBe(a.key)
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'api-key.created'))
    expect(audit.map((r) => [r.siteId, r.subject])).toEqual([
      ['cpr', 'Checkout'],
      ['cpr', 'POS'],
      ['two', 'Other'],
    ])
  })

  it('authenticate as their own site; a wrong or revoked key is unauthorized', async () => {
    const { ctx } = await shops()
    const a = await createApiKey(ctx, { siteId: 'cpr', name: 'Checkout', actor: SYSTEM })
    const b = await createApiKey(ctx, { siteId: 'two', name: 'Other', actor: SYSTEM })
    expect(await authenticateKey(ctx, a.key)).toEqual({ id: a.id, siteId: 'cpr' })
    expect(await authenticateKey(ctx, b.key)).toEqual({ id: b.id, siteId: 'two' })
    await expect(authenticateKey(ctx, `${a.key}x`)).rejects.toMatchObject({ code: 'unauthorized' })
    await revokeApiKey(ctx, { siteId: 'cpr', id: a.id, actor: SYSTEM })
    await expect(authenticateKey(ctx, a.key)).rejects.toMatchObject({ code: 'unauthorized' })
    expect(await authenticateKey(ctx, b.key)).toEqual({ id: b.id, siteId: 'two' })
  })

  it('are revoked once, only by their own site, and audited', async () => {
    const { ctx, clock } = await shops()
    const a = await createApiKey(ctx, { siteId: 'cpr', name: 'Checkout', actor: SYSTEM })
    await expect(revokeApiKey(ctx, { siteId: 'two', id: a.id, actor: SYSTEM })).rejects.toMatchObject({ code: 'not_found' })
    expect(await authenticateKey(ctx, a.key)).toMatchObject({ siteId: 'cpr' })
    clock.advance(5000)
    await revokeApiKey(ctx, { siteId: 'cpr', id: a.id, actor: SYSTEM })
    expect((await listApiKeys(ctx, 'cpr'))[0]).toMatchObject({ revokedAt: clock().toISOString() })
    await expect(revokeApiKey(ctx, { siteId: 'cpr', id: a.id, actor: SYSTEM })).rejects.toMatchObject({ code: 'not_found' })
    // Revoking again does not move the time it was revoked.
    expect((await listApiKeys(ctx, 'cpr'))[0]).toMatchObject({ revokedAt: '2026-11-26T10:00:05.000Z' })
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'api-key.revoked'))
    expect(audit.map((r) => [r.siteId, r.subject])).toContainEqual(['cpr', `api-key:${a.id}`])
  })

  it('record when they were last used, at most once a minute', async () => {
    const { ctx, clock } = await shops()
    const a = await createApiKey(ctx, { siteId: 'cpr', name: 'Checkout', actor: SYSTEM })
    const lastUsed = async () => (await listApiKeys(ctx, 'cpr'))[0]!.lastUsedAt
    await authenticateKey(ctx, a.key)
    expect(await lastUsed()).toBe('2026-11-26T10:00:00.000Z')
    clock.advance(60_000)
    await authenticateKey(ctx, a.key)
    expect(await lastUsed()).toBe('2026-11-26T10:00:00.000Z')
    clock.advance(1)
    await authenticateKey(ctx, a.key)
    expect(await lastUsed()).toBe('2026-11-26T10:01:00.001Z')
    clock.advance(30_000)
    await authenticateKey(ctx, a.key)
    expect(await lastUsed()).toBe('2026-11-26T10:01:00.001Z')
  })
})
