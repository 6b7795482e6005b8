/**
 * Real blogs, built by their own generators (tests/blogs/*), served from an
 * origin of their own the way a static host would serve them.
 */
import { execFile } from 'node:child_process'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './server.ts'
import { ROOT } from './test-app.ts'

const run = promisify(execFile)
export const BLOGS = join(ROOT, 'tests/blogs')

/** Where each generator writes its site. */
const OUTPUT: Record<string, string> = { eleventy: '_site', hexo: 'public', vitepress: 'dist', plain: 'dist', astro: 'dist', nextjs: 'out' }

/**
 * Installs the blog's generator from its own lock file (once: again only when
 * the lock file changes) and builds the blog with the Inkind snippet pointing
 * at `origin`, for site `site`. Returns the folder to serve.
 */
export async function buildBlog(name: string, env: { origin: string; site: string }): Promise<string> {
  const dir = join(BLOGS, name)
  const installed = join(dir, 'node_modules/.package-lock.json')
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(dir, 'package-lock.json')).mtimeMs) {
    await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, maxBuffer: 16 << 20 })
  }
  await run(process.execPath, ['build.mjs'], {
    cwd: dir,
    env: { ...process.env, INKIND_ORIGIN: env.origin, INKIND_SITE: env.site, NODE_ENV: 'production' },
    maxBuffer: 16 << 20,
  })
  return join(dir, OUTPUT[name]!)
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.xml': 'application/xml',
  // Next.js's static export: the payloads of client-side navigation (its router wants text/plain).
  '.txt': 'text/plain; charset=utf-8',
}

/** A static host: `/a/` is `/a/index.html`, `/a` is `/a.html` (clean URLs), optional CSP on pages. */
export async function serveStatic(root: string, opts: { csp?: string; port?: number } = {}) {
  const port = opts.port ?? (await freePort())
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)))
    if (!path.startsWith(root)) return res.writeHead(403).end()
    const file = [path, join(path, 'index.html'), `${path}.html`].find((f) => existsSync(f) && statSync(f).isFile())
    if (!file) return res.writeHead(404, { 'content-type': TYPES['.html'] }).end('<!doctype html><title>Not found</title>')
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    res.writeHead(200, { 'content-type': type, ...(opts.csp && type.startsWith('text/html') && { 'content-security-policy': opts.csp }) })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) }
}
