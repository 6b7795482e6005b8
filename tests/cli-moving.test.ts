/** Moving in and out on the command line, as an owner runs it: import with a dry run first, export, import the export on another server. */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { fixtureBytes } from './helpers/import.ts'
import { ROOT } from './helpers/test-app.ts'

const run = promisify(execFile)

describe('npm run inkind -- import / export', () => {
  it('imports a gzipped Disqus export (dry run first, twice adds nothing), exports the site and moves it to another server', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-cli-moving-'))
    const cli = (db: string, ...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${join(dir, db)}` } })
    const exportFile = join(dir, 'disqus.xml.gz')
    writeFileSync(exportFile, fixtureBytes('disqus.xml', { gzip: true }))

    await cli('old.db', 'site', 'add', 'cpr', '--name', 'CPR Blog', '--origin', 'https://blog.example.com')
    const dry = await cli('old.db', 'import', 'disqus', 'cpr', exportFile, '--dry-run')
    expect(dry.stdout).toContain('Dry run (nothing written): would import from disqus into cpr')
    expect(dry.stdout).toContain('comments  7 (0 pending), 0 already here')
    expect(dry.stdout).toContain('skipped   4: spam 1, deleted 1, orphan 1, thread-deleted 1')
    expect(dry.stdout).toContain('line 236 disqus:6432101009 orphan: thread 7999 is not in the file')
    // Progress goes to stderr, never into the report.
    expect(dry.stderr).toMatch(/MB read/)

    const real = await cli('old.db', 'import', 'disqus', 'cpr', exportFile, '--count-as-rewarded', '--map', 'https://blog.example.com/blog/=/posts/')
    expect(real.stdout).toContain('Imported from disqus into cpr')
    expect(real.stdout).toContain('threads   2 (2 new)')
    expect(real.stdout).toContain('1 moved up past a skipped parent')
    expect(real.stdout).toContain('5 readers marked as already thanked')
    expect((await cli('old.db', 'import', 'disqus', 'cpr', exportFile)).stdout).toContain('comments  0 (0 pending), 7 already here')

    const ndjson = join(dir, 'cpr.ndjson')
    expect((await cli('old.db', 'export', 'cpr', ndjson)).stdout).toContain('Exported cpr')
    const lines = readFileSync(ndjson, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => l.type)).toEqual(['header', 'thread', 'thread', ...Array(7).fill('comment'), ...Array(5).fill('reward')])
    expect(lines.filter((l) => l.type === 'thread').map((l) => l.key)).toEqual(['/2024/05/hello-world', '/posts/reciprocity'])
    await expect(cli('old.db', 'export', 'cpr', ndjson)).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') })

    // An empty server: the site comes with the export.
    const moved = await cli('new.db', 'import', 'inkind', 'cpr', ndjson)
    expect(moved.stdout).toContain('Imported from inkind into cpr (site created from the export)')
    expect(moved.stdout).toContain('rewards   0 readers marked as already thanked, 5 restored, 0 pool codes')
    expect((await cli('new.db', 'site', 'list')).stdout).toContain('cpr\tCPR Blog\thttps://blog.example.com')
    const again = join(dir, 'again.json')
    await cli('new.db', 'export', 'cpr', again)
    expect(JSON.parse(readFileSync(again, 'utf8')).map((l: { type: string }) => l.type)).toEqual(lines.map((l) => l.type))

    const reader = JSON.parse((await cli('new.db', 'export-reader', 'cpr', 'Zoe@Example.net')).stdout)
    expect(reader.comments).toHaveLength(2)
    expect(reader.rewards).toEqual([expect.objectContaining({ status: 'revoked', code: null })])

    await expect(cli('new.db', 'import', 'blogger', 'cpr', ndjson)).rejects.toMatchObject({ stderr: expect.stringContaining('import needs a source') })
    await expect(cli('new.db', 'import', 'disqus', 'cpr', ndjson)).rejects.toMatchObject({ stderr: expect.stringContaining('not a Disqus export') })
  })
})
