/**
 * npm run bench:startup: how fast the server starts and how much memory it holds
 * idle, as it runs in production (the compiled server with package.json's Node
 * flags: the systemd unit's ExecStart), through `npm start`'s launcher
 * (server/start.mjs: a staleness check of the build, then the same server as a
 * child), and from the TypeScript sources through tsx (how it ran before the
 * compiled build). Start-up is process start to the first answered /healthz,
 * polled every 5 ms, and the CPU time the process tree used until then (from
 * /proc: unlike the wall time, hardly moved by other work on a shared machine); idle RSS is read from /proc (the whole process tree) after
 * BENCH_IDLE_MS (default 3000) with no requests. On an existing database (a
 * restart, the usual case) and on a fresh one (the first start: creates it,
 * applies every migration, seeds the demo site, makes the owner's password).
 * Median of BENCH_RUNS (default 7), the ways taking turns. Printed, not asserted.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../tests/helpers/server.ts'
import { ROOT } from '../tests/helpers/test-app.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000)
const FLAGS: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  .config.nodeFlags.split(' ')
  .filter(Boolean)

const WAYS: Record<string, string[]> = {
  'compiled (systemd unit)': [...FLAGS, '--enable-source-maps', join(ROOT, 'dist/node/server/index.js')],
  'npm start (server/start.mjs)': [join(ROOT, 'server/start.mjs')],
  'tsx (TypeScript sources)': [...FLAGS, '--import', 'tsx', join(ROOT, 'server/index.ts')],
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.end()
  })
}

/** A process and all its descendants. */
function tree(pid: number): number[] {
  const pids: number[] = []
  const visit = (p: number) => {
    try {
      pids.push(p)
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child))
      }
    } catch {}
  }
  visit(pid)
  return pids
}

/** RSS of a process tree, in MB. */
function treeRssMb(pid: number): number {
  let kb = 0
  for (const p of tree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0)
    } catch {}
  }
  return kb / 1024
}

/** CPU time (user + system) a process tree has used, in ms: what starting costs, whatever else the machine is doing. */
const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100)
function treeCpuMs(pid: number): number {
  let ticks = 0
  for (const p of tree(pid)) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {}
  }
  return ticks * TICK_MS
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

async function once(args: string[], databaseUrl: string): Promise<{ ms: number; cpuMs: number; rssMb: number }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_REQUESTS: '0' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
      if (await healthy(port)) break
      await new Promise((r) => setTimeout(r, 5))
    }
    const ms = performance.now() - started
    // (A launcher that has exited would take its CPU time with it; the tree is read while all of it runs.)
    const cpuMs = treeCpuMs(child.pid!)
    await new Promise((r) => setTimeout(r, IDLE_MS))
    return { ms, cpuMs, rssMb: treeRssMb(child.pid!) }
  } finally {
    await stop(child)
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  // What npm start would run: build first if the build is stale.
  if (spawnSync(process.execPath, [join(ROOT, 'server/start.mjs'), '--build-if-stale'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1)
  const dir = mkdtempSync(join(tmpdir(), 'inkind-bench-startup-'))
  console.log(
    `Start-up (process start → first 200 from /healthz: wall time, and the CPU time it took) and idle RSS after ${IDLE_MS} ms; median of ${RUNS} runs (min–max).\n`,
  )
  console.log(`| way | database | start-up ms | CPU ms | idle RSS MB |\n| --- | --- | ---: | ---: | ---: |`)
  try {
    const names = Object.keys(WAYS)
    const existing = (name: string) => `file:${join(dir, `${name.split(' ')[0]}.db`)}`
    // Warm-up: creates each database (and tsx's cache) so "existing" is a plain restart.
    for (const name of names) await once(WAYS[name]!, existing(name))
    const runs: Record<string, { ms: number; cpuMs: number; rssMb: number }[]> = {}
    // Round robin: the ways take turns, so a busy spell on a shared machine slows each of them alike.
    for (let i = 0; i < RUNS; i++) {
      for (const kind of ['existing', 'fresh'] as const) {
        for (const name of names) {
          const url = kind === 'existing' ? existing(name) : `file:${join(dir, `fresh-${name.split(' ')[0]}-${i}.db`)}`
          const key = `${name}|${kind}`
          runs[key] = [...(runs[key] ?? []), await once(WAYS[name]!, url)]
        }
      }
    }
    for (const name of names) {
      for (const kind of ['existing', 'fresh'] as const) {
        const figure = (xs: number[]) => `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`
        const these = runs[`${name}|${kind}`]!
        console.log(`| ${name} | ${kind} | ${figure(these.map((r) => r.ms))} | ${figure(these.map((r) => r.cpuMs))} | ${figure(these.map((r) => r.rssMb))} |`)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
