import { canonicalThreadKey } from '../../../shared/thread-key.ts'
import { threads } from '../../db/schema.ts'
import type { Actor } from '../audit/actor.ts'
import { auditEntry } from '../audit/audit-entry.ts'
import type { Ctx } from '../context.ts'
import { getSite } from '../sites/get-site.ts'

export interface PostInput {
  /** A path or a full URL of the post; stored canonical. */
  path: string
  title?: string | null
  url?: string | null
}

/**
 * The owner lists posts that may have comments (the CLI, a sitemap or feed,
 * an import): each becomes a thread with the owner's title and address, ready
 * for its first comment. Listing a post again updates its title and address.
 */
export async function addPosts(ctx: Ctx, input: { siteId: string; posts: PostInput[]; actor: Actor; source?: 'owner' | 'import' }) {
  const site = await getSite(ctx, input.siteId)
  const queryParam = site.posts.queryParam
  const at = ctx.clock().toISOString()
  const rows = input.posts.map((p) => ({
    siteId: site.id,
    key: canonicalThreadKey(p.path, queryParam),
    title: p.title?.trim().slice(0, 300) || null,
    url: p.url ?? (/^https?:\/\//i.test(p.path) ? p.path : null),
    source: input.source ?? ('owner' as const),
    createdAt: at,
  }))
  if (rows.length === 0) return { added: 0 }
  const statements = rows.map((r) =>
    ctx.db
      .insert(threads)
      .values(r)
      .onConflictDoUpdate({ target: [threads.siteId, threads.key], set: { title: r.title, url: r.url, source: r.source } }),
  )
  await ctx.db.batch([
    ...statements,
    auditEntry(ctx, {
      actor: input.actor,
      action: 'posts.listed',
      siteId: site.id,
      subject: `${rows.length} posts`,
      detail: { keys: rows.slice(0, 20).map((r) => r.key) },
    }),
  ] as unknown as Parameters<typeof ctx.db.batch>[0])
  return { added: rows.length, keys: rows.map((r) => r.key) }
}
