/**
 * npm run bench: starts the real server on a fresh database and measures it
 * at 20 connections with autocannon, beside a bare Hono route and a bare
 * libSQL insert on the same machine, in BENCH_ROUNDS rounds (default 3) whose
 * medians are printed with the ratios to the bare baselines and the goals;
 * then a scale run (100,000 comments in one thread, 1,000,000 issued codes)
 * against a small database, in rounds too; then the widget in Chromium.
 * Prints tables; asserts nothing about speed, but stops if a request the
 * benchmark relies on does not answer as it should (a benchmark of errors
 * measures nothing).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import autocannon from 'autocannon'
import { freePort, type RunningServer, startServer } from '../tests/helpers/server.ts'
import { ROOT } from '../tests/helpers/test-app.ts'
import { firstPaint } from './first-paint.ts'
import { seedScale } from './seed-scale.ts'
import { benchServer, commentRequest, relaxDemoLimits } from './setup.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const CONNECTIONS = 20

/** The goals of issue 16, as ratios to the bare baselines measured in the same round. */
const GOALS = { get: 0.6, revalidate: 0.7, post: 0.2, p99Ms: 50, rssMb: 150, scale: 0.75 }

/**
 * What stands between a missed goal and the machine, from the CPU profiles
 * (bench/profiles/*.md): printed beside the measured remaining cost.
 */
const DESIGN_NOTES = {
  get: 'Hono’s routing and middleware (secure headers, CORS, the request log’s line on stdout) over the same Node HTTP stack as the bare route (bench/profiles/get-cached.md); answering cached pages from precomputed responses in front of Hono, or from a CDN (the headers allow it), would remove it',
  revalidate:
    'the same routing and middleware as a 200 (bench/profiles/revalidate-304.md); an ETag check in front of Hono, keyed by the raw URL, would remove it',
  post: 'SQLite’s own work on the event loop: a comment and its reward insert into about 25 B-trees (comments has 8 indexes, rewards 15) plus the rate-limit counters, and the commit writes their pages to the WAL; that is over half of a comment’s CPU (bench/profiles/post-comment.md), more than the goal’s whole budget, with group commit and no client overhead already. Fewer indexes on rewards (several serve only admin filters) would cut it; a writer thread with its own connection would run it beside the HTTP work, on the second core',
} as const

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const load1 = () => loadavg()[0]!.toFixed(1)

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

/** CPU time a process has used so far, in ms (user + system, from /proc). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

/** CPU time the whole machine spent busy, and in total, from /proc/stat: how loaded it was by everyone. */
function cpuTicks() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const n = fields.map(Number)
  const idle = n[3]! + (n[4] ?? 0)
  const total = n.reduce((a, b) => a + b, 0)
  return { idle, total }
}

interface Row {
  name: string
  round: number
  rps: number
  p50: number
  p99: number
  errors: number
  /** Answers with another status than the load expects. */
  unexpected: string
  rssMb: number
  /** The server's own CPU time per request: what a request costs, whatever else the machine is doing. */
  cpuUs: number
}

async function load(name: string, round: number, pid: number, expect: number, opts: autocannon.Options): Promise<Row> {
  const stop = watchRss(pid)
  const cpu = cpuMs(pid)
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts })
  const used = cpuMs(pid) - cpu
  const other = Object.entries(r.statusCodeStats ?? {}).filter(([code]) => Number(code) !== expect)
  return {
    name,
    round,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    unexpected: other.map(([code, s]) => `${s.count}×${code}`).join(' ') || '0',
    rssMb: Math.round(stop()),
    cpuUs: Math.round((used * 1000) / Math.max(1, r.requests.total)),
  }
}

function table(title: string, rows: Row[]) {
  console.log(`\n${title}`)
  console.log('| run | round | req/s | p50 ms | p99 ms | errors | other statuses | peak RSS MB | server CPU µs/req |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) console.log(`| ${r.name} | ${r.round} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.unexpected} | ${r.rssMb} | ${r.cpuUs} |`)
}

interface Summary {
  what: string
  goal: number
  bare: number
  inkind: number
  ratio: number
  ratios: number[]
  bareCpu: number
  inkindCpu: number
  p99: number
  rss: number
}

async function main() {
  const started = cpuTicks()
  console.log(
    `Inkind benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds, Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at start`,
  )

  // Baselines: what a bare Hono route and a bare libSQL insert do here.
  const basePort = await freePort()
  const base: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/baselines.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(basePort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise((r) => base.stdout!.once('data', r))
  const baseUrl = `http://127.0.0.1:${basePort}`
  const { server, thread, etag } = await benchServer()
  const pid = server.process.pid!

  const rows: Row[] = []
  const perRound: { get: number; revalidate: number; post: number }[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    const at = load1()
    const list = await load('bare Hono: fixed 50-comment list', round, base.pid!, 200, { url: `${baseUrl}/list` })
    const get = await load('Inkind GET 50-comment thread (cached page)', round, pid, 200, { url: thread })
    const revalidate = await load('Inkind GET same, revalidated (304)', round, pid, 304, { url: thread, headers: { 'if-none-match': etag } })
    const insert = await load('bare Hono + one libSQL INSERT', round, base.pid!, 201, {
      url: `${baseUrl}/insert`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(60) }),
    })
    const post = await load('Inkind POST comment + reward', round, pid, 201, { url: server.url, requests: [commentRequest('/bench/write', server.url)] })
    rows.push(list, get, revalidate, insert, post)
    perRound.push({ get: get.rps / list.rps, revalidate: revalidate.rps / list.rps, post: post.rps / insert.rps })
    console.log(`round ${round}: load average ${at} → ${load1()}`)
  }
  base.kill()
  await server.stop()
  const busy = cpuTicks()
  const machineBusy = 1 - (busy.idle - started.idle) / (busy.total - started.total)
  table('Throughput at 20 connections, every round (same machine, same run)', rows)

  const pick = (name: string) => rows.filter((r) => r.name === name)
  const summary = (what: string, goal: number, bareName: string, inkindName: string, ratios: number[]): Summary => ({
    what,
    goal,
    bare: median(pick(bareName).map((r) => r.rps)),
    inkind: median(pick(inkindName).map((r) => r.rps)),
    ratio: median(ratios),
    ratios,
    bareCpu: median(pick(bareName).map((r) => r.cpuUs)),
    inkindCpu: median(pick(inkindName).map((r) => r.cpuUs)),
    p99: median(pick(inkindName).map((r) => r.p99)),
    rss: Math.max(...pick(inkindName).map((r) => r.rssMb)),
  })
  const sums = [
    summary(
      'GET a cached 50-comment page',
      GOALS.get,
      'bare Hono: fixed 50-comment list',
      'Inkind GET 50-comment thread (cached page)',
      perRound.map((r) => r.get),
    ),
    summary(
      'GET revalidated (304)',
      GOALS.revalidate,
      'bare Hono: fixed 50-comment list',
      'Inkind GET same, revalidated (304)',
      perRound.map((r) => r.revalidate),
    ),
    summary(
      'POST comment + reward',
      GOALS.post,
      'bare Hono + one libSQL INSERT',
      'Inkind POST comment + reward',
      perRound.map((r) => r.post),
    ),
  ]
  console.log(
    `\nMedians of ${ROUNDS} rounds (ratio: the median of each round's Inkind ÷ bare, each round in brackets); the machine was ${(machineBusy * 100).toFixed(0)}% busy overall. ` +
      'Server CPU per request is the same comparison with less noise from what else the machine runs.',
  )
  console.log(
    '| request | bare req/s | Inkind req/s | ratio (rounds) | goal | bare CPU µs/req | Inkind CPU µs/req | Inkind p99 ms (goal ≤ 50) | peak RSS MB (goal ≤ 150) |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const s of sums) {
    const mark = (ok: boolean) => (ok ? '' : ' **missed**')
    console.log(
      `| ${s.what} | ${s.bare} | ${s.inkind} | ${s.ratio.toFixed(2)} (${s.ratios.map((r) => r.toFixed(2)).join(', ')}) | ≥ ${s.goal}${mark(s.ratio >= s.goal)} | ${s.bareCpu} | ${s.inkindCpu} | ${s.p99}${mark(s.p99 <= GOALS.p99Ms)} | ${s.rss}${mark(s.rss <= GOALS.rssMb)} |`,
    )
  }
  const notes = {
    'GET a cached 50-comment page': DESIGN_NOTES.get,
    'GET revalidated (304)': DESIGN_NOTES.revalidate,
    'POST comment + reward': DESIGN_NOTES.post,
  }
  for (const s of sums) {
    if (s.ratio >= s.goal) continue
    // The goal as a budget per request: what the bare request costs, divided by the goal's ratio.
    const budget = s.bareCpu / s.goal
    console.log(
      `\n${s.what}: missed. Its server CPU is ${s.inkindCpu} µs a request where the goal allows ${budget.toFixed(0)} µs (${s.bareCpu} µs bare ÷ ${s.goal}): ` +
        `${(s.inkindCpu - budget).toFixed(0)} µs over (by throughput, ${(1e6 / s.inkind - 1e6 / (s.bare * s.goal)).toFixed(0)} µs of wall time per request over). ` +
        `What remains: ${notes[s.what as keyof typeof notes]}.`,
    )
  }

  if (process.env.BENCH_SCALE !== '0') await scaleRun()
  if (process.env.BENCH_PAINT !== '0') await firstPaint()
}

interface ScaleServer {
  s: RunningServer
  key: string
  seeded: Awaited<ReturnType<typeof seedScale>>
  cookie: string
  label: string
}

/** Flat from 100 to 100,000 comments in a thread and from 0 to 1,000,000 issued codes: both databases served at once, loaded in turn. */
async function scaleRun() {
  const { OWNER } = await import('../tests/helpers/server.ts')
  const seconds = Math.max(3, Math.round(SECONDS / 2))
  const servers: ScaleServer[] = []
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
    const cookieRes = await fetch(`${s.url}/api/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: s.url },
      body: JSON.stringify({ email: OWNER.INKIND_ADMIN_EMAIL, password: OWNER.INKIND_ADMIN_PASSWORD }),
    })
    const cookie = cookieRes.headers.get('set-cookie')!.split(';')[0]!
    const label = size === 'small' ? '100 comments, 100 codes' : `100,000 comments, 1,000,000 codes (seeded in ${seedSeconds} s)`
    servers.push({ s, key, seeded, cookie, label })
  }
  const thread = encodeURIComponent('/bench/scale')
  const kinds = [
    { name: 'GET first page', expect: 200, opts: (x: ScaleServer) => ({ url: `${x.s.url}/api/v1/sites/demo/threads/${thread}/comments` }) },
    {
      name: 'GET a deep page',
      expect: 200,
      opts: (x: ScaleServer) => ({ url: `${x.s.url}/api/v1/sites/demo/threads/${thread}/comments?cursor=${x.seeded.deepCursor}` }),
    },
    { name: 'POST comment + reward', expect: 201, opts: (x: ScaleServer) => ({ url: x.s.url, requests: [commentRequest('/bench/scale', x.s.url)] }) },
    {
      name: 'shop code lookup',
      expect: 200,
      opts: (x: ScaleServer) => ({ url: `${x.s.url}/api/v1/codes/${x.seeded.sampleCode}`, headers: { authorization: `Bearer ${x.key}` } }),
    },
    {
      name: 'admin search by email',
      expect: 200,
      opts: (x: ScaleServer) => ({ url: `${x.s.url}/api/v1/admin/codes?q=${encodeURIComponent(x.seeded.sampleEmail)}`, headers: { cookie: x.cookie } }),
    },
  ]
  const rows: Row[] = []
  const ratios = new Map<string, number[]>()
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      const pair: Row[] = []
      for (const x of servers) pair.push(await load(`${x.label}: ${kind.name}`, round, x.s.process.pid!, kind.expect, { ...kind.opts(x), duration: seconds }))
      rows.push(...pair)
      ratios.set(kind.name, [...(ratios.get(kind.name) ?? []), pair[1]!.rps / pair[0]!.rps])
    }
  }
  for (const x of servers) await x.s.stop()
  table('Scale: the same requests on a small and a large database, every round', rows)
  console.log(`\nScale medians of ${ROUNDS} rounds (ratio: large ÷ small in the same round; goal ≥ ${GOALS.scale}, within 25%)`)
  console.log('| request | small req/s (p99 ms) | large req/s (p99 ms) | ratio |')
  console.log('|---|---:|---:|---:|')
  for (const kind of kinds) {
    const [small, large] = servers.map((x) => rows.filter((r) => r.name === `${x.label}: ${kind.name}`))
    const cell = (rs: Row[]) => `${median(rs.map((r) => r.rps))} (${median(rs.map((r) => r.p99))})`
    const ratio = median(ratios.get(kind.name)!)
    console.log(`| ${kind.name} | ${cell(small!)} | ${cell(large!)} | ${ratio.toFixed(2)}${ratio >= GOALS.scale ? '' : ' **missed**'} |`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
