/**
 * npm run bench:import: the memory proof for moving in. Generates a Disqus
 * export of BENCH_IMPORT_MB (default 100) into a temporary folder, then runs
 * the compiled CLI's import as `npm start` runs the server (the Node flags of
 * package.json config.nodeFlags: a 128 MB heap) on a fresh database, samples
 * the child's RSS from /proc, and prints rows a second and peak RSS; then the
 * same file again (it adds nothing). Fails when RSS passes the budget.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImportReport } from '../shared/moving.ts'
import { ROOT } from '../tests/helpers/test-app.ts'

const SIZE_MB = Number(process.env.BENCH_IMPORT_MB ?? 100)
const BUDGET_MB = 200
const FLAGS: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  .config.nodeFlags.split(' ')
  .filter(Boolean)
const CLI = join(ROOT, 'dist/node/server/cli.js')

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

/** The compiled CLI with the server's flags; its stdout, wall time and peak RSS. */
function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<{ stdout: string; seconds: number; peakMb: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [...FLAGS, CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
  let peak = 0
  const sample = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!))), 50)
  let stdout = ''
  child.stdout.on('data', (d) => (stdout += d))
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      clearInterval(sample)
      if (code !== 0) reject(new Error(`inkind ${args.join(' ')} exited with ${code}`))
      else resolve({ stdout, seconds: (performance.now() - started) / 1000, peakMb: peak })
    }),
  )
}

async function main() {
  if (spawnSync(process.execPath, ['server/start.mjs', '--build-if-stale'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed')
  const dir = mkdtempSync(join(tmpdir(), 'inkind-bench-import-'))
  try {
    const file = join(dir, 'disqus.xml')
    const gen = spawnSync(process.execPath, [join(ROOT, 'bench/gen-disqus.mjs'), String(SIZE_MB), file], { encoding: 'utf8' })
    if (gen.status !== 0) throw new Error(gen.stderr)
    process.stderr.write(gen.stderr)
    const bytes = statSync(file).size
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'inkind.db')}` }
    await cli(env, ['site', 'add', 'bench', '--name', 'Bench', '--origin', 'https://blog.example.com'])

    console.log(`\nImport of a ${(bytes / 1048576).toFixed(0)} MB Disqus export, Node ${process.version} ${FLAGS.join(' ')}`)
    console.log('| run | comments added | already there | skipped | seconds | comments/s | MB/s | peak RSS MB |')
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
    let peak = 0
    for (const name of ['first import', 'same file again']) {
      const run = await cli(env, ['import', 'disqus', 'bench', file, '--json'])
      const r = JSON.parse(run.stdout) as ImportReport
      const skipped = Object.values(r.skipped).reduce((n, k) => n + (k ?? 0), 0)
      const rows = r.comments.imported + r.comments.present + skipped
      peak = Math.max(peak, run.peakMb)
      console.log(
        `| ${name} | ${r.comments.imported} | ${r.comments.present} | ${skipped} | ${run.seconds.toFixed(1)} | ${Math.round(rows / run.seconds)} | ${(bytes / 1048576 / run.seconds).toFixed(1)} | ${Math.round(run.peakMb)} |`,
      )
    }
    console.log(`\nPeak RSS ${Math.round(peak)} MB; budget ${BUDGET_MB} MB: ${peak < BUDGET_MB ? 'met' : 'MISSED'}`)
    if (peak >= BUDGET_MB) process.exitCode = 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
