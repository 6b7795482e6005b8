/** Erasing a reader leaves their address nowhere on disk: not in the database file, not in its write-ahead log. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { SYSTEM } from '../audit/actor.ts'
import { postComment } from '../comments/post-comment.ts'
import { eraseReader } from './erase-reader.ts'
import { normalizeEmail } from './normalize-email.ts'

describe('eraseReader on a database file', () => {
  it('leaves no byte of the address in the file or its WAL', async () => {
    const { ctx, url, close } = await testCtx({ file: true })
    const site = await addSite(ctx)
    const email = 'Wanda.Gone@gmail.com'
    for (const [i, key] of ['/a', '/b'].entries()) {
      await postComment(ctx, {
        site,
        threadKey: key,
        ip: '203.0.113.9',
        comment: { authorName: 'Wanda', email, body: `Something worth erasing later, number ${i}.`, elapsedMs: 30_000 },
      })
    }
    const file = url.slice('file:'.length)
    const onDisk = () => [file, `${file}-wal`].map((f) => readFileSync(f, { flag: 'r' }).toString('latin1').toLowerCase()).join('\n')
    expect(onDisk()).toContain('wanda.gone')

    await eraseReader(ctx, { siteId: site.id, readerKey: normalizeEmail(email), how: 'anonymize', actor: SYSTEM })
    expect(onDisk()).not.toContain('wanda.gone')
    expect(onDisk()).not.toContain('wandagone')
    close()
  })
})
