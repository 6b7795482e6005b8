/**
 * A thread belongs to a post that exists. The first comment on a post asks
 * here: a known thread is simply found; otherwise the site's rules decide
 * (PostRules): take any path, take only listed posts, or check the page once —
 * fetch it from one of the site's own origins and see that it embeds this
 * site and names this thread. The page's own title and address become the
 * thread's, so what the owner's emails and admin say about a post comes from
 * the owner's side, never from a reader's request.
 */

import { RateLimiterRes } from 'rate-limiter-flexible'
import { canonicalThreadKey } from '../../../shared/thread-key.ts'
import type { ThreadSource } from '../../../shared/values.ts'
import type { FetchedPage } from '../../outbound/fetch-page.ts'
import { limiter } from '../abuse/rate-limits.ts'
import { findThread, type Thread } from '../comments/find-thread.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import type { Site } from '../sites/get-site.ts'
import { isSiteOrigin } from '../sites/site-origins.ts'
import { readPostPage } from './read-post-page.ts'

export interface NewPost {
  key: string
  title: string | null
  url: string | null
  source: ThreadSource
}

/**
 * Page checks per minute, from one client network and on one site: a flood of
 * made-up paths cannot turn us against the owner's blog, and one network
 * cannot use up the site's checks that real new posts need.
 */
export const PAGE_CHECKS = { perNetworkPerMinute: 10, perSitePerMinute: 30 }

const refuse = (reason: string) => {
  throw new DomainError('thread_not_found', `Inkind takes comments only on this site's own posts, and could not confirm this one: ${reason}.`, {
    thread: 'not_a_post',
  })
}

/** An origin of the site that `url` is on, or undefined. */
export function siteOriginOf(site: Site, url: string | undefined | null): string | undefined {
  if (!url) return undefined
  try {
    const origin = new URL(url).origin
    return isSiteOrigin(site.origins, origin) ? origin : undefined
  } catch {
    return undefined
  }
}

export async function resolvePost(
  ctx: Ctx,
  input: { site: Site; key: string; pageUrl?: string; network: string; thread?: Thread | null },
): Promise<{ thread: Thread } | { post: NewPost }> {
  const { site, key } = input
  // The caller may have looked it up already (null: it does not exist).
  const thread = input.thread === undefined ? await findThread(ctx, { site, key }) : input.thread
  if (thread) return { thread }
  const rules = site.posts
  if (rules.check === 'any') return { post: { key, title: null, url: null, source: 'any' } }
  if (rules.check === 'listed') return refuse('it is not one of the posts the owner listed')
  if (!ctx.pages) return refuse('this server cannot check pages')
  const origin = siteOriginOf(site, input.pageUrl) ?? site.origins.find((o) => !o.includes('*'))
  if (!origin) return refuse('the site has no origin to check it on')

  try {
    await limiter(ctx, 'post-check-net', PAGE_CHECKS.perNetworkPerMinute, 60).consume(`${site.id}|${input.network}`)
    await limiter(ctx, 'post-check', PAGE_CHECKS.perSitePerMinute, 60).consume(site.id)
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    throw new DomainError('rate_limited', 'Too many new posts at once. Please try again in a minute.', undefined, Math.ceil(error.msBeforeNext / 1000))
  }
  const target = siteOriginOf(site, input.pageUrl) ? new URL(input.pageUrl!) : new URL(key, origin)
  target.hash = ''
  let fetched: FetchedPage
  try {
    fetched = await ctx.pages(target.href)
  } catch {
    return refuse(`${target.origin} did not answer`)
  }
  if (fetched.status !== 200) return refuse(`the page answered HTTP ${fetched.status}`)
  const page = readPostPage(fetched.html, site.id, fetched.url)
  if (!page.embeds) return refuse(`the page does not embed the comments of site "${site.id}"`)
  const canonical = siteOriginOf(site, page.canonical) ? page.canonical! : fetched.url
  const pageKey = canonicalThreadKey(page.thread ?? canonical, rules.queryParam)
  if (pageKey !== key) return refuse(`the page shows the thread ${pageKey}`)
  const url = new URL(canonical)
  url.hash = ''
  if (!rules.queryParam) url.search = ''
  return { post: { key, title: page.title, url: url.href, source: 'page' } }
}
