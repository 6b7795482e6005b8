/** Start-up only: read the environment, open the database, serve. */
import { Server as HttpServer } from 'node:http'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { openDb } from './db/client.ts'
import { bootstrapOwner } from './domain/admin/bootstrap-owner.ts'
import { createCaches } from './domain/caches.ts'
import type { Ctx } from './domain/context.ts'
import { savePublicUrl } from './domain/instance/public-url.ts'
import { ConfigError, readConfig } from './env.ts'
import { gracefulClose } from './graceful-close.ts'
import { pageFetcher } from './outbound/fetch-page.ts'
import { guardedFetch } from './outbound/guarded-fetch.ts'
import { smtpTransport, startOutboxWorker } from './outbox-worker.ts'
import { PATHS } from './paths.ts'
import { seedDemoSite } from './seed-demo.ts'

async function main() {
  const config = readConfig()
  const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken, config.databaseSync)
  const outbound = { allowPrivate: config.webhooksAllowPrivate }
  const ctx: Ctx = { db, clock: () => new Date(), caches: createCaches(), canEmail: Boolean(config.smtpUrl), pages: pageFetcher(), outbound }
  const seeded = await seedDemoSite(ctx, config.publicUrl)
  await savePublicUrl(ctx, config.publicUrl)
  const owner = await bootstrapOwner(ctx, config.admin)
  const app = createApp({
    ...ctx,
    config,
    logRequests: config.logRequests,
    assets: { distDir: PATHS.dist, demoDir: PATHS.demo, i18nDir: PATHS.i18n, live: config.dev },
  })

  const worker = startOutboxWorker(
    ctx,
    { sendMail: smtpTransport(config.smtpUrl, config.smtpFrom), fetch: guardedFetch(outbound) },
    { retryBaseMs: config.outboxRetryBaseMs },
  )
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
    closeServer().then(async () => {
      await worker.stop()
      close()
      process.exit(0)
    })
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
