/**
 * platform.js, the site-wide snippet of the Wix and Squarespace guides, on
 * pages written by hand after those builders' blog markup (docs/platforms/*.md
 * say what was seen on live sites and what is assumed), served from another
 * origin. On a post page the comments land right after the post body, on the
 * canonical URL's thread, and a reader gets a code; on the blog's index
 * nothing happens. We cannot load real Wix or Squarespace pages here.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch } from '../helpers/browser.ts'
import { guideScreenshot, guideSnippet } from '../helpers/guide.ts'
import { type HostSite, hostSite } from '../helpers/host-site.ts'
import { OWNER, type RunningServer, startServer } from '../helpers/server.ts'
import { addSiteWithCli } from '../helpers/site.ts'
import { writeComment } from '../helpers/widget.ts'

let inkind: RunningServer
let host: HostSite
let browser: Browser

const PARAGRAPHS = [
  'The people who get furthest in a network are rarely the ones who ask first. They are the ones who gave something before anyone asked.',
  'A useful introduction, an honest answer, a link to the one article that solved the problem: small gifts, and remembered for years.',
]

/** A Wix Blog post page: Wix's data-hook names, the canonical link, the snippet at "Body - end". */
function wixPost(snippet: string, canonical: string) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giving first | Northwind Notes</title><link rel="canonical" href="${canonical}"><link rel="icon" href="data:,">
<meta property="og:title" content="Giving first"><script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Giving first"}</script>
<style>body { margin: 0; font-family: "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; background: #fff; }
#SITE_HEADER { padding: 18px 40px; border-bottom: 1px solid #e5e5e5; font-weight: 700; } #PAGES_CONTAINER { max-width: 740px; margin: 0 auto; padding: 24px 40px; }
[data-hook="post-title"] { font-size: 36px; margin: 8px 0 24px; } [data-hook="post-description"] p { font-size: 18px; line-height: 1.7; }
[data-hook="post-footer"] { border-top: 1px solid #e5e5e5; padding: 12px 0; color: #666; font-size: 14px; } #SITE_FOOTER { padding: 24px 40px; color: #888; }</style></head>
<body><div id="SITE_CONTAINER"><div id="main_MF"><header id="SITE_HEADER">Northwind Notes</header>
<main id="PAGES_CONTAINER"><div id="SITE_PAGES"><section><article data-hook="post">
<div data-hook="post-header"><span data-hook="user-name">Maren Holt</span> · <span data-hook="time-ago" title="Nov 20, 2026">Nov 20</span> · 2 min read</div>
<h1 data-hook="post-title">Giving first</h1>
<section data-hook="post-description"><div data-id="content-viewer">${PARAGRAPHS.map((p, i) => `<div data-hook="rcv-block${i + 1}"><p>${p}</p></div>`).join('')}</div></section>
<div data-hook="post-footer"><span>Networking</span> · <span data-hook="views">12 views</span></div>
</article></section></div></main><footer id="SITE_FOOTER">© 2026 Northwind Notes. Proudly created with Wix.com</footer></div></div>
${snippet}</body></html>`
}

/** The Wix Blog's index: cards with h2 titles and their own post-description excerpts. */
function wixIndex(snippet: string) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blog | Northwind Notes</title><link rel="icon" href="data:,"></head>
<body><main><div data-hook="post-list">${['giving-first', 'asking-well']
    .map(
      (slug) =>
        `<article class="post-list-item"><a href="/post/${slug}"><h2 data-hook="post-title">${slug}</h2></a><div data-hook="post-description"><p>An excerpt.</p></div></article>`,
    )
    .join('')}</div></main>${snippet}</body></html>`
}

/** A Squarespace 7.1 blog post page: body.view-item, .blog-item-content-wrapper, the snippet in the Footer injection. */
function squarespacePost(snippet: string, canonical: string, bodyClass = 'collection-type-blog-basic-grid view-item') {
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giving first — Northwind Journal</title><link rel="canonical" href="${canonical}"><link rel="icon" href="data:,">
<style>body { margin: 0; font-family: Georgia, serif; color: #2b2b2b; background: #faf8f4; } #header { padding: 22px 6vw; letter-spacing: .2em; text-transform: uppercase; font-size: 13px; }
.blog-item-wrapper { max-width: 720px; margin: 0 auto; padding: 20px 24px; } .entry-title { font-size: 40px; font-weight: 400; margin: 12px 0 28px; }
.sqs-block-content p { font-size: 18px; line-height: 1.8; } .item-pagination { max-width: 720px; margin: 0 auto; padding: 24px; border-top: 1px solid #ddd; }
#footer-sections { padding: 32px 6vw; font-size: 13px; color: #777; }</style></head>
<body class="${bodyClass}" id="item-6c1e"><div id="siteWrapper" class="clearfix site-wrapper"><header id="header">Northwind Journal</header>
<main id="page" role="main"><article class="sections" id="sections" data-page-sections><section class="page-section"><div class="content-wrapper"><div class="content">
<div class="blog-basic-grid collection-content-wrapper"><article class="entry h-entry"><div class="blog-item-wrapper">
<div class="blog-item-top-wrapper"><div class="blog-item-title"><h1 class="entry-title entry-title--large p-name">Giving first</h1></div>
<div class="blog-meta-section"><time class="dt-published blog-meta-item blog-meta-item--date">Nov 20</time></div></div>
<div class="blog-item-content-wrapper"><div class="blog-item-content e-content"><div class="sqs-layout sqs-grid-12 columns-12" data-type="item"><div class="row sqs-row"><div class="col sqs-col-12 span-12">
<div class="sqs-block html-block sqs-block-html"><div class="sqs-block-content">${PARAGRAPHS.map((p) => `<p class="">${p}</p>`).join('')}</div></div>
</div></div></div></div></div></div></article>
<section class="item-pagination item-pagination--prev-next"><a class="item-pagination-link item-pagination-link--next" href="/blog/asking-well">Next: Asking well</a></section>
</div></div></div></section></article></main>
<footer class="sections" id="footer-sections">Northwind Journal · Powered by Squarespace</footer></div>
${snippet}</body></html>`
}

function squarespaceIndex(snippet: string) {
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>Journal — Northwind Journal</title><link rel="icon" href="data:,"></head>
<body class="collection-type-blog-basic-grid view-list"><main><div class="blog-basic-grid collection-content-wrapper">
<article class="blog-basic-grid--container entry blog-item"><div class="blog-basic-grid--text"><h1 class="blog-title"><a href="/blog/giving-first">Giving first</a></h1>
<div class="blog-excerpt"><div class="blog-excerpt-wrapper"><p>An excerpt.</p></div></div></div></article></div></main>${snippet}</body></html>`
}

beforeAll(async () => {
  ;[inkind, browser] = await Promise.all([startServer({ ...OWNER }), launch()])
  const pages: Record<string, { html: string }> = {}
  host = await hostSite(pages)
  const wix = guideSnippet('wix', 'site-wide', inkind.url)
  const squarespace = guideSnippet('squarespace', 'site-wide', inkind.url)
  const squarespace70 = squarespace.replace(' async>', ' data-after=".view-item .entry-content" async>')
  Object.assign(pages, {
    // Reached with a tracking query; the canonical link names the post.
    '/post/giving-first': { html: wixPost(wix, `${host.url}/post/giving-first`) },
    '/blog': { html: wixIndex(wix) },
    '/blog/giving-first': { html: squarespacePost(squarespace, `${host.url}/blog/giving-first`) },
    '/journal': { html: squarespaceIndex(squarespace) },
    // A Squarespace 7.0 template: the guide's data-after names its post body.
    '/journal/giving-first': {
      html: squarespacePost(squarespace70, `${host.url}/journal/giving-first`, 'collection-type-blog view-item').replace(
        'blog-item-content-wrapper',
        'entry-content',
      ),
    },
    // An owner who put <div id="inkind"> where they want it (a Ghost theme edit, say): it wins.
    '/own-place': {
      html: wixPost(wix, `${host.url}/own-place`).replace(
        '<article data-hook="post">',
        '<aside id="comments-here"><div id="inkind"></div></aside><article data-hook="post">',
      ),
    },
  })
  expect(squarespace70).toContain('data-after')
  await addSiteWithCli(inkind, 'cpr', [host.url])
})

afterAll(async () => {
  await browser?.close()
  await host?.close()
  await inkind?.stop()
})

async function open(path: string): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1000, height: 900 } })
  const errors: string[] = []
  p.on('pageerror', (e) => errors.push(e.message))
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await p.goto(host.url + path)
  await p.locator('#inkind').scrollIntoViewIfNeeded()
  await p.waitForSelector('#inkind[data-inkind-loaded]')
  expect(errors, errors.join('; ')).toEqual([])
  return p
}

async function comment(p: Page) {
  const id = Math.random().toString(36).slice(2, 8)
  await writeComment(p, { name: 'Builder Reader', email: `builder.${id}@gmail.com`, body: `Gave first, got a code (${id}).` })
  return (await p.locator('#inkind .reward code').textContent())!
}

async function nothingOn(path: string) {
  const p = await browser.newPage()
  const widget: string[] = []
  p.on('request', (r) => r.url().endsWith('/widget.js') && widget.push(r.url()))
  await p.goto(host.url + path, { waitUntil: 'load' })
  await p.waitForTimeout(300)
  expect(await p.locator('#inkind').count()).toBe(0)
  expect(widget).toEqual([])
  await p.close()
}

const counts = async (...threads: string[]) =>
  (await (await fetch(`${inkind.url}/api/v1/sites/cpr/counts?threads=${threads.map(encodeURIComponent).join(',')}`)).json()).counts

describe('the site-wide snippet on a Wix Blog', () => {
  it('mounts right after the post body, on the canonical thread, and a reader gets a code', async () => {
    const p = await open('/post/giving-first?utm_source=newsletter')
    expect(await p.locator('[data-hook="post-description"] + #inkind').count()).toBe(1)
    expect(await p.locator(`script[src="${inkind.url}/widget.js"]`).getAttribute('data-thread')).toBe('/post/giving-first')
    expect(await comment(p)).toMatch(/^[0-9A-Z]{12}$/)
    expect(await counts('/post/giving-first')).toEqual({ '/post/giving-first': 1 })
    await guideScreenshot(p, 'wix-post', { fullPage: true })
    await p.close()
  })

  it('does nothing on the blog’s index, whose cards have excerpts of the same name', async () => {
    await nothingOn('/blog')
  })

  it('mounts in a container the owner placed, wherever it is', async () => {
    const p = await open('/own-place')
    expect(await p.locator('#comments-here > #inkind').count()).toBe(1)
    expect(await p.locator('[data-hook="post-description"] + #inkind').count()).toBe(0)
    await p.close()
  })
})

describe('the site-wide snippet on Squarespace', () => {
  it('mounts after the 7.1 post body, above the pagination, and a reader gets a code', async () => {
    const p = await open('/blog/giving-first')
    expect(await p.locator('.blog-item-content-wrapper + #inkind').count()).toBe(1)
    expect(await comment(p)).toMatch(/^[0-9A-Z]{12}$/)
    await guideScreenshot(p, 'squarespace-post', { fullPage: true })
    await p.close()
  })

  it('does nothing on the blog’s index (view-list)', async () => {
    await nothingOn('/journal')
  })

  it('follows data-after on a 7.0 template', async () => {
    const p = await open('/journal/giving-first')
    expect(await p.locator('.entry-content + #inkind').count()).toBe(1)
    expect(await comment(p)).toMatch(/^[0-9A-Z]{12}$/)
    expect(await counts('/journal/giving-first', '/blog/giving-first')).toEqual({ '/journal/giving-first': 1, '/blog/giving-first': 1 })
    await p.close()
  })
})
