/**
 * An Isso database (its SQLite file, schema versions 3 to 5): threads(id,
 * uri, title), where uri is the page path the embed sent, and comments(tid,
 * id, parent, created, mode, text, author, email). `created` is UNIX seconds;
 * mode 1 is published, 2 awaits moderation, 4 is deleted but kept for its
 * replies. `text` is the Markdown the reader typed, except in rows Isso's own
 * Disqus import wrote, which hold Disqus's HTML. Isso keeps one reply level.
 *
 * Read a page of rows at a time from a copy of the file (libSQL opens files
 * read-write and turns foreign keys on: never the owner's original).
 */
import { type Client, createClient, type ResultSet } from '@libsql/client'
import { DomainError } from '../errors.ts'
import { htmlToText, looksLikeHtml } from './html-to-text.ts'
import { type ImportRecord, utcIso } from './records.ts'

const PAGE = 1000

type Row = {
  id: number
  tid: number | null
  parent: number | null
  created: number
  mode: number | null
  text: string | null
  author: string | null
  email: string | null
  known: number
}

export async function* parseIsso(file: string): AsyncGenerator<ImportRecord> {
  let db: Client
  try {
    db = createClient({ url: `file:${file}` })
    const tables = await db.execute(`select name from sqlite_master where type = 'table' and name in ('threads', 'comments')`)
    if (tables.rows.length < 2) throw new Error('no threads and comments tables')
  } catch (error) {
    throw new DomainError('invalid_input', `This is not an Isso database: ${(error as Error).message}.`, { file: 'format' })
  }
  try {
    for (let after = -1; ; ) {
      const page = await db.execute({ sql: 'select id, uri, title from threads where id > ? order by id limit ?', args: [after, PAGE] })
      for (const t of page.rows as unknown as { id: number; uri: string | null; title: string | null }[]) {
        yield { kind: 'thread', id: `isso-thread:${t.id}`, url: t.uri ?? '', title: t.title, createdAt: null }
        after = t.id
      }
      if (page.rows.length < PAGE) break
    }
    // Oldest first, a keyset on (created, id): the order the threads show them in.
    let at: { created: number; id: number } | null = null
    for (;;) {
      const page: ResultSet = await db.execute({
        sql: `select c.id, c.tid, c.parent, c.created, c.mode, c.text, c.author, c.email, t.id is not null as known
              from comments c left join threads t on t.id = c.tid
              where ?1 is null or c.created > ?1 or (c.created = ?1 and c.id > ?2) order by c.created, c.id limit ?3`,
        args: [at?.created ?? null, at?.id ?? null, PAGE],
      })
      for (const row of page.rows as unknown as Row[]) {
        yield comment(row)
        at = { created: row.created, id: row.id }
      }
      if (page.rows.length < PAGE) break
    }
  } finally {
    db.close()
  }
}

function comment(row: Row): ImportRecord {
  const key = `isso:${row.id}`
  const parentKey = row.parent ? `isso:${row.parent}` : null
  if (row.mode === 4) return { kind: 'skip', key, parentKey, reason: 'deleted', line: row.id }
  if (!row.known) return { kind: 'skip', key, parentKey, reason: 'orphan', line: row.id, detail: `thread ${row.tid} is not in the database` }
  const createdAt = utcIso(Math.round(Number(row.created) * 1000))
  if (!createdAt) return { kind: 'skip', key, parentKey, reason: 'invalid', line: row.id, detail: `created "${row.created}" is not a time` }
  const text = row.text ?? ''
  return {
    kind: 'comment',
    key,
    parentKey,
    thread: `isso-thread:${row.tid}`,
    authorName: row.author ?? '',
    email: row.email ?? '',
    author: row.author,
    body: looksLikeHtml(text) ? htmlToText(text) : text,
    status: row.mode === 1 ? 'published' : 'pending',
    createdAt,
    line: row.id,
  }
}
