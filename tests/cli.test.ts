/** The command line, run as an owner runs it, against a database file; then a restore from its backup. */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { openDb } from '../server/db/client.ts'
import { adminUsers, auditLog } from '../server/db/schema.ts'
import { enableTwoFactor, startTwoFactor } from '../server/domain/admin/two-factor.ts'
import { createCaches } from '../server/domain/caches.ts'
import { adminSession, startServer } from './helpers/server.ts'
import { ROOT } from './helpers/test-app.ts'

const run = promisify(execFile)

describe('npm run inkind', () => {
  // Ten CLI runs through tsx and a server start: slow on a loaded machine.
  it('adds a site, an admin and pool codes; backs up; the backup restores', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-cli-'))
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'live.db')}`, INKIND_PASSWORD: 'moderator password 1' }
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env })

    const site = await cli(
      'site',
      'add',
      'cpr',
      '--name',
      'CPR Blog',
      '--origin',
      'https://cpr.example',
      '--label',
      '15% off',
      '--percent-off',
      '15',
      '--kind',
      'pool',
    )
    expect(site.stdout).toContain('Created site "cpr"')
    expect(site.stdout).toContain('data-site="cpr"')
    // The command an origin refusal suggests adds the origin and keeps the others (and the reward).
    const again = await cli('site', 'add', 'cpr', '--origin', 'https://www.cpr.example')
    expect(again.stdout).toContain('Updated site "cpr"')
    expect(JSON.parse(again.stdout.slice(again.stdout.indexOf('{'), again.stdout.lastIndexOf('}') + 1))).toMatchObject({
      name: 'CPR Blog',
      origins: ['https://cpr.example', 'https://www.cpr.example'],
      reward: { label: '15% off', kind: 'pool' },
    })
    await expect(cli('site', 'add', 'Bad Id')).rejects.toMatchObject({ stderr: expect.stringContaining('id: lowercase letters') })

    expect((await cli('admin', 'add', 'mod@example.com', '--role', 'moderator')).stdout).toContain('Created moderator mod@example.com')

    expect((await cli('posts', 'add', 'cpr', '/blog/give-first/', '--title', 'Give first')).stdout).toContain('Listed 1 posts of cpr: /blog/give-first')
    writeFileSync(join(dir, 'sitemap.xml'), '<urlset><url><loc>https://cpr.example/a/</loc></url><url><loc>https://cpr.example/b?utm=1</loc></url></urlset>')
    expect((await cli('posts', 'import', 'cpr', join(dir, 'sitemap.xml'))).stdout).toContain('Listed 2 posts of cpr')

    writeFileSync(join(dir, 'codes.csv'), 'Code,Usage count\nCPR-A1,0\nCPR-A2,0\n\nCPR-A1,0\n')
    expect((await cli('codes', 'import', 'cpr', join(dir, 'codes.csv'))).stdout).toContain('Imported 2 codes into cpr (1 duplicates and 1 blank lines skipped')

    const backupFile = join(dir, 'backup.db')
    expect((await cli('backup', backupFile)).stdout).toContain('Backed up')
    await expect(cli('backup', backupFile)).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') })

    // Restore = start a server on the copy: the site, its pool and the admin are all there.
    const { db, close } = await openDb(`file:${backupFile}`)
    expect((await db.query.sites.findMany()).map((s) => s.id).sort()).toEqual(['cpr'])
    expect((await db.query.threads.findMany()).map((t) => [t.key, t.title, t.source]).sort()).toEqual([
      ['/a', null, 'owner'],
      ['/b', null, 'owner'],
      ['/blog/give-first', 'Give first', 'owner'],
    ])
    close()
    const server = await startServer({ DATABASE_URL: `file:${backupFile}` })
    try {
      const admin = await adminSession(server.url, 'mod@example.com', 'moderator password 1')
      expect(await admin('GET', '/sites/cpr/code-pool')).toEqual({ available: 2, handedOut: 0, waiting: 0 })
    } finally {
      await server.stop()
    }
  })

  it('turns off the two-factor login of an admin who lost their phone and their recovery codes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-cli-'))
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'live.db')}`, INKIND_PASSWORD: 'owner password 12' }
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env })
    await cli('admin', 'add', 'maren@example.com', '--role', 'owner')
    const { db, close } = await openDb(env.DATABASE_URL)
    try {
      const ctx = { db, clock: () => new Date(), caches: createCaches() }
      const user = (await db.query.adminUsers.findFirst({ where: eq(adminUsers.email, 'maren@example.com') }))!
      const { secret } = await startTwoFactor(ctx, { userId: user.id })
      await enableTwoFactor(ctx, { userId: user.id, code: TOTP.generate({ secret: Secret.fromBase32(secret) }), actor: { kind: 'admin', id: user.id } })
      expect((await cli('admin', 'two-factor-off', 'maren@example.com')).stdout).toContain('Two-factor login is off for maren@example.com')
      const after = (await db.query.adminUsers.findFirst({ where: eq(adminUsers.id, user.id) }))!
      expect([after.totpEnabledAt, after.totpSecret]).toEqual([null, null])
      expect((await db.select().from(auditLog).where(eq(auditLog.action, 'admin.two-factor-off'))).map((e) => e.actor)).toEqual(['cli'])
      expect((await cli('admin', 'two-factor-off', 'maren@example.com')).stdout).toContain('had no two-factor login')
      await expect(cli('admin', 'two-factor-off', 'nobody@example.com')).rejects.toMatchObject({ stderr: expect.stringContaining('No admin') })
    } finally {
      close()
    }
  })
})
