import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type Client, createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { PATHS } from '../paths.ts'
import { DatabaseTooNewError, migrationStatus } from './migration-status.ts'
import { runNatively } from './raw.ts'
import * as schema from './schema.ts'
import { installStatementCache, nativeConnection } from './statement-cache.ts'

installStatementCache()

export type Db = ReturnType<typeof drizzle<typeof schema>>

const MIGRATIONS = PATHS.migrations

/**
 * Opens the database, tunes a local file, and applies the committed migrations.
 *
 * A local file runs in WAL mode (readers never wait for the writer) with a busy
 * timeout, so several server processes can share it, and synchronous=NORMAL:
 * a commit is in the WAL (the OS's page cache) before the 201 goes out, so an
 * acknowledged comment survives the server process being killed at any point;
 * a power cut or kernel crash can lose the last commits before the next
 * checkpoint, never corrupt the file. FULL would fsync every commit and cost
 * most of the write throughput (see README, "Durability"); set
 * DATABASE_SYNC=full to choose it.
 *
 * A local file gets one connection per process. libSQL runs every statement
 * synchronously on the event loop, so more connections add no parallelism; they
 * would only let an open transaction on one connection make another wait on the
 * file lock inside the same thread. Writes that must be atomic go through
 * `db.batch`, which runs start to finish without yielding.
 */
export async function openDb(
  url: string,
  authToken?: string,
  sync: 'normal' | 'full' = 'normal',
  opts: OpenOptions = {},
): Promise<{ db: Db; client: Client; close: () => void }> {
  const local = url.startsWith('file:')
  if (local && !url.includes(':memory:')) {
    mkdirSync(dirname(resolve(url.slice('file:'.length))), { recursive: true })
  }
  const client = createClient({ url, authToken, timeout: 5000, concurrency: local ? 1 : undefined })
  try {
    if (local && opts.migrate !== false) {
      await client.execute('PRAGMA journal_mode = WAL')
      await client.execute(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`)
      // What is deleted or overwritten is zeroed in the file, not left in free pages: an erased reader's address is gone from disk too.
      await client.execute('PRAGMA secure_delete = ON')
    }
    if (opts.observe) observeQueries(client, opts.observe)
    const db = drizzle(client, { schema })
    if (opts.migrate !== false) {
      // A database a newer Inkind migrated is left alone: this code does not know its schema.
      const status = await migrationStatus(client, MIGRATIONS)
      if (status.unknown.length) throw new DatabaseTooNewError(status)
      await migrate(db, { migrationsFolder: MIGRATIONS })
      // The hot statements run on the driver's connection itself (server/db/raw.ts).
      const native = client.protocol === 'file' ? await nativeConnection(client) : undefined
      if (native) runNatively(db, native)
    }
    return { db, client, close: () => client.close() }
  } catch (error) {
    client.close()
    throw error
  }
}

export interface OpenOptions {
  /** false: open as it is, without WAL settings or migrations (the doctor, migrate --dry-run). */
  migrate?: boolean
  /** Told the duration of every round trip (metrics). */
  observe?: (op: 'execute' | 'batch', seconds: number) => void
}

function observeQueries(client: Client, observe: NonNullable<OpenOptions['observe']>) {
  for (const op of ['execute', 'batch'] as const) {
    const original = client[op].bind(client) as (...args: unknown[]) => Promise<unknown>
    Object.assign(client, {
      [op]: async (...args: unknown[]) => {
        const start = performance.now()
        try {
          return await original(...args)
        } finally {
          observe(op, (performance.now() - start) / 1000)
        }
      },
    })
  }
}
