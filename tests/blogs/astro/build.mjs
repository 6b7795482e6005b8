// Build the Astro blog into dist/. Usage: INKIND_ORIGIN=http://127.0.0.1:8787 INKIND_SITE=demo node build.mjs
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
process.chdir(here)
// No telemetry (and no notice about it) from a test build.
process.env.ASTRO_TELEMETRY_DISABLED = '1'
const { build } = await import('astro')
rmSync(`${here}dist`, { recursive: true, force: true })
const t0 = performance.now()
await build({ root: here, logLevel: 'warn' })
console.log(`astro build: ${Math.round(performance.now() - t0)} ms -> ${here}dist`)
