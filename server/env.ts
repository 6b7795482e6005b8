/**
 * The only reader of process.env. Everything the server can be told comes
 * through here, parsed once; a bad value stops start-up naming the variable.
 */
import { z } from 'zod'

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|libsql:|https?:|wss?:)/, 'file:…, libsql://…, http(s):// or ws(s)://')
      .default('file:./data/inkind.db'),
    DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
    DATABASE_SYNC: z.enum(['normal', 'full']).default('normal'),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    SMTP_FROM: z.email().optional(),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|yes|no|\d{1,2})$/, 'true, false, or how many proxies of ours stand in front (1, 2, …)')
      .default('false')
      .transform((v) => (v === 'true' || v === 'yes' ? 1 : v === 'false' || v === 'no' ? 0 : Number(v))),
    WEBHOOKS_ALLOW_PRIVATE: flag,
    LOG_REQUESTS: z
      .enum(['1', '0', 'true', 'false'])
      .default('1')
      .transform((v) => v === '1' || v === 'true'),
    INKIND_DEV: flag,
    MAX_CONNECTIONS: z.coerce.number().int().min(10).max(1_000_000).default(1000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    INKIND_ADMIN_EMAIL: z.email().optional(),
    INKIND_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters (e.g. openssl rand -hex 24)').optional(),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_EVERY: z
      .string()
      .regex(/^\d+(s|m|h|d)$/, 'a number and a unit: 30m, 6h, 1d')
      .default('6h')
      .transform(durationMs)
      .pipe(z.number().min(1000, 'at least 1s')),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(28),
  })
  .refine((e) => !e.INKIND_ADMIN_PASSWORD || e.INKIND_ADMIN_EMAIL, {
    path: ['INKIND_ADMIN_EMAIL'],
    message: 'is needed with INKIND_ADMIN_PASSWORD',
  })
  .refine((e) => !e.BACKUP_DIR || e.DATABASE_URL.startsWith('file:'), {
    path: ['BACKUP_DIR'],
    message: 'backs up a local database file only; a libSQL server (DATABASE_URL libsql://…) has backups of its own',
  })
  .refine((e) => !e.METRICS_PORT || e.METRICS_PORT !== e.PORT, { path: ['METRICS_PORT'], message: 'must differ from PORT' })

/** "30m", "6h", "1d" in milliseconds. */
function durationMs(text: string): number {
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[text.slice(-1) as 's' | 'm' | 'h' | 'd']
  return Number(text.slice(0, -1)) * unit
}

export interface Config {
  port: number
  host: string
  /** Where readers reach this server; the demo site's allowed origin. */
  publicUrl: string
  databaseUrl: string
  databaseAuthToken: string | undefined
  /** A local file's durability: normal survives a killed process, full also a power cut (slower writes). */
  databaseSync: 'normal' | 'full'
  smtpUrl: string | undefined
  /** The sender address of reward emails. */
  smtpFrom: string
  /** How many proxies of ours stand in front (0: none; believe no forwarded header). */
  trustProxy: number
  /** Webhooks may go to loopback and private networks (internal receivers, tests); off: public addresses only. */
  webhooksAllowPrivate: boolean
  /** Open connections the server takes at once; past it new ones are closed (a flood of slow clients cannot exhaust memory). */
  maxConnections: number
  /** A request must arrive whole (headers and body) within this. */
  requestTimeoutMs: number
  /** npm run dev: the built front ends are read at every request, as the watchers rebuild them. */
  dev: boolean
  /** One JSON line per request on stdout. */
  logRequests: boolean
  /** First retry delay of an email or webhook delivery; doubles per attempt up to an hour. */
  outboxRetryBaseMs: number
  admin: { email: string; password: string | undefined } | undefined
  /** Bearer token for GET /metrics on the main server; without it (and without metricsPort) there are no metrics. */
  metricsToken: string | undefined
  /** A second listener on 127.0.0.1 that answers /metrics without a token (for a Prometheus on the same machine). */
  metricsPort: number | undefined
  /** Scheduled online backups of a local database file: where, how often, how many to keep. */
  backup: { dir: string; everyMs: number; keep: number } | undefined
}

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable is an unset one: `PORT= npm start` should not fail.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const parsed = Env.safeParse(set)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const hostForUrl = e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: new URL(e.PUBLIC_URL ?? `http://${hostForUrl}:${e.PORT}`).origin,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    databaseSync: e.DATABASE_SYNC,
    smtpUrl: e.SMTP_URL,
    smtpFrom:
      e.SMTP_FROM ?? `no-reply@${new URL(e.PUBLIC_URL ?? 'http://inkind.localhost').hostname.replace(/^\[|\]$/g, '').replace(/^[\d.:]+$/, 'inkind.localhost')}`,
    trustProxy: e.TRUST_PROXY,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE,
    outboxRetryBaseMs: e.OUTBOX_RETRY_BASE_MS,
    maxConnections: e.MAX_CONNECTIONS,
    dev: e.INKIND_DEV,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    logRequests: e.LOG_REQUESTS,
    admin: e.INKIND_ADMIN_EMAIL ? { email: e.INKIND_ADMIN_EMAIL, password: e.INKIND_ADMIN_PASSWORD } : undefined,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    backup: e.BACKUP_DIR ? { dir: e.BACKUP_DIR, everyMs: e.BACKUP_EVERY, keep: e.BACKUP_KEEP } : undefined,
  }
}
