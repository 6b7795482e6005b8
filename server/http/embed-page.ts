/**
 * For blogs whose builder takes no script next to a post (Wix's and
 * Squarespace's embed blocks put custom HTML into an iframe of their own):
 * /embed?site=<id>&thread=<post path> is the widget alone, on a page of this
 * server, to put into an iframe. Only the site's own origins may frame it
 * (frame-ancestors), it runs under a CSP as strict as the demo's, and
 * /embed-frame.js tells the parent its height so a few lines on the owner's
 * page can size the iframe (docs/platforms/wix.md). /platform.js is the other
 * way in: one site-wide snippet that mounts the widget below each post.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Context, Hono } from 'hono'
import { html } from 'hono/html'
import { z } from 'zod'
import { ThreadKey } from '../../shared/comments.ts'
import { SiteId } from '../../shared/site.ts'
import type { Ctx } from '../domain/context.ts'
import { findSite } from '../domain/sites/get-site.ts'
import { PATHS } from '../paths.ts'

const EmbedQuery = z.object({
  site: SiteId,
  thread: ThreadKey,
  theme: z.enum(['light', 'dark', 'auto']).optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]{2})?$/i)
    .optional(),
})

/** Only what the widget needs from this server; framed by the site's origins and no one else. */
export function embedCsp(origins: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self' ${origins.join(' ')}`.trim(),
  ].join('; ')
}

/** Words only, and framable anywhere: the owner sees in their own iframe what to fix. */
function problem(c: Context, status: 400 | 404, text: string) {
  c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *")
  c.header('Cache-Control', 'no-store')
  return c.html(html`<!doctype html><html lang="en"><meta charset="utf-8"><title>Inkind</title><p>${text}</p></html>`, status)
}

export function embedPage(ctx: Ctx, opts: { live?: boolean } = {}) {
  const file = (name: string) => {
    const path = join(PATHS.embed, name)
    const once = readFileSync(path, 'utf8')
    return opts.live ? () => readFileSync(path, 'utf8') : () => once
  }
  const scripts: Record<string, () => string> = { '/embed-frame.js': file('frame.js'), '/platform.js': file('platform.js') }

  const app = new Hono()
  for (const [path, body] of Object.entries(scripts)) {
    app.get(path, (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8')
      c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400')
      c.header('Cross-Origin-Resource-Policy', 'cross-origin')
      return c.body(body())
    })
  }
  app.get('/embed', async (c) => {
    const query = EmbedQuery.safeParse(c.req.query())
    if (!query.success) return problem(c, 400, 'This comments frame needs ?site=<your site id>&thread=<the post’s path>.')
    const { site: id, thread, theme, lang } = query.data
    const site = await findSite(ctx, id)
    if (!site) return problem(c, 404, `There is no Inkind site "${id}" on this server.`)
    c.header('Content-Security-Policy', embedCsp(site.origins))
    c.header('Cache-Control', 'no-cache')
    return c.html(
      html`<!doctype html>
<html lang="${lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Comments · ${site.name}</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="inkind"></div>
<script src="/widget.js" data-site="${site.id}" data-thread="${thread}"${theme ? html` data-theme="${theme}"` : ''}${lang ? html` data-lang="${lang}"` : ''} async></script>
<script src="/embed-frame.js" async></script>
</body>
</html>
`,
    )
  })
  return app
}
