/**
 * npm run bench: starts the real server on a fresh database and measures it
 * at 20 connections with autocannon, beside a bare Hono route and a bare
 * libSQL insert on the same machine; then a scale run (100,000 comments in
 * one thread, 1,000,000 issued codes). Prints tables; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { freePort, type RunningServer, startServer } from '../tests/helpers/server.ts'
import { ROOT } from '../tests/helpers/test-app.ts'
import { firstPaint } from './first-paint.ts'
import { seedScale } from './seed-scale.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 20

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

/** Samples the server's RSS while a load runs; returns the peak. */
function watchRss(pid: number) {
  let peak = rssMb(pid)
  const t = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100)
  return () => {
    clearInterval(t)
    return Math.max(peak, rssMb(pid))
  }
}

interface Row {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  rssMb: number
}

async function load(name: string, pid: number, opts: autocannon.Options): Promise<Row> {
  const stop = watchRss(pid)
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts })
  return {
    name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    rssMb: Math.round(stop()),
  }
}

function table(title: string, rows: Row[]) {
  console.log(`\n${title}`)
  console.log('| run | req/s | p50 ms | p99 ms | errors | non-2xx | peak RSS MB |')
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.rssMb} |`)
}

let reader = 0
/** Each request a new reader from a new address, as a viral post brings them. */
function commentRequest(thread: string, origin: string) {
  return {
    method: 'POST' as const,
    path: `/api/v1/sites/demo/threads/${encodeURIComponent(thread)}/comments`,
    setupRequest: (req: autocannon.Request) => {
      const n = ++reader
      return {
        ...req,
        headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        body: JSON.stringify({
          authorName: `Reader ${n}`,
          email: `reader${n}@example.com`,
          body: `Comment number ${n}: giving first works.`,
          elapsedMs: 20_000,
        }),
      }
    },
  }
}

async function relaxDemoLimits(server: RunningServer) {
  const { adminSession, OWNER } = await import('../tests/helpers/server.ts')
  const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const site = await admin<Record<string, unknown> & { antiAbuse: object }>('GET', '/sites/demo')
  const { id: _, ...settings } = site
  // Thousands of readers a second from a handful of proxies: the limits are for abuse, not for this.
  await admin('PUT', '/sites/demo', { ...settings, antiAbuse: { ...site.antiAbuse, perSitePerMinute: 10_000_000, shopRequestsPerMinute: 10_000_000 } })
  return admin
}

async function main() {
  const { OWNER } = await import('../tests/helpers/server.ts')
  console.log(`Inkind benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`)

  // Baselines: what a bare Hono route and a bare libSQL insert do here.
  const basePort = await freePort()
  const base: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/baselines.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(basePort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((r) => base.stdout!.once('data', r))
  const baseUrl = `http://127.0.0.1:${basePort}`
  const baseline = [
    await load('bare Hono: fixed 50-comment list', base.pid!, { url: `${baseUrl}/list` }),
    await load('bare Hono + one libSQL INSERT', base.pid!, {
      url: `${baseUrl}/insert`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(60) }),
    }),
  ]
  base.kill()

  const server = await startServer({ ...OWNER })
  const pid = server.process.pid!
  await relaxDemoLimits(server)
  // A 50-comment thread to read.
  for (let i = 0; i < 50; i++) {
    await fetch(`${server.url}/api/v1/sites/demo/threads/%2Fbench%2Fread/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': `172.16.0.${i}` },
      body: JSON.stringify({
        authorName: `Reader ${i}`,
        email: `seed${i}@example.com`,
        body: `Seed comment ${i}: giving first is the whole trick.`,
        elapsedMs: 20_000,
      }),
    })
  }
  const inkind = [
    await load('Inkind GET 50-comment thread', pid, { url: `${server.url}/api/v1/sites/demo/threads/%2Fbench%2Fread/comments` }),
    await load('Inkind GET same, revalidated (304)', pid, {
      url: `${server.url}/api/v1/sites/demo/threads/%2Fbench%2Fread/comments`,
      headers: { 'if-none-match': (await fetch(`${server.url}/api/v1/sites/demo/threads/%2Fbench%2Fread/comments`)).headers.get('etag')! },
    }),
    await load('Inkind POST comment + reward', pid, { url: server.url, requests: [commentRequest('/bench/write', server.url)] }),
  ]
  table('Throughput at 20 connections (same machine, same run)', [...baseline, ...inkind])
  const [list, insert] = baseline
  console.log(
    `\nGET is ${((inkind[0]!.rps / list!.rps) * 100).toFixed(0)}% of the bare list route; POST is ${((inkind[2]!.rps / insert!.rps) * 100).toFixed(0)}% of the bare insert.`,
  )
  await server.stop()

  if (process.env.BENCH_SCALE !== '0') await scaleRun()
  await firstPaint()
}

/** Flat from 100 to 100,000 comments in a thread and from 0 to 1,000,000 issued codes. */
async function scaleRun() {
  const { OWNER } = await import('../tests/helpers/server.ts')
  const seconds = Math.max(3, Math.round(SECONDS / 2))
  const rows: Row[] = []
  for (const size of ['small', 'large'] as const) {
    const server = await startServer({ ...OWNER })
    const admin = await relaxDemoLimits(server)
    const { key } = await admin<{ key: string }>('POST', '/sites/demo/api-keys', { name: 'bench' })
    const seedStart = Date.now()
    const seeded = await seedScale(server.databaseUrl, size === 'small' ? { comments: 100, codes: 100 } : { comments: 100_000, codes: 1_000_000 })
    const seedSeconds = ((Date.now() - seedStart) / 1000).toFixed(1)
    // The seed wrote behind the server's back: restart it so nothing is cached from before.
    await server.stop()
    const s = await startServer({ ...OWNER, DATABASE_URL: server.databaseUrl })
    const pid = s.process.pid!
    const label = size === 'small' ? '100 comments, 100 codes' : `100,000 comments, 1,000,000 codes (seeded in ${seedSeconds} s)`
    const thread = encodeURIComponent('/bench/scale')
    const cookieRes = await fetch(`${s.url}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.url },
      body: JSON.stringify({ email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }),
    })
    const cookie = cookieRes.headers.get('set-cookie')!.split(';')[0]!
    rows.push(
      await load(`${label}: GET first page`, pid, { url: `${s.url}/api/v1/sites/demo/threads/${thread}/comments`, duration: seconds }),
      await load(`${label}: GET a deep page`, pid, {
        url: `${s.url}/api/v1/sites/demo/threads/${thread}/comments?cursor=${seeded.deepCursor}`,
        duration: seconds,
      }),
      await load(`${label}: POST comment + reward`, pid, { url: s.url, requests: [commentRequest('/bench/scale', s.url)], duration: seconds }),
      await load(`${label}: shop code lookup`, pid, {
        url: `${s.url}/api/v1/codes/${seeded.sampleCode}`,
        headers: { authorization: `Bearer ${key}` },
        duration: seconds,
      }),
      await load(`${label}: admin search by email`, pid, {
        url: `${s.url}/api/v1/admin/codes?q=${encodeURIComponent(seeded.sampleEmail)}`,
        headers: { cookie },
        duration: seconds,
      }),
    )
    await s.stop()
  }
  table('Scale: the same requests on a small and a large database', rows)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
