// Build the Hexo + Landscape blog into public/. Usage: INKIND_ORIGIN=http://127.0.0.1:4100 node build.mjs
import { cpSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Hexo from 'hexo'

// NB: no trailing slash — Hexo appends path.sep itself; "dir/" makes it skip theme assets
const here = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '')
process.chdir(here)
// Hexo keeps a cache in db.json: start from nothing so env changes (INKIND_ORIGIN) always apply
rmSync('public', { recursive: true, force: true })
rmSync('db.json', { force: true })
const t0 = performance.now()
const hexo = new Hexo(here, { silent: !process.env.HEXO_DEBUG, debug: !!process.env.HEXO_DEBUG })
await hexo.init()
await hexo.call('generate', {})
await hexo.exit()
for (const d of ['css', 'fonts']) cpSync(`node_modules/fork-awesome/${d}`, `public/fork-awesome/${d}`, { recursive: true })
rmSync('db.json', { force: true })
console.log(`hexo build: ${Math.round(performance.now() - t0)} ms -> ${here}/public`)
