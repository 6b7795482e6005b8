/**
 * npm run bench:profile -- <get|304|post> [seconds]: a CPU profile of the
 * server (node --cpu-prof) while autocannon loads one request at 20
 * connections, summarized as the frames with the most self time and the most
 * inclusive time, and the time by where the code comes from. Only the samples
 * taken while the load ran count: not the start-up, not the seeding.
 *
 * The summaries in bench/profiles/*.md were written from this output. The raw
 * .cpuprofile is left in the temporary directory it names (open it in Chrome
 * DevTools or speedscope); it is not committed. `summary <file>` summarizes
 * any profile whole.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import autocannon from 'autocannon'

const ROOT = resolve(import.meta.dirname, '..')
// The servers the helpers start run with the shipped flags and the profiler (read when the helpers load, below).
const dir = mkdtempSync(join(tmpdir(), 'inkind-prof-'))
process.env.INKIND_NODE_FLAGS = `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).config.nodeFlags} --cpu-prof --cpu-prof-dir=${dir}`

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}
interface Profile {
  nodes: Node[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

const scenario = process.argv[2] ?? 'get'
const seconds = Number(process.argv[3] ?? 10)
if (!['get', '304', 'post', 'summary'].includes(scenario)) throw new Error('say get, 304, post, or summary <file.cpuprofile>')

/** Where a frame's code comes from: a package, Node itself, ours, or the VM. */
function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native or V8)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  if (url.startsWith('node:')) return 'node: core'
  if (url.includes('/dist/node/')) return `inkind ${url.split('/dist/node/')[1]!.split('/').slice(0, 2).join('/')}`
  return url
}

function frameName(n: Node): string {
  const { functionName, url, lineNumber } = n.callFrame
  const where = url ? `${url.startsWith('file://') ? relative(ROOT, url.slice(7)).replace(/^node_modules\//, '') : url}:${lineNumber + 1}` : ''
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`
}

export function summarize(profile: Profile, fromMicros: number, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const byOrigin = new Map<string, number>()
  let t = profile.startTime
  let total = 0
  let idle = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i]!
    t += dt
    if (t < fromMicros) continue
    const node = byId.get(profile.samples[i]!)!
    const name = frameName(node)
    total += dt
    if (node.callFrame.functionName === '(idle)') idle += dt
    self.set(name, (self.get(name) ?? 0) + dt)
    const o = origin(node.callFrame.url, node.callFrame.functionName)
    byOrigin.set(o, (byOrigin.get(o) ?? 0) + dt)
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = frameName(byId.get(id)!)
      if (seen.has(f)) continue
      seen.add(f)
      inclusive.set(f, (inclusive.get(f) ?? 0) + dt)
    }
  }
  const busy = total - idle
  const pct = (v: number) => `${((v / busy) * 100).toFixed(1)}%`
  const rows = (m: Map<string, number>, skip: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `| ${pct(v)} | ${(v / 1000).toFixed(0)} | \`${k.replaceAll('|', '\\|')}\` |`)
  const out = [
    `${(total / 1e6).toFixed(1)} s sampled, ${((idle / total) * 100).toFixed(0)}% idle; percentages are of the busy time (${(busy / 1e6).toFixed(1)} s)`,
    '',
    '**By origin (self time)**',
    '',
    '| busy | ms | origin |',
    '|---:|---:|---|',
    ...rows(byOrigin, (k) => k === '(idle)'),
    '',
    '**Top self time**',
    '',
    '| busy | ms | frame |',
    '|---:|---:|---|',
    ...rows(self, (k) => k.startsWith('(idle)')),
    '',
    '**Top inclusive time**',
    '',
    '| busy | ms | frame |',
    '|---:|---:|---|',
    ...rows(inclusive, (k) => k.startsWith('(idle)') || k.startsWith('(root)') || k.startsWith('(program)')),
  ]
  return out.join('\n')
}

async function main() {
  const { OWNER, startServer } = await import('../tests/helpers/server.ts')
  const { benchServer, commentRequest } = await import('./setup.ts')
  const { server, thread, etag } = await benchServer()
  await server.stop()
  const s = await startServer({ ...OWNER, DATABASE_URL: server.databaseUrl })
  const opts: autocannon.Options =
    scenario === 'get'
      ? { url: thread.replace(server.url, s.url) }
      : scenario === '304'
        ? { url: thread.replace(server.url, s.url), headers: { 'if-none-match': etag } }
        : { url: s.url, requests: [commentRequest('/bench/write', s.url)] }
  // A second of warm-up (JIT, caches), not sampled.
  await autocannon({ connections: 20, duration: 1, ...opts })
  const loadStart = performance.now()
  const r = await autocannon({ connections: 20, duration: seconds, ...opts })
  const loadMs = performance.now() - loadStart
  const stopAt = performance.now()
  await s.stop()
  const exitMs = performance.now() - stopAt
  const file = readdirSync(dir).find((f) => f.endsWith(`.${s.process.pid}.0.001.cpuprofile`) || f.includes(`.${s.process.pid}.`))
  if (!file) throw new Error(`no profile in ${dir}`)
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile
  // The profile ends when the process exits: count back over the shutdown and the load.
  const from = profile.endTime - (loadMs + exitMs) * 1000
  console.log(`## ${scenario}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms under the profiler (${join(dir, file)})\n`)
  console.log(summarize(profile, from))
}

if (scenario === 'summary') {
  // Any profile, whole: npm run bench:profile -- summary <file.cpuprofile>
  const profile = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Profile
  console.log(summarize(profile, profile.startTime))
} else
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
