/**
 * An owner or moderator blocks a reader: by address, by domain, by network
 * (from one of their comments, or as the farming signals name it), or a word.
 * Blocking the same thing again changes what happens to it. Audited.
 */
import { and, eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { Block, BlockBody } from '../../../shared/moderation.ts'
import { blocks, comments } from '../../db/schema.ts'
import { type Actor, actorLabel } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { emailDomain, isCommonProvider } from '../readers/email-domain.ts'
import { normalizeEmail } from '../readers/normalize-email.ts'
import { getSite } from '../sites/get-site.ts'
import { foldWord, forgetBlocks } from './find-block.ts'

type Input = z.output<typeof BlockBody>

async function sourceComment(ctx: Ctx, siteId: string, id: number) {
  const row = await ctx.db.query.comments.findFirst({ where: and(eq(comments.id, id), eq(comments.siteId, siteId)) })
  if (!row) throw new DomainError('not_found', 'No such comment on this site.', { commentId: 'not_found' })
  if (row.adminUserId !== null) throw new DomainError('invalid_input', 'That comment is an admin’s own reply.', { commentId: 'invalid' })
  return row
}

/** What the block stores, and the note it is listed with. */
async function blockedValue(ctx: Ctx, siteId: string, b: Input): Promise<{ value: string; note?: string }> {
  if (b.kind === 'word') return { value: foldWord(b.value) }
  const from = b.commentId === undefined ? null : await sourceComment(ctx, siteId, b.commentId)
  const by = from ? `${from.authorName}’s comment #${from.id}` : null
  if (b.kind === 'email') return { value: normalizeEmail(b.value ?? from!.readerKey), note: by ? `from ${by}` : undefined }
  if (b.kind === 'domain') {
    const value = b.value ?? emailDomain(from!.readerKey)
    if (isCommonProvider(value)) {
      throw new DomainError('invalid_input', `${value} is a mail provider shared by millions of readers: block the address instead.`, {
        value: 'common_provider',
      })
    }
    return { value, note: by ? `from ${by}` : undefined }
  }
  if (b.value) return { value: b.value }
  const key = b.wide ? from!.wideNetworkKey : from!.networkKey
  if (!key)
    throw new DomainError('invalid_input', 'This comment was kept without its network (it came before networks were recorded, or was imported).', {
      commentId: 'no_network',
    })
  return { value: key, note: `${b.wide ? 'the wide network (/24 or /48) of' : 'the network of'} ${by}` }
}

export async function addBlock(ctx: Ctx, input: { siteId: string; block: Input; actor: Actor }): Promise<Block> {
  const site = await getSite(ctx, input.siteId)
  const b = input.block
  const { value, note } = await blockedValue(ctx, site.id, b)
  const at = ctx.clock().toISOString()
  const row = { siteId: site.id, kind: b.kind, value, action: b.action, note: b.note || note || null, createdBy: actorLabel(input.actor), createdAt: at }
  const [[saved]] = await ctx.db.batch([
    ctx.db
      .insert(blocks)
      .values(row)
      .onConflictDoUpdate({ target: [blocks.siteId, blocks.kind, blocks.value], set: { action: row.action, note: row.note } })
      .returning(),
    auditEntry(ctx, { actor: input.actor, action: 'block.added', siteId: site.id, subject: `${b.kind}:${value}`, detail: { action: b.action } }),
  ])
  forgetBlocks(ctx, site.id)
  const { siteId: _, ...block } = saved!
  return block
}
