/**
 * The posts an owner already lists elsewhere: a sitemap (<urlset><url><loc>)
 * or a feed (RSS <item><link><title>, Atom <entry><link href><title>). Parsed
 * as XML with htmlparser2; nothing in it is fetched or run.
 */
import { Parser } from 'htmlparser2'
import type { PostInput } from './add-post.ts'

export function readPostList(xml: string): PostInput[] {
  const posts: PostInput[] = []
  let current: { link?: string; title?: string } | null = null
  let field: 'loc' | 'link' | 'title' | null = null
  let text = ''
  const parser = new Parser(
    {
      onopentag(name, a) {
        const tag = name.toLowerCase().replace(/^.*:/, '')
        if (tag === 'url' || tag === 'item' || tag === 'entry') current = {}
        else if (current && (tag === 'loc' || tag === 'title')) field = tag
        else if (current && tag === 'link') {
          // Atom: <link href="…" rel="alternate"/>; RSS: <link>…</link>
          if (a.href && (!a.rel || a.rel === 'alternate')) current.link ??= a.href
          else if (!a.href) field = 'link'
        }
        text = ''
      },
      ontext(t) {
        if (field) text += t
      },
      onclosetag(name) {
        const tag = name.toLowerCase().replace(/^.*:/, '')
        if (current && field && tag === field) {
          const value = text.trim()
          if (field === 'title') current.title ??= value
          else current.link ??= value
          field = null
        }
        if ((tag === 'url' || tag === 'item' || tag === 'entry') && current) {
          if (current.link && /^https?:\/\//i.test(current.link)) posts.push({ path: current.link, title: current.title ?? null, url: current.link })
          current = null
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  )
  parser.end(xml)
  return posts
}
