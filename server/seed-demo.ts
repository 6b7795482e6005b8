import { SYSTEM } from './domain/audit/actor.ts'
import type { Ctx } from './domain/context.ts'
import { addPosts } from './domain/posts/add-post.ts'
import { findSite } from './domain/sites/get-site.ts'
import { saveSite } from './domain/sites/save-site.ts'

/** The demo post's thread: the page at / shows it (data-thread). */
export const DEMO_THREAD = '/blog/reciprocity'

/** The demo site the demo post comments on; created once, then left to its owner's edits. */
export async function seedDemoSite(ctx: Ctx, publicUrl: string): Promise<boolean> {
  if (await findSite(ctx, 'demo')) return false
  await saveSite(ctx, {
    id: 'demo',
    actor: SYSTEM,
    settings: {
      name: 'Northwind Consulting',
      origins: [publicUrl],
      moderation: 'auto',
      locale: 'en',
      reward: { kind: 'generated', label: '10% off your next order', percentOff: 10, validDays: 30, codePrefix: 'THANKS-' },
    },
  })
  await addPosts(ctx, { siteId: 'demo', actor: SYSTEM, posts: [{ path: DEMO_THREAD, title: 'Networking and the art of reciprocity', url: `${publicUrl}/` }] })
  return true
}
