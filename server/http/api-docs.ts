/**
 * The API reference: /api/v1/openapi.json generated from the routes' own
 * schemas (see openapi.ts), and /api/docs rendering it with Swagger UI served
 * from this server (no CDN), under a strict CSP.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Hono } from 'hono'
import { generateSpecs } from 'hono-openapi'
import { PATHS } from '../paths.ts'
import { documentation } from './openapi.ts'

const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Inkind API reference</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body>
</html>`

const INIT = "SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true })\n"

/** Adds the two routes to the finished app: the document describes every route registered before it. */
export function apiDocs(app: Hono) {
  const version = (JSON.parse(readFileSync(join(PATHS.root, 'package.json'), 'utf8')) as { version: string }).version
  let spec: Promise<unknown> | undefined
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const files = {
    'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', body: () => readFileSync(join(dist, 'swagger-ui-bundle.js')) },
    'swagger-ui.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(dist, 'swagger-ui.css')) },
    'init.js': { type: 'text/javascript; charset=utf-8', body: () => Buffer.from(INIT) },
  } as const
  const cache = new Map<string, Buffer>()

  app.get('/api/v1/openapi.json', async (c) => {
    // excludeStaticFile off: /codes.csv is an API route, not a file.
    spec ??= generateSpecs(app, { documentation: documentation(version), excludeStaticFile: false })
    c.header('Cache-Control', 'public, max-age=300')
    c.header('Access-Control-Allow-Origin', '*')
    return c.json(await spec)
  })
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_CSP)
    c.header('Cache-Control', 'no-cache')
    return c.html(PAGE)
  })
  app.get('/api/docs/:file', (c) => {
    const name = c.req.param('file') as keyof typeof files
    const file = files[name]
    if (!file) return c.notFound()
    const body = cache.get(name) ?? file.body()
    cache.set(name, body)
    c.header('Content-Type', file.type)
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(new Uint8Array(body))
  })
}
