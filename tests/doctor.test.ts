/**
 * `npm run inkind -- doctor` as an owner runs it: on a good configuration
 * every check is ok and it exits 0; on a broken one it names each problem in
 * plain words, with what to do, and exits 1.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownMigrations } from '../server/db/migration-status.ts'
import { checkDisk, type DoctorProbes } from '../server/domain/doctor/doctor.ts'
import { readConfig } from '../server/env.ts'
import { oldDatabase } from './helpers/old-database.ts'
import { freePort, OWNER, type RunningServer, startServer } from './helpers/server.ts'
import { type Mailbox, smtpServer } from './helpers/smtp.ts'
import { ROOT } from './helpers/test-app.ts'

const run = promisify(execFile)

/** The doctor with exactly this environment (nothing inherited that it reads), its output and exit code. */
async function doctor(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|PUBLIC_URL|DATABASE_|SMTP_|TRUST_PROXY|BACKUP_|METRICS_|INKIND_|OUTBOX_|MAX_CONN|REQUEST_TIMEOUT|LOG_REQUESTS|WEBHOOKS_)/.test(k),
    ),
  )
  const r = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'doctor'], { cwd: ROOT, env: { ...clean, ...env }, timeout: 60_000 }).then(
    (ok) => ({ ...ok, code: 0 }),
    (e: { stdout: string; stderr: string; code: number }) => e,
  )
  const lines = r.stdout.split('\n')
  /** The verdict of a check's lines, e.g. { reachable: ['PROBLEM'] }. */
  const verdicts: Record<string, string[]> = {}
  for (const l of lines) {
    const m = /^(ok|WARN|PROBLEM)\s+(\S+(?: \S+)?)\s{2,}/.exec(l)
    if (m) verdicts[m[2]!] = [...(verdicts[m[2]!] ?? []), m[1]!]
  }
  return { ...r, verdicts }
}

let mailbox: Mailbox
let server: RunningServer
const USERS = { inkind: 'the right smtp password' }

beforeAll(async () => {
  mailbox = await smtpServer({ users: USERS })
})
afterAll(async () => {
  await server?.stop()
  await mailbox?.stop()
})

describe('inkind doctor', () => {
  it('finds nothing wrong with a good configuration', async () => {
    const backups = join(mkdtempSync(join(tmpdir(), 'inkind-doctor-')), 'backups')
    server = await startServer({ ...OWNER, BACKUP_DIR: backups })
    await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('"msg":"backup"')
    const r = await doctor({
      DATABASE_URL: server.databaseUrl,
      PUBLIC_URL: server.url,
      TRUST_PROXY: '1',
      SMTP_URL: `smtp://inkind:${encodeURIComponent(USERS.inkind)}@${mailbox.url.slice('smtp://'.length)}`,
      BACKUP_DIR: backups,
    })
    expect(r.stdout).toContain('No problems.')
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/^(WARN|PROBLEM)/m)
    for (const check of ['database', 'WAL mode', 'migrations', 'disk space', 'backups', 'reachable', 'origins', 'admin', 'SMTP', 'clock']) {
      expect(r.verdicts[check], check).toBeDefined()
      expect(new Set(r.verdicts[check]), check).toEqual(new Set(['ok']))
    }
    expect(r.stdout).toContain(`${server.url}/healthz answers`)
    expect(r.stdout).toContain('logged in to 127.0.0.1')
  })

  it('names every problem of a broken one, with what to do, and exits 1', async () => {
    // A database an earlier release left (the migrations after 0005 missing, never opened by a server: no WAL),
    // with a site that allows no origin and a record from tomorrow (the clock went back).
    const old = await oldDatabase('0005_wide_networks')
    await old.client.batch([
      `insert into sites (id, name, origins, moderation, locale) values ('lonely', 'Lonely Blog', '[]', 'auto', 'en')`,
      { sql: `insert into audit_log (at, actor, action) values (?, 'cli', 'site.save')`, args: [new Date(Date.now() + 86_400_000).toISOString()] },
    ])
    old.client.close()
    // Backups stopped months ago.
    const backups = mkdtempSync(join(tmpdir(), 'inkind-doctor-backups-'))
    writeFileSync(join(backups, 'inkind-2026-01-01T00-00-00Z.db'), '')
    const r = await doctor({
      DATABASE_URL: old.url,
      // Nothing listens there, and https with no TRUST_PROXY.
      PUBLIC_URL: `https://127.0.0.1:${await freePort()}`,
      SMTP_URL: `smtp://inkind:wrong-password@${mailbox.url.slice('smtp://'.length)}`,
      BACKUP_DIR: backups,
      BACKUP_EVERY: '6h',
    })
    expect(r.code).toBe(1)
    for (const check of ['WAL mode', 'migrations', 'backups', 'TRUST_PROXY', 'reachable', 'origins', 'SMTP', 'clock']) {
      expect(r.verdicts[check], `${check} in\n${r.stdout}`).toContain('PROBLEM')
    }
    const behind = knownMigrations()
      .filter((m) => m.tag > '0005_wide_networks')
      .map((m) => m.tag)
    expect(behind.slice(0, 2)).toEqual(['0006_refused_origins', '0007_import'])
    expect(r.stdout).toMatch(new RegExp(`migrations\\s+${behind.length} not applied yet: ${behind.join(', ')}\n`))
    expect(r.stdout).toContain('connection refused')
    expect(r.stdout).toContain('site "lonely" allows no origin')
    expect(r.stdout).toContain('cannot log in to 127.0.0.1')
    expect(r.stdout).toContain('ahead of this machine')
    expect(r.stdout).toMatch(/the newest in .* is \d+ days old, but one is due every 6 h/)
    expect(r.stdout).toMatch(/→ Set TRUST_PROXY=1/)
    expect(r.stdout).toMatch(/\n8 problems/)
    // The doctor changed nothing: the migrations are still pending.
    expect((await doctor({ DATABASE_URL: old.url })).stdout).toContain(`${behind.length} not applied yet`)
  })

  it('says which variable is wrong, and that a database is missing', async () => {
    const bad = await doctor({ PORT: 'eighty' })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/PROBLEM\s+configuration\s+Invalid environment: PORT/)
    const dir = mkdtempSync(join(tmpdir(), 'inkind-doctor-none-'))
    mkdirSync(join(dir, 'data'))
    const missing = await doctor({ DATABASE_URL: `file:${join(dir, 'data/inkind.db')}` })
    expect(missing.stdout).toMatch(/PROBLEM\s+database\s+.*inkind\.db does not exist/)
  })

  it('warns of a filling disk and stops at an almost full one', async () => {
    const probes = (free: number) => ({ disk: async () => ({ free, total: 10 * 1024 ** 3 }) }) as unknown as DoctorProbes
    const input = (free: number) => ({
      config: readConfig({}),
      publicUrlSet: true,
      databaseDir: '/var/lib/inkind',
      migrations: { applied: [], pending: [], unknown: [] },
      probes: probes(free),
    })
    expect((await checkDisk(input(5 * 1024 ** 3)))[0]!.verdict).toBe('ok')
    expect((await checkDisk(input(400 * 1024 ** 2)))[0]).toMatchObject({ verdict: 'warn', message: expect.stringContaining('400 MB free') })
    expect((await checkDisk(input(50 * 1024 ** 2)))[0]).toMatchObject({ verdict: 'problem', message: expect.stringContaining('only 50 MB free') })
  })
})
