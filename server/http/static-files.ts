/**
 * The files this server hands to browsers: the built widget, the admin app,
 * the demo blog post and its stylesheet. Read once at start; a missing build is a clear
 * start-up error, not a 404 a newcomer has to puzzle over.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'

export interface Assets {
  /** Where `vite build` wrote widget.js, count.js and admin/. */
  distDir: string
  /** widget/i18n: the widget's other languages. */
  i18nDir: string
  /** server/demo: the demo post and its CSS. */
  demoDir: string
  /** Read the files at every request (npm run dev), not once at start. */
  live?: boolean
}

/** The demo page is ours: it proves the widget runs under a strict CSP like a careful owner's. */
const DEMO_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** The admin app: nothing inline, nothing from elsewhere, never framed. */
const ADMIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new Error(`${path} is missing: run "npm run build" (npm start does it for you).`)
  }
}

export function staticFiles(assets: Assets) {
  // `npm run dev` rebuilds these while the server runs: then they are read on every request.
  const file = (path: string) => {
    const once = read(path)
    return assets.live ? () => read(path) : () => once
  }
  const widget = file(join(assets.distDir, 'widget.js'))
  const compose = file(join(assets.distDir, 'widget-compose.js'))
  const reader = file(join(assets.distDir, 'widget-reader.js'))
  const count = file(join(assets.distDir, 'count.js'))
  // Minified once: each language file stays near 1 KB gzip.
  const langs = new Map(
    readdirSync(assets.i18nDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, JSON.stringify(JSON.parse(read(join(assets.i18nDir, f))))]),
  )
  const script = (body: () => string) => (c: Context) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400')
    c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    return c.body(body())
  }
  const demo = file(join(assets.demoDir, 'reciprocity.html'))
  const demoCss = file(join(assets.demoDir, 'blog.css'))
  const admin = file(join(assets.distDir, 'admin/index.html'))

  return (
    new Hono()
      .get('/widget.js', script(widget))
      .get('/widget-compose.js', script(compose))
      .get('/widget-reader.js', script(reader))
      .get('/count.js', script(count))
      .get('/i18n/:file', (c) => {
        const lang = langs.get(c.req.param('file'))
        if (!lang) return c.notFound()
        // Fetched by the widget from the blog's origin: readable cross-origin, cacheable.
        c.header('Access-Control-Allow-Origin', '*')
        c.header('Cache-Control', 'public, max-age=3600, stale-while-revalidate=86400')
        return c.body(lang, 200, { 'Content-Type': 'application/json; charset=utf-8' })
      })
      .get('/', (c) => {
        c.header('Content-Security-Policy', DEMO_CSP)
        c.header('Cache-Control', 'no-cache')
        return c.html(demo())
      })
      // Hashed file names: cache for good.
      .use('/admin/assets/*', async (c, next) => {
        await next()
        if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
      })
      .get('/admin/assets/*', serveStatic({ root: assets.distDir }), (c) => c.notFound())
      .get('/admin/*', (c) => {
        c.header('Content-Security-Policy', ADMIN_CSP)
        c.header('Cache-Control', 'no-cache')
        return c.html(admin())
      })
      .get('/admin', (c) => c.redirect('/admin/start'))
      .get('/blog.css', (c) => {
        c.header('Content-Type', 'text/css; charset=utf-8')
        c.header('Cache-Control', 'public, max-age=300')
        return c.body(demoCss())
      })
  )
}
