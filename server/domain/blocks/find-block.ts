/**
 * Whether a site blocks a comment's author: their address, its domain (or a
 * parent domain), their client network or its wide network, or a blocked
 * word in the name, address or text. One indexed query per comment; words
 * are compared folded (case and accents), as whole words or phrases.
 */
import { and, eq, inArray, or } from 'drizzle-orm'
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

/** The block that applies, the strictest first (refuse over hold), or null. */
export async function findBlock(ctx: Ctx, siteId: string, a: Author): Promise<{ kind: BlockKind; action: BlockAction } | null> {
  const networks = [a.networkKey, a.wideNetworkKey].filter((n): n is string => n !== null)
  const rows = await ctx.db
    .select({ kind: blocks.kind, value: blocks.value, action: blocks.action })
    .from(blocks)
    .where(
      and(
        eq(blocks.siteId, siteId),
        or(
          and(eq(blocks.kind, 'email'), eq(blocks.value, a.readerKey)),
          and(eq(blocks.kind, 'domain'), inArray(blocks.value, domainsOf(a.readerKey))),
          networks.length ? and(eq(blocks.kind, 'network'), inArray(blocks.value, networks)) : undefined,
          eq(blocks.kind, 'word'),
        ),
      ),
    )
  let text: string | null = null
  const hits = rows.filter((b) => {
    if (b.kind !== 'word') return true
    text ??= foldWord(`${a.authorName}\n${a.email}\n${a.body}`)
    return containsWord(text, b.value)
  })
  return hits.find((b) => b.action === 'refuse') ?? hits[0] ?? null
}
