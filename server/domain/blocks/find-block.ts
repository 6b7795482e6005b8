/**
 * Whether a site blocks a comment's author: their address, its domain (or a
 * parent domain), their client network or its wide network, or a blocked
 * word in the name, address or text. A site's blocks are read once per
 * SITE_TTL_MS per process; words are compared folded (case and accents), as
 * whole words or phrases.
 */
import { eq } from 'drizzle-orm'
import type { BlockAction, BlockKind } from '../../../shared/values.ts'
import { blocks } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

/** Case and accents folded: "Viagra", "VIAGRA" and "víagra" are one word. */
export const foldWord = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The word, or phrase, standing on its own in the text: "spam" is not found in "spamalot". */
export function containsWord(foldedText: string, foldedWord: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${literal(foldedWord).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u').test(foldedText)
}

/** a.b.example.com → a.b.example.com, b.example.com, example.com */
function domainsOf(readerKey: string): string[] {
  const host = readerKey.split('@').pop() ?? ''
  const labels = host.split('.')
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'))
}

export interface Author {
  readerKey: string
  authorName: string
  email: string
  body: string
  networkKey: string | null
  wideNetworkKey: string | null
}

export type BlockRule = { kind: BlockKind; value: string; action: BlockAction }

/** A site's blocks, from this process's cache (see caches.ts) or the database. */
async function blocksOf(ctx: Ctx, siteId: string): Promise<BlockRule[]> {
  const hit = ctx.caches.blocks.get(siteId)
  if (hit) return hit
  const rows = await ctx.db.select({ kind: blocks.kind, value: blocks.value, action: blocks.action }).from(blocks).where(eq(blocks.siteId, siteId))
  ctx.caches.blocks.set(siteId, rows)
  return rows
}

/** A block was added or removed here: this process sees it at once. */
export const forgetBlocks = (ctx: Ctx, siteId: string) => ctx.caches.blocks.delete(siteId)

/** The block that applies, the strictest first (refuse over hold), or null. */
export async function findBlock(ctx: Ctx, siteId: string, a: Author): Promise<{ kind: BlockKind; action: BlockAction } | null> {
  const rules = await blocksOf(ctx, siteId)
  if (!rules.length) return null
  const domains = new Set(domainsOf(a.readerKey))
  let text: string | null = null
  const hits = rules.filter((b) => {
    if (b.kind === 'email') return b.value === a.readerKey
    if (b.kind === 'domain') return domains.has(b.value)
    if (b.kind === 'network') return b.value === a.networkKey || b.value === a.wideNetworkKey
    text ??= foldWord(`${a.authorName}\n${a.email}\n${a.body}`)
    return containsWord(text, b.value)
  })
  return hits.find((b) => b.action === 'refuse') ?? hits[0] ?? null
}
