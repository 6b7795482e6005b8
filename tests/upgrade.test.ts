/**
 * Upgrades: a database left by an earlier release gets this release's
 * migrations when the server starts, and keeps its data; `migrate --dry-run`
 * shows them first and changes nothing, and neither does a backup made before; a database a newer release migrated
 * is refused with a message that says what to do.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createClient } from '@libsql/client'
import { describe, expect, it } from 'vitest'
import { knownMigrations } from '../server/db/migration-status.ts'
import { oldDatabase } from './helpers/old-database.ts'
import { ensureBuilt, SERVER_ENTRY, SERVER_NODE_FLAGS, startServer } from './helpers/server.ts'
import { ROOT } from './helpers/test-app.ts'

const run = promisify(execFile)
const cli = (databaseUrl: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } })

/** What the release with migrations up to 0005 wrote: a site, a thread, a published comment, an admin. */
async function previousRelease() {
  const old = await oldDatabase('0005_wide_networks')
  const now = new Date().toISOString()
  await old.client.batch([
    {
      sql: `insert into sites (id, name, origins, moderation, locale, reward) values ('cpr', 'CPR Blog', '["https://blog.example"]', 'auto', 'en', ?)`,
      args: [JSON.stringify({ kind: 'generated', label: '10% off', percentOff: 10, validDays: 30 })],
    },
    { sql: `insert into threads (site_id, key, title, comment_count, created_at) values ('cpr', '/blog/old-post', 'An old post', 1, ?)`, args: [now] },
    {
      sql: `insert into comments (site_id, thread_id, author_name, email, reader_key, body, status, created_at)
            values ('cpr', 1, 'Early Reader', 'early@example.com', 'early@example.com', 'Written before the upgrade.', 'published', ?)`,
      args: [now],
    },
  ])
  old.client.close()
  return old
}

describe('an upgrade from the previous release', () => {
  // Four CLI runs through tsx and a server start: slow on a loaded machine.
  it('shows the pending migrations without applying them, then the server applies them at start and the data is intact', { timeout: 120_000 }, async () => {
    const old = await previousRelease()
    const newer = knownMigrations().filter((m) => m.tag > '0005_wide_networks')
    expect(newer.map((m) => m.tag)).toContain('0007_import')

    // The backup an owner makes before upgrading, with the new version's CLI: a copy of the old database, not migrated.
    const before = join(mkdtempSync(join(tmpdir(), 'inkind-before-')), 'before-upgrade.db')
    await cli(old.url, 'backup', before)
    const copy = createClient({ url: `file:${before}` })
    expect((await copy.execute('select count(*) from __drizzle_migrations')).rows[0]![0]).toBe(6)
    expect((await copy.execute('select body from comments')).rows.map((r) => r[0])).toEqual(['Written before the upgrade.'])
    copy.close()

    const dry = await cli(old.url, 'migrate', '--dry-run')
    expect(dry.stdout).toContain(`6 of ${6 + newer.length} migrations applied`)
    for (const m of newer) expect(dry.stdout).toContain(m.tag)
    const again = await cli(old.url, 'migrate', '--dry-run')
    expect(again.stdout).toBe(dry.stdout)

    const server = await startServer({ DATABASE_URL: old.url })
    try {
      const res = await fetch(`${server.url}/api/v1/sites/cpr/threads/${encodeURIComponent('/blog/old-post')}/comments`)
      expect(res.status).toBe(200)
      const page = await res.json()
      expect(page.thread).toMatchObject({ key: '/blog/old-post', commentCount: 1 })
      expect(page.comments.map((c: { authorName: string; body: string }) => [c.authorName, c.body])).toEqual([['Early Reader', 'Written before the upgrade.']])
      // Tables and columns of the new migrations are there and in use: an import key column (0007) and refused origins (0006).
      const db = createClient({ url: old.url })
      const columns = (await db.execute('pragma table_info(comments)')).rows.map((r) => r.name)
      expect(columns).toContain('import_key')
      expect((await db.execute("select name from sqlite_master where name = 'refused_origins'")).rows).toHaveLength(1)
      expect((await db.execute('pragma journal_mode')).rows[0]![0]).toBe('wal')
      db.close()
    } finally {
      await server.stop()
    }
    expect((await cli(old.url, 'migrate', '--dry-run')).stdout).toContain('Nothing to do')
  })

  it('refuses to start on a database a newer release migrated, saying so', async () => {
    const old = await oldDatabase(knownMigrations().at(-1)!.tag)
    await old.client.execute({
      sql: 'insert into __drizzle_migrations (hash, created_at) values (?, ?)',
      args: ['a-migration-from-the-future', knownMigrations().at(-1)!.when + 86_400_000],
    })
    old.client.close()
    ensureBuilt()
    const started = await run(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: old.url, PORT: '0' },
      timeout: 60_000,
    }).catch((e) => e as { code: number; stderr: string; stdout: string })
    expect('code' in started && started.code).toBe(1)
    expect(started.stderr).toContain('upgraded by a newer version of Inkind')
    expect(started.stderr).toContain('restore the backup')
    expect(started.stderr).not.toMatch(/\n\s+at /)
    await expect(cli(old.url, 'migrate', '--dry-run')).rejects.toMatchObject({ stderr: expect.stringContaining('newer version of Inkind') })
  })
})
