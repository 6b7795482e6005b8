// Build the VitePress blog into dist/. Usage: INKIND_ORIGIN=http://127.0.0.1:4100 node build.mjs
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'vitepress'

const here = fileURLToPath(new URL('.', import.meta.url))
process.chdir(here)
// config.mts: outDir = VP_OUT_DIR (relative to src/) || ../dist
const outDir = process.env.VP_OUT_DIR ? new URL(process.env.VP_OUT_DIR, new URL('src/', import.meta.url)).pathname : `${here}dist`
rmSync(outDir, { recursive: true, force: true })
const t0 = performance.now()
await build('src')
console.log(`vitepress build: ${Math.round(performance.now() - t0)} ms -> ${outDir}`)
