/**
 * The widget in real blogs, built in the test by their own generators from
 * tests/blogs (Eleventy with Pico, Hexo with Landscape, VitePress with its
 * default theme, and a hand-written page with normalize.css and water.css's
 * dark theme under a strict CSP), each served from an origin of its own with
 * the README's snippet pasted in, as an owner would.
 *
 * For each blog, at 1280 and 375 px, light and dark: the widget takes the
 * page's side (dark exactly where the page is dark), paints no slab of its
 * own, its text reads on the page, its secondary text is smaller than its
 * comments, a long name keeps avatar, name and date together, and Reply on a
 * phone lands in a visible form. Screenshots go to test-results/blogs/.
 */
import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildBlog, serveStatic } from '../helpers/blogs.ts'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { adminSession, freePort, OWNER, type RunningServer, readerIp, startServer } from '../helpers/server.ts'
import { ROOT } from '../helpers/test-app.ts'
import { writeComment } from '../helpers/widget.ts'

type Scheme = 'light' | 'dark'
interface Blog {
  name: 'eleventy' | 'hexo' | 'plain' | 'vitepress' | 'astro' | 'nextjs'
  posts: [string, string]
  /** Whether the page itself is dark when the reader's system is light / dark. */
  pageIsDark: Record<Scheme, boolean>
  /** The blog's own size of body text, to compare the widget's secondary text with. */
  articleText: string
  csp?: boolean
  /** The theme has a "Comments" heading of its own, so its snippet says data-heading="none". */
  ownHeading?: boolean
  url?: string
}

const ALL: Blog[] = [
  {
    name: 'eleventy',
    posts: ['/posts/hello-world/', '/posts/second-post/'],
    pageIsDark: { light: false, dark: true },
    articleText: 'main article p',
    ownHeading: true,
  },
  // Landscape has no dark theme: the widget stays light on its white card even on a dark system.
  { name: 'hexo', posts: ['/2024/05/01/hello-world/', '/2024/05/08/second-post/'], pageIsDark: { light: false, dark: false }, articleText: '.article-entry p' },
  // water.css dark is dark whatever the system says, and declares no color-scheme.
  { name: 'plain', posts: ['/posts/hello-world', '/posts/second-post'], pageIsDark: { light: true, dark: true }, articleText: 'article p', csp: true },
  { name: 'vitepress', posts: ['/posts/hello-world', '/posts/second-post'], pageIsDark: { light: false, dark: true }, articleText: '.vp-doc p' },
  // Light only, like Astro's blog starter; the widget stays light on its white page on a dark system. Directory URLs, canonical links.
  { name: 'astro', posts: ['/posts/hello-world/', '/posts/second-post/'], pageIsDark: { light: false, dark: false }, articleText: 'article p' },
  // create-next-app's stylesheet: dark when the system is.
  { name: 'nextjs', posts: ['/posts/hello-world', '/posts/second-post'], pageIsDark: { light: false, dark: true }, articleText: 'article p' },
]
/** BLOGS=vitepress,hexo runs some of them. */
const BLOGS = ALL.filter((b) => !process.env.BLOGS || process.env.BLOGS.split(',').includes(b.name))
const LONG_NAME = 'Maximiliane Alexandrina Featherstonehaugh-Wolfeschlegelsteinhausen'
const SHOTS = join(ARTIFACTS, 'blogs')
const stopBlogs: (() => Promise<void>)[] = []
let inkind: RunningServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  ;[inkind, browser] = await Promise.all([startServer({ ...OWNER }), launch()])
  const admin = await adminSession(inkind.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  for (const blog of BLOGS) {
    // The site as the README says: `inkind site add` with the blog's origin, then its snippet in the theme.
    const port = await freePort()
    blog.url = `http://127.0.0.1:${port}`
    await cli('site', 'add', blog.name, '--name', `${blog.name} blog`, '--origin', blog.url, '--label', '10% off', '--percent-off', '10')
    const dir = await buildBlog(blog.name, { origin: inkind.url, site: blog.name })
    const csp = blog.csp ? `default-src 'self'; script-src 'self' ${inkind.url}; connect-src ${inkind.url}; style-src 'self'; img-src 'self'` : undefined
    const served = await serveStatic(dir, { csp, port })
    stopBlogs.push(served.close)
    // Every reader here is the one test browser on 127.0.0.1: one network, allowed many rewards.
    const { id: _, ...site } = await admin<{ antiAbuse: object } & Record<string, unknown>>('GET', `/sites/${blog.name}`)
    await admin('PUT', `/sites/${blog.name}`, { ...site, antiAbuse: { ...site.antiAbuse, rewardsPerNetworkPerDay: 1000, rewardsPerWideNetworkPerDay: 1000 } })
    // A reader with a long name has already commented on the first post.
    await seedComment(blog, blog.posts[0], LONG_NAME, 'What a lovely post. I have been reading this blog for years and wanted to say thank you.')
  }
}, 900_000)

afterAll(async () => {
  await browser?.close()
  for (const stop of stopBlogs) await stop()
  await inkind?.stop()
})

async function cli(...args: string[]) {
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inkind.databaseUrl },
  })
}

async function seedComment(blog: Blog, thread: string, authorName: string, body: string) {
  const res = await fetch(`${inkind.url}/api/v1/sites/${blog.name}/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: blog.url!, 'x-forwarded-for': readerIp() },
    body: JSON.stringify({ authorName, email: `${Math.random().toString(36).slice(2)}@gmail.com`, body, elapsedMs: 20_000 }),
  })
  if (res.status !== 201) throw new Error(`seeding ${blog.name}${thread}: ${res.status} ${await res.text()}`)
}

/** The widget and a margin of the page around it: in test-results/blogs/, and docs/blogs/ for the README when UPDATE_DOCS=1. */
async function widgetShot(page: Page, name: string) {
  const box = (await page.locator('#inkind').boundingBox())!
  const top = await page.evaluate(() => scrollY)
  const clip = { x: Math.max(0, box.x - 24), y: box.y + top - 24, width: Math.min(box.width + 48, 1280), height: Math.min(box.height + 48, 1000) }
  for (const dir of [SHOTS, ...(process.env.UPDATE_DOCS === '1' ? [join(ROOT, 'docs/blogs')] : [])]) {
    mkdirSync(dir, { recursive: true })
    await page.screenshot({ path: join(dir, `${name}.png`), clip, fullPage: true })
  }
}

async function context(scheme: Scheme, width: number): Promise<BrowserContext> {
  return browser.newContext({
    colorScheme: scheme,
    viewport: { width, height: width > 500 ? 900 : 740 },
    ...(width < 500 && { isMobile: true, hasTouch: true }),
  })
}

/** Opens a page and waits for the widget, failing on any page error or CSP violation. */
async function open(ctx: BrowserContext, url: string) {
  const page = await ctx.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => /Content Security Policy|hydration/i.test(m.text()) && problems.push(m.text()))
  // The blogs have no favicon; anything else missing is a problem.
  page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`))
  await page.goto(url)
  await page.locator('#inkind').scrollIntoViewIfNeeded()
  await page.waitForSelector('#inkind[data-inkind-loaded]')
  return { page, problems }
}

/** What a reader sees of the widget against the page behind it. */
function look(page: Page, articleText: string) {
  return page.evaluate((articleText) => {
    const host = document.getElementById('inkind')!
    const root = host.shadowRoot!
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = (c: string) => {
      const [r = 0, g = 0, b = 0] = rgb(c).map((v) => v / 255)
      const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    const contrast = (a: string, b: string) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
      return (x! + 0.05) / (y! + 0.05)
    }
    const opaque = (c: string) => c !== 'transparent' && rgb(c)[3] !== 0
    let backdrop = 'rgb(255, 255, 255)'
    for (let e: Element | null = host.parentElement; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor
      if (opaque(bg)) {
        backdrop = bg
        break
      }
    }
    const style = (sel: string) => getComputedStyle(root.querySelector(sel)!)
    const px = (s: CSSStyleDeclaration) => Number.parseFloat(s.fontSize)
    const box = (sel: string, within: Element | ShadowRoot = root) => within.querySelector(sel)!.getBoundingClientRect()
    const long = [...root.querySelectorAll('article')].find((a) => a.getAttribute('aria-label')?.startsWith('Maximiliane'))
    const article = document.querySelector(articleText)
    return {
      dark: host.hasAttribute('data-dark'),
      backdrop,
      backdropIsDark: luminance(backdrop) < 0.18,
      hostBackground: getComputedStyle(host).backgroundColor,
      sectionBackground: style('section').backgroundColor,
      textContrast: contrast(style('.text').color, backdrop),
      mutedContrast: contrast(style('time').color, backdrop),
      textPx: px(style('.text')),
      timePx: px(style('time')),
      articlePx: article ? px(getComputedStyle(article)) : null,
      letterSpacing: style('.text').letterSpacing,
      header: long && {
        avatar: box('.avatar', long),
        name: box('strong', long),
        date: box('time', long),
        lineHeight: Number.parseFloat(getComputedStyle(long.querySelector('.who')!).lineHeight),
      },
    }
  }, articleText)
}

describe.each(BLOGS)('the widget in the $name blog', (blog) => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 375]) {
      it(`reads as part of the page at ${width} px on a ${scheme} system`, async () => {
        const ctx = await context(scheme, width)
        try {
          const { page, problems } = await open(ctx, blog.url + blog.posts[0])
          await page.screenshot({ path: join(SHOTS, `${blog.name}-${width}-${scheme}.png`), fullPage: true })
          if (width === 1280) await widgetShot(page, `${blog.name}-${scheme}`)
          const l = await look(page, blog.articleText)
          // Dark exactly where the page is.
          expect(l.backdropIsDark, `the ${blog.name} page at ${scheme}: ${l.backdrop}`).toBe(blog.pageIsDark[scheme])
          expect(l.dark).toBe(blog.pageIsDark[scheme])
          // No slab: the page shows through.
          expect(l.hostBackground).toBe('rgba(0, 0, 0, 0)')
          expect(l.sectionBackground).toBe('rgba(0, 0, 0, 0)')
          // Its words read on the page (WCAG AA for text, 3:1 at least for the dates).
          expect(l.textContrast).toBeGreaterThanOrEqual(4.5)
          expect(l.mutedContrast).toBeGreaterThanOrEqual(3)
          // Secondary text smaller than the comments, the comments no bigger than the post's own text.
          expect(l.timePx).toBeLessThan(l.textPx)
          expect(l.articlePx).not.toBeNull()
          expect(l.textPx).toBeLessThanOrEqual(l.articlePx! + 0.5)
          expect(l.letterSpacing).toBe('normal')
          // One "Comments" heading: the theme's, or ours.
          expect(await page.locator('#inkind h2').count()).toBe(blog.ownHeading ? 0 : 1)
          // A long name: avatar beside the name, the date right under it, not pushed to lines of their own.
          const h = l.header!
          expect(h.avatar.right).toBeLessThanOrEqual(h.name.left)
          expect(h.avatar.right).toBeLessThanOrEqual(h.date.left)
          expect(h.name.top).toBeLessThan(h.avatar.bottom)
          expect(h.date.top - h.name.bottom).toBeLessThan(h.lineHeight)
          expect(h.date.bottom - h.avatar.top).toBeLessThan(4 * h.lineHeight)
          // No sideways scrolling on a phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
          expect(problems).toEqual([])
        } finally {
          await ctx.close()
        }
      })
    }
  }

  it('gives a reader who comments their code', async () => {
    const ctx = await context('light', 1280)
    try {
      const { page, problems } = await open(ctx, blog.url + blog.posts[1])
      const id = Math.random().toString(36).slice(2)
      await writeComment(page, { name: 'Blog Reader', email: `reader.${id}@gmail.com`, body: `Thank you for this post (${id}).` })
      expect(await page.locator('#inkind .reward code').textContent()).toMatch(/^[0-9A-Z]{12}$/)
      // The offer gives way to the code.
      expect(await page.locator('#inkind aside').count()).toBe(0)
      await page.locator('#inkind').screenshot({ path: join(SHOTS, `${blog.name}-rewarded.png`) })
      expect(problems).toEqual([])
    } finally {
      await ctx.close()
    }
  })

  it('takes a phone reader who taps Reply to a visible reply form', async () => {
    const ctx = await context(blog.pageIsDark.light ? 'dark' : 'light', 375)
    try {
      const { page } = await open(ctx, blog.url + blog.posts[0])
      const reply = page.locator('#inkind article').first().locator('button.reply')
      const target = (await reply.boundingBox())!
      expect(target.height).toBeGreaterThanOrEqual(44)
      expect(target.width).toBeGreaterThanOrEqual(44)
      await reply.tap()
      await expect
        .poll(() =>
          page.evaluate(() => {
            const focused = document.getElementById('inkind')!.shadowRoot!.activeElement
            if (focused?.tagName !== 'TEXTAREA') return 'not focused'
            const r = focused.getBoundingClientRect()
            return r.top >= 0 && r.bottom <= innerHeight && r.width > 200 ? 'focused and visible' : `off screen ${JSON.stringify(r)}`
          }),
        )
        .toBe('focused and visible')
      // The form opens under the comment replied to.
      expect(await page.locator('#inkind li').first().locator('form').count()).toBe(1)
      await page.screenshot({ path: join(SHOTS, `${blog.name}-375-reply.png`) })
    } finally {
      await ctx.close()
    }
  })
})

describe('a single-page blog (VitePress)', () => {
  const vitepress = ALL.find((b) => b.name === 'vitepress')!
  it.skipIf(!BLOGS.includes(vitepress))(
    'shows each post its own thread across in-site navigation, follows the theme switch, and counts on the index',
    async () => {
      await seedComment(vitepress, vitepress.posts[1], 'Second Post Reader', 'A comment that belongs to the second post only.')
      const ctx = await context('light', 1280)
      try {
        const { page, problems } = await open(ctx, vitepress.url + vitepress.posts[0])
        await page.evaluate(() => Object.assign(window, { sameDocument: true }))
        // The widget of whichever #inkind the page has now (Vue replaces it on navigation), scrolled to.
        const widgetText = async () => {
          await page
            .locator('#inkind')
            .scrollIntoViewIfNeeded({ timeout: 1000 })
            .catch(() => {})
          return page
            .locator('#inkind section')
            .textContent({ timeout: 1000 })
            .catch(() => '')
        }
        const dark = () => page.locator('#inkind').evaluate((el) => el.hasAttribute('data-dark'))
        expect(await widgetText()).toContain(LONG_NAME)
        expect(await dark()).toBe(false)

        // The site's own switch: the widget follows without a reload.
        await page.locator('.VPNavBarAppearance button').click()
        await expect.poll(dark).toBe(true)
        await page.screenshot({ path: join(SHOTS, 'vitepress-switched-dark.png'), fullPage: true })

        // In-site navigation to the next post: that post's thread, in the same document.
        await page.locator('a.pager-link.next').click()
        await page.waitForURL(`**${vitepress.posts[1]}`)
        await expect.poll(widgetText).toContain('Second Post Reader')
        expect(await widgetText()).not.toContain(LONG_NAME)
        expect(await dark()).toBe(true)

        // And back to light.
        await page.locator('.VPNavBarAppearance button').click()
        await expect.poll(dark).toBe(false)

        // Home, in-site: the count links are filled again, with each post's count.
        await page.locator('.VPNavBarTitle a').click()
        await page.waitForURL(`${vitepress.url}/`)
        const counts = await apiCounts(vitepress)
        for (const path of vitepress.posts) {
          await expect
            .poll(() => page.locator(`[data-inkind-count="${path}"]`).textContent())
            .toBe(counts[path] === 1 ? '1 comment' : `${counts[path]} comments`)
        }

        // The browser's Back button: the second post and its thread again.
        await page.goBack()
        await page.waitForURL(`**${vitepress.posts[1]}`)
        await expect.poll(widgetText).toContain('Second Post Reader')
        expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
        expect(problems).toEqual([])
      } finally {
        await ctx.close()
      }
    },
  )
})

/**
 * Single-page blogs whose generators navigate in place: Astro's view transitions (the <body> is
 * swapped for the next page's) and Next.js's client-side router (React replaces the page's
 * subtree). Each has the owner's snippet: the widget script once in the shared layout, an
 * #inkind container in the post layout, count links and count.js on the index.
 */
describe.each(ALL.filter((b) => b.name === 'astro' || b.name === 'nextjs'))('a single-page blog ($name)', (blog) => {
  const skip = !BLOGS.includes(blog)
  /** Every widget container on the page, where it sits, and whether the widget is mounted in it. */
  const hosts = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#inkind,[data-inkind]')].map((el) => ({
        in: el.parentElement?.closest('head,body')?.localName,
        mounted: !!el.shadowRoot?.querySelector('section'),
      })),
    )
  /** The widget of whichever #inkind the page has now (the router replaces it on navigation), scrolled to. */
  const widgetText = async (page: Page) => {
    await page
      .locator('#inkind')
      .scrollIntoViewIfNeeded({ timeout: 1000 })
      .catch(() => {})
    return page
      .locator('#inkind section')
      .textContent({ timeout: 1000 })
      .catch(() => '')
  }
  /** An in-site link from the header, as a reader clicks it. */
  const follow = async (page: Page, path: string) => {
    await page.locator(`header a[href="${path}"]`).click()
    await page.waitForURL(blog.url + path)
  }
  /** The threads the widget asks the server for, in order (not Chromium's own revalidations of a stale-while-revalidate answer). */
  const watchThreads = (page: Page) => {
    const threads: string[] = []
    page.on('request', (r) => {
      const key = new URL(r.url()).pathname.split('/threads/')[1]?.split('/')[0]
      if (key && r.resourceType() === 'fetch') threads.push(decodeURIComponent(key))
    })
    return threads
  }
  /** Any error on the console (open() already reports hydration warnings): React's production build reports a hydration mismatch as a minified error. */
  const watchConsole = (page: Page, problems: string[]) =>
    page.on('console', (m) => m.type() === 'error' && !/hydration/i.test(m.text()) && problems.push(`console: ${m.text()}`))
  /** In-site links work once the router runs: Astro's as the page loads, Next.js's once React has hydrated (before, a click loads a new document). */
  const interactive = (page: Page) =>
    page.waitForFunction(
      (next) => !next || Object.keys(document.querySelector('header a') ?? {}).some((k) => k.startsWith('__reactProps')),
      blog.name === 'nextjs',
    )

  it.skipIf(skip)('shows each post its own thread across in-site navigation, counts on the index, and Back', async () => {
    await seedComment(blog, blog.posts[1], 'Second Post Reader', 'A comment that belongs to the second post only.')
    const ctx = await context('light', 1280)
    try {
      const { page, problems } = await open(ctx, blog.url + blog.posts[0])
      watchConsole(page, problems)
      const threads = watchThreads(page)
      await interactive(page)
      await page.evaluate(() => Object.assign(window, { sameDocument: true }))
      expect(await widgetText(page)).toContain(LONG_NAME)

      // To the other post: its thread, and only its thread (never the previous page's, not even for a moment).
      await follow(page, blog.posts[1])
      await expect.poll(() => widgetText(page)).toContain('Second Post Reader')
      expect(await widgetText(page)).not.toContain(LONG_NAME)
      expect(await hosts(page)).toEqual([{ in: 'body', mounted: true }])
      expect(threads).toEqual([blog.posts[1]])
      await page.screenshot({ path: join(SHOTS, `${blog.name}-navigated.png`), fullPage: true })

      // Home: no widget there, and the count links filled with each post's count.
      await follow(page, '/')
      const counts = await apiCounts(blog)
      for (const path of blog.posts) {
        await expect.poll(() => page.locator(`[data-inkind-count="${path}"]`).textContent()).toBe(counts[path] === 1 ? '1 comment' : `${counts[path]} comments`)
      }
      expect(await hosts(page)).toEqual([])

      // The browser's Back button: the second post and its thread again.
      await page.goBack()
      await page.waitForURL(blog.url + blog.posts[1])
      await expect.poll(() => widgetText(page)).toContain('Second Post Reader')
      expect(await widgetText(page)).not.toContain(LONG_NAME)
      expect(await hosts(page)).toEqual([{ in: 'body', mounted: true }])
      expect(threads).toEqual([blog.posts[1], blog.posts[1]])
      expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await ctx.close()
    }
  })

  it.skipIf(skip)('puts no widget on the index a reader lands on, and one on the post they go to', async () => {
    const ctx = await context('light', 1280)
    try {
      const page = await ctx.newPage()
      const problems: string[] = []
      page.on('pageerror', (e) => problems.push(e.message))
      page.on('console', (m) => /hydrat/i.test(m.text()) && problems.push(m.text()))
      watchConsole(page, problems)
      const threads = watchThreads(page)
      // The blog's scripts arrive late (a slow host, a slow phone), so count.js fills the links before React hydrates them: without
      // suppressHydrationWarning on the link, React throws error #418 and renders the page again, "1 comment" back to "Comments".
      await page.route(`${blog.url}/_next/static/**/*.js`, async (route) => {
        await new Promise((r) => setTimeout(r, 500))
        await route.continue()
      })
      await page.goto(`${blog.url}/`)
      const count = page.locator(`[data-inkind-count="${blog.posts[0]}"]`)
      await expect.poll(() => count.textContent()).toMatch(/^\d+ comments?$/)
      await interactive(page)
      // The widget has run (its script is on every page) and had a frame to mount whatever it would.
      await page.waitForFunction(() => typeof (window as { Inkind?: { mount?: unknown } }).Inkind?.mount === 'function')
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      expect(await hosts(page)).toEqual([])
      expect(threads).toEqual([])
      // Hydration kept the counts.
      expect(await count.textContent()).toMatch(/^\d+ comments?$/)

      await page.evaluate(() => Object.assign(window, { sameDocument: true }))
      await page.locator(`main a[href="${blog.posts[0]}"]`).click()
      await page.waitForURL(blog.url + blog.posts[0])
      await expect.poll(() => widgetText(page)).toContain(LONG_NAME)
      expect(await hosts(page)).toEqual([{ in: 'body', mounted: true }])
      expect(threads).toEqual([blog.posts[0]])
      expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await ctx.close()
    }
  })
})

async function apiCounts(blog: Blog): Promise<Record<string, number>> {
  const res = await fetch(`${inkind.url}/api/v1/sites/${blog.name}/counts?threads=${blog.posts.map(encodeURIComponent).join(',')}`, {
    headers: { origin: blog.url! },
  })
  const body = (await res.json()) as { counts: Record<string, number> }
  return body.counts
}

describe('a blog on an origin its site does not list', () => {
  const plain = ALL.find((b) => b.name === 'plain')!
  it.skipIf(!BLOGS.includes(plain))('tells the owner which origin to add, and readers only that comments are not available', async () => {
    // The same blog, previewed on another port: an origin the owner never added.
    const preview = await serveStatic(join(ROOT, 'tests/blogs/plain/dist'))
    const ctx = await context('light', 1280)
    try {
      const page = await ctx.newPage()
      const warnings: string[] = []
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
      await page.goto(preview.url + plain.posts[0])
      await page.locator('#inkind').scrollIntoViewIfNeeded()
      await page.waitForSelector('#inkind[data-inkind-loaded]')
      const status = page.locator('#inkind .status')
      expect(await status.locator('p').first().textContent()).toBe('Comments are not available on this page.')
      await status.locator('summary').click()
      const note = await status.locator('details p').textContent()
      expect(note).toContain(preview.url)
      expect(note).toContain('plain')
      expect(warnings.join('\n')).toContain(preview.url)
      await widgetShot(page, 'origin-not-allowed')
    } finally {
      await ctx.close()
      await preview.close()
    }
  })
})
