/**
 * A database as an earlier release left it: the committed migrations up to
 * (and with) `lastTag` applied by drizzle's migrator, as that release's
 * server would have, in rollback-journal mode (a file no server has opened).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { ROOT } from './test-app.ts'

export async function oldDatabase(lastTag: string, file = join(mkdtempSync(join(tmpdir(), 'inkind-old-')), 'inkind.db')) {
  const folder = mkdtempSync(join(tmpdir(), 'inkind-migrations-'))
  cpSync(join(ROOT, 'server/db/migrations'), folder, { recursive: true })
  const journalFile = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  const last = journal.entries.findIndex((e) => e.tag === lastTag)
  if (last < 0) throw new Error(`no migration ${lastTag}`)
  journal.entries = journal.entries.slice(0, last + 1)
  writeFileSync(journalFile, JSON.stringify(journal))
  const client = createClient({ url: `file:${file}` })
  await migrate(drizzle(client), { migrationsFolder: folder })
  rmSync(folder, { recursive: true, force: true })
  return { file, url: `file:${file}`, client }
}
