/** Start-up only: read the environment, open the database, serve. */
import { Server as HttpServer } from 'node:http'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { startBackups } from './backup-worker.ts'
import { openDb } from './db/client.ts'
import { DatabaseTooNewError } from './db/migration-status.ts'
import { bootstrapOwner } from './domain/admin/bootstrap-owner.ts'
import { createCaches } from './domain/caches.ts'
import type { Ctx } from './domain/context.ts'
import { savePublicUrl } from './domain/instance/public-url.ts'
import { ConfigError, readConfig } from './env.ts'
import { gracefulClose } from './graceful-close.ts'
import { metricsListener } from './http/metrics.ts'
import { pageFetcher } from './outbound/fetch-page.ts'
import { guardedFetch } from './outbound/guarded-fetch.ts'
import { smtpTransport, startOutboxWorker } from './outbox-worker.ts'
import { PATHS } from './paths.ts'
import { seedDemoSite } from './seed-demo.ts'

async function main() {
  const config = readConfig()
  // Metrics only when asked for (METRICS_TOKEN or METRICS_PORT); otherwise nothing is counted, and prom-client
  // is not even loaded (about 10 MB of RSS).
  const metrics = config.metricsToken || config.metricsPort ? (await import('./metrics.ts')).createMetrics() : undefined
  const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken, config.databaseSync, { observe: metrics?.observeQuery })
  const outbound = { allowPrivate: config.webhooksAllowPrivate }
  const ctx: Ctx = {
    db,
    clock: () => new Date(),
    caches: createCaches(),
    canEmail: Boolean(config.smtpUrl),
    pages: pageFetcher(),
    outbound,
    publicUrl: config.publicUrl,
  }
  const seeded = await seedDemoSite(ctx, config.publicUrl)
  await savePublicUrl(ctx, config.publicUrl)
  const owner = await bootstrapOwner(ctx, config.admin)
  const app = createApp({
    ...ctx,
    config,
    logRequests: config.logRequests,
    metrics,
    metricsToken: config.metricsToken,
    assets: { distDir: PATHS.dist, demoDir: PATHS.demo, i18nDir: PATHS.i18n, live: config.dev },
  })

  const worker = startOutboxWorker(
    ctx,
    { sendMail: smtpTransport(config.smtpUrl, config.smtpFrom), fetch: guardedFetch(outbound) },
    { retryBaseMs: config.outboxRetryBaseMs },
  )
  const backups = config.backup ? startBackups(ctx, config.backup, metrics) : undefined
  metrics?.watchOutbox(ctx)
  // A second listener for a Prometheus on this machine: loopback only, no token.
  const metricsServer =
    metrics && config.metricsPort ? serve({ fetch: metricsListener(metrics).fetch, port: config.metricsPort, hostname: '127.0.0.1' }) : undefined
  metricsServer?.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `METRICS_PORT ${config.metricsPort} on 127.0.0.1 is already in use.` : error.message)
    process.exit(1)
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`
    console.log(
      [
        `Inkind is running on ${url}`,
        `  demo blog post   ${url}/`,
        `  widget           ${url}/widget.js`,
        `  admin            ${url}/admin`,
        `  health           ${url}/healthz`,
        `  database         ${config.databaseUrl}${seeded ? ' (created the demo site)' : ''}`,
        ...(config.backup ? [`  backups          ${config.backup.dir} (every ${config.backup.everyMs / 1000} s, the newest ${config.backup.keep} kept)`] : []),
        ...(metrics
          ? [
              `  metrics          ${[config.metricsToken && `${url}/metrics (bearer token)`, config.metricsPort && `http://127.0.0.1:${config.metricsPort}/metrics`].filter(Boolean).join(', ')}`,
            ]
          : []),
      ].join('\n'),
    )
    if (owner?.action === 'generated') {
      console.log(
        [
          '',
          'Created the owner account for the admin (this password is shown once):',
          `  email     ${owner.email}`,
          `  password  ${owner.password}`,
          'Change it with INKIND_ADMIN_EMAIL/INKIND_ADMIN_PASSWORD, or: npm run inkind -- admin add <email> --role owner',
        ].join('\n'),
      )
    } else if (owner) {
      console.log(`  owner account    ${owner.email} (${owner.action} from INKIND_ADMIN_EMAIL)`)
    }
  })

  // Slow or half-sent requests hold a socket and a buffer each: bound both.
  server.maxConnections = config.maxConnections
  if (server instanceof HttpServer) {
    server.requestTimeout = config.requestTimeoutMs
    server.headersTimeout = Math.min(config.requestTimeoutMs, 20_000)
  }

  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${config.port} on ${config.host} is already in use. Stop the other server or start with PORT=<another port>.`
        : error.message,
    )
    close()
    process.exit(1)
  })

  // Stop taking connections, answer the requests in flight (idle keep-alive sockets closed at once), then close the database.
  const closeServer = gracefulClose(server as HttpServer)
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: shutting down`)
    metricsServer?.close()
    closeServer().then(async () => {
      await Promise.all([worker.stop(), backups?.stop()])
      close()
      process.exit(0)
    })
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DatabaseTooNewError ? error.message : error)
  process.exit(1)
})
