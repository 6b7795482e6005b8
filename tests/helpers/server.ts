/** The real server, as `npm start` runs it, on a free loopback port with its own database file. */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../../server/db/client.ts'
import { SYSTEM } from '../../server/domain/audit/actor.ts'
import { createCaches } from '../../server/domain/caches.ts'
import { addPosts } from '../../server/domain/posts/add-post.ts'
import { ROOT } from './test-app.ts'

/** The Node flags `npm start` uses (package.json), so tests and benchmarks run the server as shipped. */
export const SERVER_NODE_FLAGS: string[] = (process.env.INKIND_NODE_FLAGS ?? JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).config.nodeFlags)
  .split(' ')
  .filter(Boolean)

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** How long stop() waits for the server to exit before it kills it: past the server's own 10 s, with room for a loaded machine. */
export const STOP_LIMIT_MS = 20_000

export interface RunningServer {
  url: string
  databaseUrl: string
  process: ChildProcess
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

/** The compiled server, as `npm start` runs it; built once per test process if the build is older than the sources. */
export const SERVER_ENTRY = join(ROOT, 'dist/node/server/index.js')
let built = false
export function ensureBuilt() {
  if (built) return
  const r = spawnSync(process.execPath, [join(ROOT, 'server/start.mjs'), '--build-if-stale'], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('npm run build failed')
  built = true
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  ensureBuilt()
  const port = await freePort()
  const databaseUrl = env.DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), 'inkind-e2e-')), 'inkind.db')}`
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--enable-source-maps', SERVER_ENTRY], {
    cwd: ROOT,
    // Behind a proxy of ours, as in production: tests speak for many readers through X-Forwarded-For.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, TRUST_PROXY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // The start-up banner and the last 64 KB: request logs of a benchmark would otherwise pile up here.
  let log = ''
  let banner = ''
  const keep = (d: Buffer) => {
    log += d
    if (log.length > 65_536) log = log.slice(-32_768)
    if (banner.length < 4096) banner += d
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000)
    child.stdout!.on('data', () => {
      if (banner.includes('Inkind is running')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${log}`))
    })
  })
  return {
    url,
    databaseUrl,
    process: child,
    output: () => banner + log,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        // The server gives its requests and outbox 10 s, then exits on its own; past a margin for a loaded machine, it is killed.
        const kill = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS)
        child.once('exit', () => {
          clearTimeout(kill)
          resolve()
        })
        child.kill(signal)
      }),
  }
}

/** An admin session over real HTTP, as the admin app holds one. */
export async function adminSession(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/api/v1/admin${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }
  // The session itself, for a test that sends a request of its own.
  return Object.assign(call, { cookie, csrfToken })
}

export const OWNER = { INKIND_ADMIN_EMAIL: 'owner@example.com', INKIND_ADMIN_PASSWORD: 'a long owner password' }

let client = 0
/** A reader's address as our proxy reports it: each call a different reader, each in a /24 of its own, unless given. */
export const readerIp = () => {
  client++
  return `198.18.${client & 255}.${((client >> 8) & 255) + 1}`
}

/** Posts a comment to the demo site as a reader's browser on the server's own page would. */
export async function postDemoComment(url: string, thread: string, body: Record<string, unknown>, ip = readerIp()) {
  const res = await fetch(`${url}/api/v1/sites/demo/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-forwarded-for': ip },
    body: JSON.stringify({ elapsedMs: 20_000, ...body }),
  })
  return { status: res.status, body: (await res.json()) as { comment: { id: number }; reward: Record<string, string> | null } }
}

/**
 * The owner lists posts of the demo site (as `inkind posts add` does), so a
 * test can comment on several threads: the demo site takes comments only on
 * posts it knows or can check, and the demo server has one page.
 */
export async function listDemoPosts(server: RunningServer, paths: string[]) {
  const { db, close } = await openDb(server.databaseUrl)
  try {
    await addPosts({ db, clock: () => new Date(), caches: createCaches() }, { siteId: 'demo', actor: SYSTEM, posts: paths.map((path) => ({ path })) })
  } finally {
    close()
  }
}
