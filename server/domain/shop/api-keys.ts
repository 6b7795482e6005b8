/** Shop API keys: shown once at creation, stored as SHA-256, named, revocable, with a last-used time. */

import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import { apiKeys } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex')
/** Recording every use would be a write per checkout; once a minute says enough. */
const LAST_USED_GRAIN_MS = 60_000

export type ApiKeyInfo = Omit<typeof apiKeys.$inferSelect, 'keyHash'>

export async function createApiKey(ctx: Ctx, input: { siteId: string; name: string; actor: Actor }) {
  const key = `ik_${randomBytes(24).toString('base64url')}`
  const at = ctx.clock().toISOString()
  const [[row]] = await ctx.db.batch([
    ctx.db
      .insert(apiKeys)
      .values({ siteId: input.siteId, name: input.name, prefix: key.slice(0, 10), keyHash: sha256(key), createdAt: at })
      .returning(),
    auditEntry(ctx, { actor: input.actor, action: 'api-key.created', siteId: input.siteId, subject: input.name }),
  ])
  const { keyHash: _, ...info } = row!
  return { ...info, key }
}

export async function listApiKeys(ctx: Ctx, siteId: string): Promise<ApiKeyInfo[]> {
  const rows = await ctx.db.select().from(apiKeys).where(eq(apiKeys.siteId, siteId)).orderBy(desc(apiKeys.id))
  return rows.map(({ keyHash: _, ...info }) => info)
}

export async function revokeApiKey(ctx: Ctx, input: { siteId: string; id: number; actor: Actor }) {
  const at = ctx.clock().toISOString()
  const [[row]] = await ctx.db.batch([
    ctx.db
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.id, input.id), eq(apiKeys.siteId, input.siteId), isNull(apiKeys.revokedAt)))
      .returning(),
    auditEntry(ctx, { actor: input.actor, action: 'api-key.revoked', siteId: input.siteId, subject: `api-key:${input.id}` }),
  ])
  if (!row) throw new DomainError('not_found', 'No such active key.')
}

/** The site a Bearer key belongs to, or 401. */
export async function authenticateKey(ctx: Ctx, key: string): Promise<{ id: number; siteId: string }> {
  const row = await ctx.db.query.apiKeys.findFirst({ where: and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)) })
  if (!row) throw new DomainError('unauthorized', 'Unknown or revoked API key.')
  const now = ctx.clock()
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > LAST_USED_GRAIN_MS) {
    await ctx.db
      .update(apiKeys)
      .set({ lastUsedAt: now.toISOString() })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now.toISOString()))))
  }
  return { id: row.id, siteId: row.siteId }
}
