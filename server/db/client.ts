import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { PATHS } from '../paths.ts'
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
export async function openDb(url: string, authToken?: string, sync: 'normal' | 'full' = 'normal'): Promise<{ db: Db; close: () => void }> {
  const local = url.startsWith('file:')
  if (local && !url.includes(':memory:')) {
    mkdirSync(dirname(resolve(url.slice('file:'.length))), { recursive: true })
  }
  const client = createClient({ url, authToken, timeout: 5000, concurrency: local ? 1 : undefined })
  if (local) {
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute(`PRAGMA synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`)
  }
  const db = drizzle(client, { schema })
  await migrate(db, { migrationsFolder: MIGRATIONS })
  // The hot statements run on the driver's connection itself (server/db/raw.ts).
  const native = client.protocol === 'file' ? await nativeConnection(client) : undefined
  if (native) runNatively(db, native)
  return { db, close: () => client.close() }
}
