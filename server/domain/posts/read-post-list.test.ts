import { describe, expect, it } from 'vitest'
import { readPostList } from './read-post-list.ts'

describe('readPostList', () => {
  it('reads a sitemap', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://blog.example/2024/05/hello-world/</loc><lastmod>2024-05-01</lastmod></url>
  <url><loc>https://blog.example/blog/reciprocity?utm=x&amp;a=1</loc></url>
</urlset>`
    expect(readPostList(xml)).toEqual([
      { path: 'https://blog.example/2024/05/hello-world/', title: null, url: 'https://blog.example/2024/05/hello-world/' },
      { path: 'https://blog.example/blog/reciprocity?utm=x&a=1', title: null, url: 'https://blog.example/blog/reciprocity?utm=x&a=1' },
    ])
  })

  it('reads an RSS and an Atom feed with titles', () => {
    const rss = `<rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
<item><title>Give first &amp; get</title><link>https://blog.example/give-first/</link></item></channel></rss>`
    expect(readPostList(rss)).toEqual([{ path: 'https://blog.example/give-first/', title: 'Give first & get', url: 'https://blog.example/give-first/' }])
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><link href="https://blog.example/"/>
<entry><title type="html">Mutual concession</title><link rel="alternate" href="https://blog.example/concession"/><link rel="edit" href="https://x/edit"/></entry></feed>`
    expect(readPostList(atom)).toEqual([{ path: 'https://blog.example/concession', title: 'Mutual concession', url: 'https://blog.example/concession' }])
  })
})
