/**
 * Reuses prepared statements in the native libSQL driver.
 *
 * @libsql/client prepares every statement it executes, and the `libsql`
 * driver under it (0.4 to 0.5.29 at least) never frees a prepared statement's
 * native memory: 3 to 11 KB per query, even after a full GC. A server would
 * grow by hundreds of megabytes per hour under load. Drizzle always sends the
 * same SQL text with the values bound separately, so caching statements by
 * their text bounds that memory by the number of distinct statements (a few
 * hundred) and saves the prepare on every call (a fifth of a request's CPU).
 *
 * Safe because the driver is synchronous: a statement runs to completion
 * (all/run) before anything else can use it; the client sets raw and
 * safeIntegers modes on every use. Remove when the driver frees statements.
 */
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Client } from '@libsql/client'

const MAX_STATEMENTS = 1000

interface Prepared {
  raw(toggle?: boolean): unknown
}
type Prepare = (this: object, sql: string) => Prepared

let installed = false

/** Told each distinct SQL text the first time it is prepared: lets a test check every query's plan. */
export const firstPrepares = new Set<(sql: string) => void>()

/** Probe statements being looked for (nativeConnection), by their SQL text. */
const probes = new Map<string, (connection: object) => void>()

export function installStatementCache() {
  if (installed) return
  installed = true
  // The very module @libsql/client loads, resolved from its own location.
  const require = createRequire(createRequire(import.meta.url).resolve('@libsql/client'))
  const Database = require('libsql') as { prototype: { prepare: Prepare } }
  const prepare = Database.prototype.prepare
  const caches = new WeakMap<object, Map<string, Prepared>>()
  Database.prototype.prepare = function (sql: string) {
    if (probes.size) probes.get(sql)?.(this)
    let cache = caches.get(this)
    if (!cache) {
      cache = new Map()
      caches.set(this, cache)
    }
    const hit = cache.get(sql)
    if (hit) {
      // Keep recently used statements at the end; evict from the front.
      cache.delete(sql)
      cache.set(sql, hit)
      return hit
    }
    const statement = prepare.call(this, sql)
    for (const observe of firstPrepares) observe(sql)
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
    cache.set(sql, statement)
    return statement
  }
}

/**
 * The driver's connection under a local-file client (which has exactly one:
 * concurrency 1, server/db/client.ts): the connection that prepares a probe
 * statement sent through the client. server/db/raw.ts runs the hot batches on
 * it directly, without the client's per-statement work.
 */
export async function nativeConnection(client: Client): Promise<object | undefined> {
  installStatementCache()
  const probe = `select 'inkind:connection:${randomUUID()}'`
  let found: object | undefined
  probes.set(probe, (connection) => {
    found = connection
  })
  try {
    await client.execute(probe)
  } finally {
    probes.delete(probe)
  }
  return found
}
