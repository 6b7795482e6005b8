/**
 * What a blog page says about itself, for the post check: whether it embeds
 * this site's comments (a tag with data-site="<site>", or the hosted embed
 * page in an iframe), which thread it names (data-thread), its canonical
 * address and its title. Parsed with htmlparser2, never executed.
 */
import { Parser } from 'htmlparser2'

export interface PostPage {
  embeds: boolean
  /** data-thread on the embed, when the page names its thread. */
  thread: string | null
  canonical: string | null
  title: string | null
}

export function readPostPage(html: string, siteId: string, pageUrl: string): PostPage {
  const page: PostPage = { embeds: false, thread: null, canonical: null, title: null }
  let ogTitle: string | null = null
  let inTitle = false
  let title = ''
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (a['data-site'] === siteId) {
          page.embeds = true
          page.thread ??= a['data-thread'] ?? null
        } else if (a['data-inkind'] !== undefined && a['data-thread']) {
          page.thread ??= a['data-thread']
        }
        if (name === 'iframe' && a.src) {
          try {
            const src = new URL(a.src, pageUrl)
            if (src.pathname.endsWith('/embed') && src.searchParams.get('site') === siteId) {
              page.embeds = true
              page.thread ??= src.searchParams.get('thread')
            }
          } catch {
            // not a URL: not our embed
          }
        }
        if (name === 'link' && a.href && (a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) page.canonical ??= a.href
        if (name === 'meta' && a.property === 'og:title' && a.content) ogTitle ??= a.content
        if (name === 'title') inTitle = true
      },
      ontext(text) {
        if (inTitle) title += text
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  )
  parser.end(html)
  page.title = (ogTitle ?? title).replace(/\s+/g, ' ').trim().slice(0, 300) || null
  if (page.canonical) {
    try {
      page.canonical = new URL(page.canonical, pageUrl).href
    } catch {
      page.canonical = null
    }
  }
  return page
}
