// Build the blog into _site/. Usage: INKIND_ORIGIN=http://127.0.0.1:4100 node build.mjs
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Eleventy from '@11ty/eleventy'

const here = fileURLToPath(new URL('.', import.meta.url))
process.chdir(here)
rmSync('_site', { recursive: true, force: true })
const t0 = performance.now()
const elev = new Eleventy('src', '_site', { quietMode: true, configPath: 'eleventy.config.mjs' })
await elev.write()
console.log(`eleventy build: ${Math.round(performance.now() - t0)} ms -> ${here}_site`)
