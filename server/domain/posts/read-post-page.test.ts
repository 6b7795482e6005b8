import { describe, expect, it } from 'vitest'
import { readPostPage } from './read-post-page.ts'

describe('readPostPage', () => {
  it('finds the embed of this site, its thread, the canonical address and the title', () => {
    const html = `<!doctype html><html><head><title>Ignored &amp; plain</title><meta property="og:title" content="Give first &amp; get">
      <link rel="canonical" href="/blog/give-first/"></head><body><div id="inkind"></div>
      <script async data-thread="/blog/give-first" src="https://c.example/widget.js" data-site="cpr"></script></body></html>`
    expect(readPostPage(html, 'cpr', 'https://blog.example/blog/give-first/?utm=x')).toEqual({
      embeds: true,
      thread: '/blog/give-first',
      canonical: 'https://blog.example/blog/give-first/',
      title: 'Give first & get',
    })
  })

  it('does not take another site’s embed, and reads the hosted embed page in an iframe', () => {
    expect(readPostPage('<script src="/widget.js" data-site="other"></script>', 'cpr', 'https://b.example/p').embeds).toBe(false)
    const framed = readPostPage('<iframe src="https://c.example/embed?site=cpr&amp;thread=%2Fp"></iframe>', 'cpr', 'https://b.example/p')
    expect(framed).toMatchObject({ embeds: true, thread: '/p' })
  })

  it('never runs or fetches anything, and survives broken markup', () => {
    const page = readPostPage(
      '<title>Half<script>alert(1)</script></title><p>unclosed <b>bold<div data-site="cpr" data-thread="/p"><img src=x onerror=alert(1)>',
      'cpr',
      'https://b.example/p',
    )
    expect(page).toEqual({ embeds: true, thread: '/p', canonical: null, title: 'Half<script>alert(1)</script>' })
  })
})
