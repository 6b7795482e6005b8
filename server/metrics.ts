/**
 * What /metrics tells Prometheus (prom-client), for this process: requests by
 * route pattern and status, their latency, comments and the rewards their
 * answers carried, rate-limit refusals, database latency, scheduled backups;
 * and, read from the database at each scrape, the outbox's backlog and
 * failures. Made only when metrics are switched on (METRICS_TOKEN or
 * METRICS_PORT); otherwise nothing is counted at all.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { Ctx } from './domain/context.ts'
import { outboxBacklog } from './domain/events/outbox-backlog.ts'

export type Metrics = ReturnType<typeof createMetrics>

export function createMetrics() {
  const registry = new Registry()
  const registers = [registry]
  // Process figures: CPU, RSS, heap, event-loop lag, GC (process_*, nodejs_*).
  collectDefaultMetrics({ register: registry })
  let outboxCtx: Ctx | undefined

  const metrics = {
    registry,
    httpRequests: new Counter({
      name: 'inkind_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern (never the raw path) and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'inkind_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being ready, by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    comments: new Counter({
      name: 'inkind_comments_posted_total',
      help: 'Comments accepted by this process, by status: published, or pending (held for a moderator, or caught as spam).',
      labelNames: ['status'] as const,
      registers,
    }),
    rewards: new Counter({
      name: 'inkind_comment_rewards_total',
      help: 'Rewards in the answers to new comments, by status: issued (shown), sent (emailed), pending (held), already (the reader had one).',
      labelNames: ['status'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'inkind_rate_limited_total',
      help: 'Requests refused with 429 (a rate limit or a busy password check), by route pattern.',
      labelNames: ['route'] as const,
      registers,
    }),
    dbDuration: new Histogram({
      name: 'inkind_db_query_duration_seconds',
      help: 'Database round trips, by kind: execute (one statement) or batch (one transaction of several).',
      labelNames: ['op'] as const,
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    backups: new Counter({
      name: 'inkind_backups_total',
      help: 'Scheduled backups this process made, by result: ok or failed.',
      labelNames: ['result'] as const,
      registers,
    }),
    lastBackup: new Gauge({
      name: 'inkind_backup_last_success_timestamp_seconds',
      help: 'When the last scheduled backup of this process was written (Unix time).',
      registers,
    }),
    outbox: new Gauge({
      name: 'inkind_outbox_messages',
      help: 'Emails and webhook calls in the outbox (all processes), by status: pending (not yet delivered, the backlog) or failed (gave up).',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        if (!outboxCtx) return
        const backlog = await outboxBacklog(outboxCtx)
        this.set({ status: 'pending' }, backlog.pending)
        this.set({ status: 'failed' }, backlog.failed)
        // Registered after this gauge, so written out after it, with this scrape's figure.
        metrics.outboxOldest.set(backlog.oldestPendingSeconds)
      },
    }),
    outboxOldest: new Gauge({
      name: 'inkind_outbox_oldest_pending_seconds',
      help: 'Age of the oldest message still waiting for delivery (0: none waits).',
      registers,
    }),
    /** The database the outbox figures are read from at each scrape. */
    watchOutbox(ctx: Ctx) {
      outboxCtx = ctx
    },
    /** For openDb's observe hook. */
    observeQuery(op: string, seconds: number) {
      metrics.dbDuration.observe({ op }, seconds)
    },
  }
  return metrics
}
