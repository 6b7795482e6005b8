/** A fresh database and app per test: nothing is shared between tests, nothing depends on order. */

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApp } from '../../server/app.ts'
import { openDb } from '../../server/db/client.ts'
import { SYSTEM } from '../../server/domain/audit/actor.ts'
import { createCaches } from '../../server/domain/caches.ts'
import type { Ctx } from '../../server/domain/context.ts'
import { addPosts } from '../../server/domain/posts/add-post.ts'
import { saveSite } from '../../server/domain/sites/save-site.ts'
import type { LoginLimits } from '../../server/http/admin/session-routes.ts'
import { pageFetcher } from '../../server/outbound/fetch-page.ts'
import type { SiteSettingsInput } from '../../shared/site.ts'

export const ROOT = resolve(import.meta.dirname, '../..')
export const PUBLIC_URL = 'http://inkind.test'
export const BLOG = 'https://blog.example'

export const DEMO_REWARD = { kind: 'generated', label: '10% off', percentOff: 10, validDays: 30, codePrefix: 'CPR-' } as const

/** A clock that stands still unless a test moves it. */
export function fixedClock(start = '2026-11-26T10:00:00.000Z') {
  let now = new Date(start).getTime()
  const clock = () => new Date(now)
  clock.advance = (ms: number) => (now += ms)
  return clock
}

export async function testCtx(opts: { file?: boolean } = {}) {
  const url = opts.file ? `file:${join(mkdtempSync(join(tmpdir(), 'inkind-')), 'test.db')}` : ':memory:'
  const { db, close } = await openDb(url)
  const clock = fixedClock()
  // canEmail: emails go to the outbox (no test here delivers them; tests/shop-delivery.test.ts does, over SMTP).
  const ctx: Ctx = { db, clock, caches: createCaches(), pages: pageFetcher(), canEmail: true }
  return { ctx, clock, close, url }
}

/** Tests post many comments from one client: generous limits unless a test sets its own. */
export const LOOSE_LIMITS = {
  perIpPerMinute: 100_000,
  perEmailPerHour: 100_000,
  perSitePerMinute: 1_000_000,
  rewardsPerNetworkPerDay: 100_000,
  rewardsPerWideNetworkPerDay: 100_000,
  rewardsPerDomainPerDay: 100_000,
  rewardBudgetPerDay: null,
}

/**
 * A site for route tests. They post to made-up paths on a blog that is not
 * there, so posts are taken as written (check "any") unless a test asks for
 * another rule; a per-post reward lists its posts (check "listed") instead.
 */
export async function addSite(ctx: Ctx, id = 'cpr', settings: Partial<SiteSettingsInput> = {}) {
  const perPost = settings.reward?.scope === 'thread'
  const site = await saveSite(ctx, {
    id,
    actor: SYSTEM,
    settings: {
      name: 'CPR Blog',
      origins: [BLOG],
      moderation: 'auto',
      reward: DEMO_REWARD,
      posts: { check: perPost ? 'listed' : 'any' },
      ...settings,
      antiAbuse: { ...LOOSE_LIMITS, ...settings.antiAbuse },
    },
  })
  if (perPost) await addPosts(ctx, { siteId: id, actor: SYSTEM, posts: TEST_POSTS.map((path) => ({ path })) })
  return site
}

/** The posts a per-post site lists. */
export const TEST_POSTS = ['/a', '/b', '/p', '/blog/reciprocity']

export async function testApp(settings: Partial<SiteSettingsInput> = {}, opts: { canEmail?: boolean; loginLimits?: LoginLimits } = {}) {
  const t = await testCtx()
  if (opts.canEmail !== undefined) t.ctx.canEmail = opts.canEmail
  await addSite(t.ctx, 'cpr', settings)
  const app = createApp({
    ...t.ctx,
    config: { publicUrl: PUBLIC_URL, trustProxy: 1 },
    loginLimits: opts.loginLimits ?? { perAccountAndIp: 3, perIp: 10, perAccount: 20, perDevice: 5, windowSeconds: 1 },
    assets: { distDir: join(ROOT, 'dist'), demoDir: join(ROOT, 'server/demo'), i18nDir: join(ROOT, 'widget/i18n') },
  })
  return { ...t, app }
}

export const threadPath = (key: string, site = 'cpr') => `/api/v1/sites/${site}/threads/${encodeURIComponent(key)}/comments`

let n = 0
/** A valid comment body from a reader; each call is a new reader unless an email is given. */
export function aComment(over: Record<string, unknown> = {}) {
  n++
  return { authorName: `Reader ${n}`, email: `reader${n}@example.com`, body: `A genuine thought, number ${n}.`, elapsedMs: 30_000, ...over }
}

export function postJson(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BLOG, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
