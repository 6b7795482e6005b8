/**
 * `npm run inkind -- doctor`: is this configuration ready to serve readers?
 * Each check says, in plain words, what it found and, when something is
 * wrong, what to do. The checks know nothing of HTTP, SMTP or the file
 * system: what they need to look at the world is handed in (DoctorProbes,
 * server/outbound/doctor-probes.ts), so each can be tried on a made-up world.
 */
import { sql, TransactionRollbackError } from 'drizzle-orm'
import type { Config } from '../../env.ts'
import type { Ctx } from '../context.ts'

export type Verdict = 'ok' | 'warn' | 'problem'

export interface Finding {
  check: string
  verdict: Verdict
  /** What was found. */
  message: string
  /** What to do about it. */
  fix?: string
}

export interface MigrationsFound {
  applied: { tag: string }[]
  pending: { tag: string }[]
  unknown: { date: string }[]
}

/** How the doctor looks at the world outside the database. */
export interface DoctorProbes {
  /** GET the URL; the status, the body and the answer's headers (lowercase), or a plain reason it failed. */
  get(url: string): Promise<{ status: number; body: string; headers: Record<string, string>; ms: number } | { failed: string }>
  /** Logs in to the SMTP server of SMTP_URL; a plain reason when it cannot. */
  smtpLogin(): Promise<{ failed: string } | undefined>
  /** Free and total bytes of the file system that holds `path` (or its nearest existing parent). */
  disk(path: string): Promise<{ free: number; total: number }>
  /** Whether a file can be written (and removed) in `dir`: a plain reason when not, `missing` when there is no such folder. */
  writable(dir: string): Promise<{ failed: string } | { missing: true } | undefined>
  /** Scheduled backups in `dir`, oldest first. */
  backups(dir: string): { at: Date }[]
}

export interface DoctorInput {
  config: Config
  /** PUBLIC_URL was set (not derived from HOST and PORT). */
  publicUrlSet: boolean
  /** The database file's folder, for a local database. */
  databaseDir: string | undefined
  migrations: MigrationsFound
  probes: DoctorProbes
}

const MB = 1024 * 1024
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/

const mb = (bytes: number) => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`
const ago = (ms: number) =>
  ms < 90_000
    ? `${Math.round(ms / 1000)} s`
    : ms < 5_400_000
      ? `${Math.round(ms / 60_000)} min`
      : ms < 172_800_000
        ? `${Math.round(ms / 3_600_000)} h`
        : `${Math.round(ms / 86_400_000)} days`

async function rows<T>(ctx: Ctx, query: ReturnType<typeof sql>): Promise<T[] | undefined> {
  try {
    return (await ctx.db.all(query)) as T[]
  } catch {
    return undefined
  }
}

export async function checkDatabase(ctx: Ctx, input: Pick<DoctorInput, 'config'>): Promise<Finding[]> {
  const found: Finding[] = []
  try {
    // A write that is rolled back: proves the file (or server) takes writes without changing anything.
    await ctx.db.transaction(async (tx) => {
      await tx.run(sql`insert into instance (key, value) values ('doctor-probe', 'x') on conflict (key) do update set value = excluded.value`)
      tx.rollback()
    })
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) {
      const message = String((error as Error).message ?? error)
      found.push({
        check: 'database',
        verdict: 'problem',
        message: `${input.config.databaseUrl} does not take writes: ${message.split('\n')[0]}`,
        fix: 'The server runs as its own user: the database file, its folder and the -wal and -shm files beside it must be writable by that user (with the systemd unit, they live in /var/lib/inkind).',
      })
      return found
    }
  }
  found.push({ check: 'database', verdict: 'ok', message: `${input.config.databaseUrl} opens and takes writes` })
  if (input.config.databaseUrl.startsWith('file:')) {
    const mode = (await rows<{ journal_mode: string }>(ctx, sql`pragma journal_mode`))?.[0]?.journal_mode
    found.push(
      mode === 'wal'
        ? { check: 'WAL mode', verdict: 'ok', message: 'on: readers never wait for the writer, and several processes can share the file' }
        : {
            check: 'WAL mode',
            verdict: 'problem',
            message: `off (journal mode "${mode}")`,
            fix: 'The server turns WAL on when it starts: start it once (systemctl restart inkind). If it stays off, the file is on a file system without shared memory (a network share): move it to a local disk.',
          },
    )
  }
  return found
}

export function checkMigrations(input: Pick<DoctorInput, 'migrations'>): Finding[] {
  const m = input.migrations
  if (m.unknown.length) {
    return [
      {
        check: 'migrations',
        verdict: 'problem',
        message: `the database has ${m.unknown.length} migration(s) this code does not know (the newest from ${m.unknown.at(-1)!.date}): a newer Inkind ran on it`,
        fix: 'Run the newer version (check out the release you upgraded to, npm ci, npm run build), or restore the backup made before the upgrade. This version refuses to start on it.',
      },
    ]
  }
  if (m.pending.length) {
    return [
      {
        check: 'migrations',
        verdict: 'problem',
        message: `${m.pending.length} not applied yet: ${m.pending.map((p) => p.tag).join(', ')}`,
        fix: 'They are applied when the server starts: restart it (systemctl restart inkind). To see them first: npm run inkind -- migrate --dry-run.',
      },
    ]
  }
  return [{ check: 'migrations', verdict: 'ok', message: `all ${m.applied.length} applied (the newest: ${m.applied.at(-1)?.tag ?? 'none'})` }]
}

export async function checkSites(ctx: Ctx): Promise<Finding[]> {
  const sites = await rows<{ id: string; origins: string }>(ctx, sql`select id, origins from sites order by id`)
  if (!sites?.length) {
    return [
      {
        check: 'sites',
        verdict: 'problem',
        message: 'no site yet: no blog can show the widget',
        fix: 'npm run inkind -- site add <id> --name "My Blog" --origin https://blog.example.com',
      },
    ]
  }
  const found: Finding[] = []
  for (const site of sites) {
    let origins: string[] = []
    try {
      origins = JSON.parse(site.origins) as string[]
    } catch {}
    if (!origins.length) {
      found.push({
        check: 'origins',
        verdict: 'problem',
        message: `site "${site.id}" allows no origin: its widget is refused on every page`,
        fix: `npm run inkind -- site add ${site.id} --origin https://your.blog (the address your blog's pages are on)`,
      })
      continue
    }
    const plain = origins.filter((o) => o.startsWith('http://') && !LOOPBACK.test(new URL(o.replace('*.', 'x.')).hostname))
    found.push(
      plain.length
        ? {
            check: 'origins',
            verdict: 'warn',
            message: `site "${site.id}" allows ${plain.join(', ')} over plain http`,
            fix: 'If the blog is served over https, allow its https:// origin (admin → Settings → Allowed origins) and remove the http one.',
          }
        : { check: 'origins', verdict: 'ok', message: `site "${site.id}": ${origins.join(', ')}` },
    )
  }
  return found
}

export async function checkAdmin(ctx: Ctx): Promise<Finding[]> {
  const owners = await rows<{ n: number }>(ctx, sql`select count(*) as n from admin_users where role = 'owner'`)
  return owners?.[0]?.n
    ? [{ check: 'admin', verdict: 'ok', message: `${owners[0].n} owner account(s)` }]
    : [
        {
          check: 'admin',
          verdict: 'warn',
          message: 'no owner account yet: nobody can log in to /admin',
          fix: 'Start the server once with INKIND_ADMIN_EMAIL and INKIND_ADMIN_PASSWORD set, or: npm run inkind -- admin add you@example.com --role owner',
        },
      ]
}

export async function checkPublicUrl(input: DoctorInput): Promise<{ findings: Finding[]; serverDate?: Date }> {
  const { config, probes } = input
  const url = new URL(config.publicUrl)
  const found: Finding[] = []
  const local = LOOPBACK.test(url.hostname)
  if (!input.publicUrlSet) {
    found.push({
      check: 'public URL',
      verdict: local ? 'warn' : 'problem',
      message: `PUBLIC_URL is not set; the server takes ${config.publicUrl} from HOST and PORT`,
      fix: 'Set PUBLIC_URL to the https address readers reach this server at, e.g. PUBLIC_URL=https://comments.example.com',
    })
  } else if (url.protocol !== 'https:' && !local) {
    found.push({
      check: 'public URL',
      verdict: 'problem',
      message: `${config.publicUrl} is plain http: browsers will not load the widget from it on an https blog, and the admin's cookie is not protected`,
      fix: 'Put Caddy or nginx in front with TLS (README: Run it on your server) and set PUBLIC_URL=https://…',
    })
  }
  if (url.protocol === 'https:' && config.trustProxy === 0) {
    found.push({
      check: 'TRUST_PROXY',
      verdict: 'problem',
      message:
        'PUBLIC_URL is https, so a proxy terminates TLS in front of this server, but TRUST_PROXY is not set: every reader looks like the proxy (one network for rate limits and farming controls)',
      fix: 'Set TRUST_PROXY=1 (one proxy of yours in front: Caddy or nginx on the same machine)',
    })
  }
  const answer = await probes.get(`${config.publicUrl}/healthz`)
  if ('failed' in answer) {
    found.push({
      check: 'reachable',
      verdict: 'problem',
      message: `${config.publicUrl}/healthz did not answer: ${answer.failed}`,
      fix: local
        ? 'Is the server running on that address (systemctl status inkind)?'
        : 'Is the server running (systemctl status inkind), is Caddy or nginx running in front of it, does the name resolve to this machine (DNS), and is its certificate valid?',
    })
    return { findings: found }
  }
  let ok = false
  try {
    ok = answer.status === 200 && (JSON.parse(answer.body) as { ok?: boolean }).ok === true
  } catch {}
  if (!ok) {
    found.push({
      check: 'reachable',
      verdict: 'problem',
      message: `${config.publicUrl}/healthz answered ${answer.status}, not Inkind's health answer`,
      fix: 'Something else answers at that address: check the proxy forwards to this server (reverse_proxy / proxy_pass 127.0.0.1:PORT).',
    })
  } else {
    found.push({ check: 'reachable', verdict: 'ok', message: `${config.publicUrl}/healthz answers (${Math.round(answer.ms)} ms)` })
    if (url.protocol === 'https:' && !answer.headers['strict-transport-security']) {
      found.push({
        check: 'HSTS',
        verdict: 'warn',
        message: 'the https answer carries no Strict-Transport-Security header',
        fix: 'The server sends it when the proxy says the request came over https: the proxy must set X-Forwarded-Proto, and TRUST_PROXY must be set.',
      })
    }
  }
  const date = answer.headers.date ? new Date(answer.headers.date) : undefined
  return { findings: found, serverDate: date && !Number.isNaN(date.getTime()) ? date : undefined }
}

export async function checkSmtp(input: DoctorInput): Promise<Finding[]> {
  if (!input.config.smtpUrl) {
    return [
      {
        check: 'SMTP',
        verdict: 'warn',
        message: 'SMTP_URL is not set: codes are only shown in the widget; rewards that wait (moderation, pools, farming controls) cannot reach readers',
        fix: 'Set SMTP_URL=smtp://user:password@smtp.example.com:587 (your mail provider’s SMTP login)',
      },
    ]
  }
  const host = new URL(input.config.smtpUrl).host
  const failed = await input.probes.smtpLogin()
  return failed
    ? [
        {
          check: 'SMTP',
          verdict: 'problem',
          message: `cannot log in to ${host}: ${failed.failed}`,
          fix: 'Check the host, port, user and password in SMTP_URL (special characters in the password must be percent-encoded, e.g. @ as %40).',
        },
      ]
    : [{ check: 'SMTP', verdict: 'ok', message: `logged in to ${host}; mails go from ${input.config.smtpFrom}` }]
}

export async function checkDisk(input: DoctorInput): Promise<Finding[]> {
  const found: Finding[] = []
  const places: [string, string][] = []
  if (input.databaseDir) places.push(['database', input.databaseDir])
  if (input.config.backup) places.push(['backups', input.config.backup.dir])
  for (const [what, dir] of places) {
    const { free, total } = await input.probes.disk(dir)
    const share = total ? free / total : 1
    found.push(
      free < 200 * MB
        ? {
            check: 'disk space',
            verdict: 'problem',
            message: `${what} (${dir}): only ${mb(free)} free`,
            fix: 'Free some space: the database stops taking comments when the disk is full.',
          }
        : free < 1024 * MB || share < 0.05
          ? {
              check: 'disk space',
              verdict: 'warn',
              message: `${what} (${dir}): ${mb(free)} free (${Math.round(share * 100)}%)`,
              fix: 'Free some space before it runs out.',
            }
          : { check: 'disk space', verdict: 'ok', message: `${what} (${dir}): ${mb(free)} free (${Math.round(share * 100)}%)` },
    )
  }
  return found
}

export async function checkBackups(ctx: Ctx, input: DoctorInput): Promise<Finding[]> {
  const b = input.config.backup
  if (!b) {
    return input.databaseDir
      ? [
          {
            check: 'backups',
            verdict: 'warn',
            message: 'no scheduled backups (BACKUP_DIR is not set)',
            fix: 'Set BACKUP_DIR=/var/lib/inkind/backups (and BACKUP_EVERY=6h, BACKUP_KEEP=28), or copy npm run inkind -- backup <file> into a cron job',
          },
        ]
      : []
  }
  const failed = await input.probes.writable(b.dir)
  if (failed && 'missing' in failed) {
    return [
      {
        check: 'backups',
        verdict: 'warn',
        message: `BACKUP_DIR ${b.dir} does not exist yet`,
        fix: 'The server creates it at its first backup, if its user may: with the systemd unit, use a folder in /var/lib/inkind (or add yours to ReadWritePaths).',
      },
    ]
  }
  if (failed)
    return [
      {
        check: 'backups',
        verdict: 'problem',
        message: `cannot write to BACKUP_DIR ${b.dir}: ${failed.failed}`,
        fix: 'Create the folder and let the server’s user write to it (with the systemd unit: a folder in /var/lib/inkind).',
      },
    ]
  const newest = input.probes.backups(b.dir).at(-1)
  const age = newest ? ctx.clock().getTime() - newest.at.getTime() : undefined
  if (age === undefined)
    return [
      {
        check: 'backups',
        verdict: 'warn',
        message: `none in ${b.dir} yet`,
        fix: 'The server makes the first one when it starts with BACKUP_DIR set: restart it.',
      },
    ]
  if (age > 2 * b.everyMs + 60_000) {
    return [
      {
        check: 'backups',
        verdict: 'problem',
        message: `the newest in ${b.dir} is ${ago(age)} old, but one is due every ${ago(b.everyMs)}`,
        fix: 'Is the server running? Its log says why a backup failed: journalctl -u inkind | grep backup',
      },
    ]
  }
  return [{ check: 'backups', verdict: 'ok', message: `the newest in ${b.dir} is ${ago(age)} old (one every ${ago(b.everyMs)}, ${b.keep} kept)` }]
}

/** The clock must not run behind what the database already holds, nor far from the public server's. */
export async function checkClock(ctx: Ctx, input: { serverDate?: Date; newestMigration?: number }): Promise<Finding[]> {
  const now = ctx.clock()
  if (input.newestMigration && now.getTime() < input.newestMigration - 86_400_000) {
    return [
      {
        check: 'clock',
        verdict: 'problem',
        message: `this machine says it is ${now.toISOString()}, before this version of Inkind was written`,
        fix: 'Set the clock: timedatectl set-ntp true',
      },
    ]
  }
  const newest = await rows<{ at: string | null }>(
    ctx,
    sql`select max(at) as at from (select (select created_at from comments order by id desc limit 1) as at
        union all select (select at from audit_log order by id desc limit 1)
        union all select (select created_at from rewards order by id desc limit 1))`,
  )
  const stored = newest?.[0]?.at ? new Date(newest[0].at) : undefined
  if (stored && stored.getTime() - now.getTime() > 5 * 60_000) {
    return [
      {
        check: 'clock',
        verdict: 'problem',
        message: `the database holds a record from ${stored.toISOString()}, ${ago(stored.getTime() - now.getTime())} ahead of this machine's clock (${now.toISOString()}): the clock went back`,
        fix: 'Set the clock (timedatectl set-ntp true): codes expire and rate limits count by it.',
      },
    ]
  }
  if (input.serverDate && Math.abs(input.serverDate.getTime() - now.getTime()) > 2 * 60_000) {
    return [
      {
        check: 'clock',
        verdict: 'warn',
        message: `the public server's clock says ${input.serverDate.toISOString()}, this machine's ${now.toISOString()}`,
        fix: 'Keep both on NTP (timedatectl set-ntp true).',
      },
    ]
  }
  return [{ check: 'clock', verdict: 'ok', message: `${now.toISOString()}${input.serverDate ? ', agrees with the public server' : ''}` }]
}

/** Every check, in the order an owner fixes things. */
export async function runDoctor(ctx: Ctx, input: DoctorInput & { newestMigration?: number }): Promise<Finding[]> {
  const publicUrl = await checkPublicUrl(input)
  return [
    ...(await checkDatabase(ctx, input)),
    ...checkMigrations(input),
    ...(await checkDisk(input)),
    ...(await checkBackups(ctx, input)),
    ...publicUrl.findings,
    ...(await checkSites(ctx)),
    ...(await checkAdmin(ctx)),
    ...(await checkSmtp(input)),
    ...(await checkClock(ctx, { serverDate: publicUrl.serverDate, newestMigration: input.newestMigration })),
  ]
}
