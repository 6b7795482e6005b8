/**
 * Which of the committed migrations (server/db/migrations, drizzle-kit's
 * journal) a database has, which it still needs, and whether it was moved on
 * by a newer version of Inkind. Drizzle's migrator applies every migration
 * newer than the newest one recorded in __drizzle_migrations; this reads the
 * same table the same way, so "pending" is exactly what the next start applies.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Client } from '@libsql/client'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { PATHS } from '../paths.ts'

export interface Migration {
  tag: string
  /** The journal's timestamp: drizzle's identity of a migration. */
  when: number
  /** When it was written, for people. */
  date: string
  statements: number
}

export interface MigrationStatus {
  applied: Migration[]
  pending: Migration[]
  /** Recorded in the database but unknown to this code, newer than its newest: a newer Inkind ran here. */
  unknown: { when: number; date: string }[]
}

/** The migrations this code ships, oldest first. */
export function knownMigrations(folder = PATHS.migrations): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] }
  const files = readMigrationFiles({ migrationsFolder: folder })
  return journal.entries.map((e, i) => ({
    tag: e.tag,
    when: e.when,
    date: new Date(e.when).toISOString(),
    statements: files[i]?.sql.filter((s) => s.trim()).length ?? 0,
  }))
}

export async function migrationStatus(client: Client, folder = PATHS.migrations): Promise<MigrationStatus> {
  const known = knownMigrations(folder)
  const table = await client.execute("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
  const recorded = table.rows.length
    ? (await client.execute('select created_at from __drizzle_migrations order by created_at')).rows.map((r) => Number(r[0]))
    : []
  const last = recorded.length ? Math.max(...recorded) : -1
  const newestKnown = known.length ? known[known.length - 1]!.when : -1
  return {
    applied: known.filter((m) => m.when <= last),
    pending: known.filter((m) => m.when > last),
    unknown: recorded.filter((w) => w > newestKnown).map((when) => ({ when, date: new Date(when).toISOString() })),
  }
}

/** The database was migrated by a newer Inkind than this one: running on it could break it. */
export class DatabaseTooNewError extends Error {
  constructor(readonly status: MigrationStatus) {
    const latest = status.unknown[status.unknown.length - 1]!
    super(
      [
        `This database was upgraded by a newer version of Inkind: it has ${status.unknown.length} migration${status.unknown.length === 1 ? '' : 's'} this version does not know`,
        `(the newest from ${latest.date}; this version knows migrations up to ${status.applied[status.applied.length - 1]?.tag ?? 'none'}).`,
        'Starting on it could damage your data, so Inkind stops here. Either run the newer version again',
        '(git checkout the release you upgraded to, npm ci, npm run build), or restore the backup made before the upgrade.',
      ].join('\n'),
    )
    this.name = 'DatabaseTooNewError'
  }
}
