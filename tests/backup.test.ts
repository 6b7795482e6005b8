/**
 * Scheduled backups: the server copies its database every BACKUP_EVERY into
 * BACKUP_DIR, keeps the newest BACKUP_KEEP, and a copy it made restores: a
 * server started on it has the comments, codes and admins of the moment it
 * was taken.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scheduledBackups } from '../server/db/backup.ts'
import { adminSession, OWNER, postDemoComment, startServer } from './helpers/server.ts'

describe('scheduled backups', () => {
  it('are made on schedule, pruned to BACKUP_KEEP, and one restores', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-backups-'))
    const server = await startServer({ ...OWNER, BACKUP_DIR: join(dir, 'backups'), BACKUP_EVERY: '2s', BACKUP_KEEP: '2' })
    let code: string
    try {
      expect(server.output()).toContain(`${join(dir, 'backups')} (every 2 s, the newest 2 kept)`)
      const posted = await postDemoComment(server.url, '/blog/reciprocity', {
        authorName: 'Backed Up',
        email: 'backed.up@gmail.com',
        body: 'Kept in a backup.',
      })
      expect(posted.status).toBe(201)
      code = posted.body.reward!.code!
      const after = Date.now()
      // A backup taken after the comment, and the schedule has run a few times since start.
      await expect
        .poll(() => scheduledBackups(join(dir, 'backups')).filter((b) => b.at.getTime() >= Math.floor(after / 1000) * 1000 + 1000).length, {
          timeout: 60_000,
          interval: 250,
        })
        .toBeGreaterThanOrEqual(2)
      expect(server.output()).toMatch(/"msg":"backup","file":"[^"]+inkind-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db"/)
    } finally {
      await server.stop()
    }
    // Pruned: the newest two, and no half-written file.
    const files = readdirSync(join(dir, 'backups'))
    expect(files.filter((f) => f.endsWith('.db'))).toHaveLength(2)
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([])

    // Restore as the README says: copy the newest backup to where the database lives, start.
    const restored = join(dir, 'restored.db')
    copyFileSync(scheduledBackups(join(dir, 'backups')).at(-1)!.file, restored)
    const again = await startServer({ DATABASE_URL: `file:${restored}` })
    try {
      const page = await (await fetch(`${again.url}/api/v1/sites/demo/threads/${encodeURIComponent('/blog/reciprocity')}/comments`)).json()
      expect(page.comments.map((c: { body: string }) => c.body)).toContain('Kept in a backup.')
      const admin = await adminSession(again.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
      const codes = await admin<{ items: { code: string }[] }>('GET', `/codes?q=${code}`)
      expect(codes.items.map((c) => c.code)).toContain(code)
    } finally {
      await again.stop()
    }
  })
})
