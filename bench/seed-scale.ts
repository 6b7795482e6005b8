/** Bulk-seeds a thread of many comments and many issued codes straight into the database, in a few statements. */
import { createClient } from '@libsql/client'

export async function seedScale(url: string, n: { comments: number; codes: number }) {
  const db = createClient({ url, timeout: 30_000 })
  await db.execute('PRAGMA synchronous = OFF')
  const now = '2026-11-01T00:00:00.000Z'
  await db.execute({
    sql: `insert into threads (site_id, key, title, comment_count, revision, created_at) values ('demo', '/bench/scale', 'Scale', ?, 1, ?)`,
    args: [n.comments, now],
  })
  const thread = Number((await db.execute(`select id from threads where key = '/bench/scale'`)).rows[0]!.id)
  await db.execute({
    sql: `insert into comments (site_id, thread_id, author_name, email, reader_key, body, status, body_hash, created_at)
          with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ?)
          select 'demo', ?, 'Seeded reader ' || i, 'seed' || i || '@example.com', 'seed' || i || '@example.com',
                 'A seeded comment, number ' || i || ', about giving first.', 'published', hex(randomblob(16)),
                 strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds')
          from seq`,
    args: [n.comments, thread],
  })
  const ids = (await db.execute({ sql: 'select min(id) as lo, max(id) as hi from comments where thread_id = ?', args: [thread] })).rows[0]!
  const lo = Number(ids.lo)
  if (n.codes > 0) {
    // In chunks, so one transaction never holds the whole million.
    const chunk = 200_000
    for (let start = 0; start < n.codes; start += chunk) {
      await db.execute({
        sql: `insert into rewards (site_id, reader_key, scope_key, thread_id, comment_id, email, kind, status, code, code_key, label, issued_at, expires_at, created_at)
              with recursive seq(i) as (select cast(? as integer) union all select i + 1 from seq where i < ?)
              select 'demo', 'r' || i || '@example.com', '', ?, ? + (i % ?), 'r' || i || '@example.com', 'generated',
                     case when i % 10 = 0 then 'redeemed' else 'issued' end,
                     'SEED' || printf('%08d', i), 'SEED' || printf('%08d', i), '10% off', ?, '2027-01-01T00:00:00.000Z', ?
              from seq`,
        args: [start + 1, Math.min(start + chunk, n.codes), thread, lo, n.comments, now, now],
      })
    }
  }
  db.close()
  const deep = lo + Math.floor(n.comments * 0.9)
  return {
    deepCursor: String(deep),
    sampleCode: n.codes ? `SEED${String(Math.floor(n.codes / 2)).padStart(8, '0')}` : 'SEED00000001',
    sampleEmail: `r${Math.floor(Math.max(n.codes, 2) / 2)}@example.com`,
  }
}
