import { and, eq } from 'drizzle-orm'
import { blocks } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditIfChanged } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { forgetBlocks } from './find-block.ts'

/** Unblocks: comments are taken from them again. Audited. */
export async function removeBlock(ctx: Ctx, input: { siteId: string; id: number; actor: Actor }) {
  const row = await ctx.db.query.blocks.findFirst({ where: and(eq(blocks.id, input.id), eq(blocks.siteId, input.siteId)) })
  if (!row) throw new DomainError('not_found', 'No such block on this site.')
  await ctx.db.batch([
    ctx.db.delete(blocks).where(eq(blocks.id, row.id)),
    auditIfChanged(ctx, { actor: input.actor, action: 'block.removed', siteId: row.siteId, subject: `${row.kind}:${row.value}` }),
  ])
  forgetBlocks(ctx, row.siteId)
  return { ok: true as const }
}
