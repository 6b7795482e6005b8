#!/usr/bin/env node
/**
 * `npm run dev`: the server from its TypeScript sources, restarted when they
 * change (tsx watch), with the widget, count.js and the admin app rebuilt on
 * change (vite build --watch) and served fresh (INKIND_DEV). Works from a
 * fresh clone: the front ends are built once before the server starts.
 */
import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules/.bin', name)

const first = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' })
if (first.status !== 0) process.exit(first.status ?? 1)

const children = [
  ...['widget', 'compose', 'reader', 'count', 'admin'].map((mode) =>
    spawn(bin('vite'), ['build', '--watch', '--mode', mode, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }),
  ),
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/index.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, INKIND_DEV: '1' } }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop())
