// Build the Next.js blog as a static export into out/. Usage: INKIND_ORIGIN=http://127.0.0.1:8787 INKIND_SITE=demo node build.mjs
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
rmSync(`${here}out`, { recursive: true, force: true })
const t0 = performance.now()
// `next build` as the owner runs it; no telemetry, so the build reaches no network.
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build'], {
  cwd: here,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
})
console.log(`next build: ${Math.round(performance.now() - t0)} ms -> ${here}out`)
