#!/usr/bin/env node
/**
 * `npm start`: runs the compiled server (dist/node) with the Node flags in
 * package.json, and builds first when the build is missing or older than any
 * source, so `npm install && npm start` works from a fresh clone and never
 * serves a stale build. Plain JavaScript: nothing to compile before it runs.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SOURCES = ['server', 'shared', 'widget', 'admin', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json', 'tsconfig.server.json']
const OUTPUTS = ['dist/node/server/index.js', 'dist/widget.js', 'dist/widget-compose.js', 'dist/widget-reader.js', 'dist/count.js', 'dist/admin/index.html']

function newest(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return /\.test\.ts$/.test(path) ? 0 : stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

function oldestOutput() {
  return Math.min(...OUTPUTS.map((p) => newest(join(root, p)) || 0))
}

export function buildIsFresh() {
  const built = oldestOutput()
  return built > 0 && built >= Math.max(...SOURCES.map((p) => newest(join(root, p))))
}

if (process.argv[2] === '--build-if-stale') {
  // For tests and benchmarks: make sure they run what npm start would.
  if (!buildIsFresh()) process.exit(spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1)
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!buildIsFresh()) {
    console.log('Building Inkind (the build is missing or older than the sources)…')
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }
  const flags = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    .config.nodeFlags.split(' ')
    .filter(Boolean)
  const server = spawn(process.execPath, [...flags, '--enable-source-maps', join(root, 'dist/node/server/index.js')], { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
