/**
 * What this machine can do at all, for reading Inkind's figures as ratios:
 * a bare Hono route answering a fixed 50-comment list, and a bare route doing
 * one libSQL INSERT into a WAL file. Same server stack, no Inkind code.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { createClient } from '@libsql/client'
import { Hono } from 'hono'

const port = Number(process.env.PORT)
const db = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'inkind-base-')), 'b.db')}`, concurrency: 1 })
await db.execute('PRAGMA journal_mode = WAL')
await db.execute('PRAGMA synchronous = NORMAL')
await db.execute('create table t (id integer primary key, author text, body text, created_at text)')

const list = {
  thread: { key: '/blog/reciprocity', title: 'Networking and the art of reciprocity', commentCount: 50 },
  comments: Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    parentId: null,
    authorName: `Reader ${i}`,
    body: 'Giving first is the whole trick. '.repeat(6),
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
  })),
  nextCursor: null,
}

const app = new Hono()
app.get('/list', (c) => c.json(list))
app.post('/insert', async (c) => {
  const body = await c.req.json<{ body: string }>()
  await db.execute({ sql: 'insert into t (author, body, created_at) values (?, ?, ?)', args: ['bench', body.body, new Date().toISOString()] })
  return c.json({ ok: true }, 201)
})
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log('baseline ready'))
