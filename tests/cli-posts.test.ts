/** Closing and reopening posts from the command line, against a database file. */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { openDb } from '../server/db/client.ts'
import { ROOT } from './helpers/test-app.ts'

const run = promisify(execFile)

describe('npm run inkind -- posts close / open', () => {
  it('closes a post (listing it if it had no comments yet), and opens it again', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-cli-posts-'))
    const url = `file:${join(dir, 'live.db')}`
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } })
    await cli('site', 'add', 'cpr', '--name', 'CPR Blog', '--origin', 'https://cpr.example', '--moderation', 'pre', '--no-reward')

    const closed = await cli('posts', 'close', 'cpr', 'https://cpr.example/blog/old-post/', '/blog/older')
    expect(closed.stdout).toMatch(/^\/blog\/old-post: closed since \d{4}-\d\d-\d\dT/m)
    expect(closed.stdout).toMatch(/^\/blog\/older: closed since/m)
    expect((await cli('posts', 'open', 'cpr', '/blog/older')).stdout).toContain('/blog/older: open')
    await expect(cli('posts', 'open', 'cpr', '/blog/never')).rejects.toMatchObject({ stderr: expect.stringContaining('There is no post /blog/never') })
    await expect(cli('posts', 'close', 'cpr')).rejects.toMatchObject({ stderr: expect.stringContaining('posts close needs a site') })

    const { db, close } = await openDb(url)
    try {
      const rows = (await db.all('select key, closed_at is not null as closed from threads order by key')) as { key: string; closed: number }[]
      expect(rows).toEqual([
        { key: '/blog/old-post', closed: 1 },
        { key: '/blog/older', closed: 0 },
      ])
    } finally {
      close()
    }
  })
})
