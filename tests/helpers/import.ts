/** Imports for tests: the hand-written export files of tests/fixtures/import, and what they became in the database. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createClient } from '@libsql/client'
import { sql } from 'drizzle-orm'
import { SYSTEM } from '../../server/domain/audit/actor.ts'
import type { Ctx } from '../../server/domain/context.ts'
import { type ImportCommentsInput, importComments } from '../../server/domain/import/import-comments.ts'
import { readSource } from '../../server/domain/import/read-source.ts'
import { parseAddressRules } from '../../server/domain/import/thread-address.ts'
import type { ImportSource } from '../../shared/values.ts'
import { ROOT } from './test-app.ts'

export const FIXTURES = join(ROOT, 'tests/fixtures/import')

/** The bytes of a fixture as an export arrives; `gzip` packs it as the real ones come. */
export function fixtureBytes(file: string, opts: { gzip?: boolean } = {}): Buffer {
  const bytes = readFileSync(join(FIXTURES, file))
  return opts.gzip ? gzipSync(bytes) : bytes
}

/** isso.sql run into a fresh SQLite file: an Isso database as Isso leaves it. */
export async function issoDatabase(dir: string): Promise<Buffer> {
  const file = join(dir, 'isso.db')
  const db = createClient({ url: `file:${file}` })
  await db.executeMultiple(readFileSync(join(FIXTURES, 'isso.sql'), 'utf8'))
  db.close()
  return readFileSync(file)
}

/** Bytes in pieces, as a file or an upload streams them: parsers must not care where a chunk ends. */
export async function* chunked(bytes: Buffer, size = 997): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

export function importBytes(
  ctx: Ctx,
  source: ImportSource,
  bytes: Buffer,
  opts: Partial<Omit<ImportCommentsInput, 'records' | 'rules'>> & { map?: string[] } = {},
) {
  const { map, ...rest } = opts
  return importComments(ctx, {
    siteId: 'cpr',
    source,
    actor: SYSTEM,
    records: readSource(source, chunked(bytes)),
    rules: parseAddressRules(map ?? []),
    ...rest,
  })
}

export interface ImportedComment {
  key: string
  thread: string
  parent: string | null
  root: string | null
  author: string
  email: string
  readerKey: string
  createdAt: string
  status: string
  body: string
}

/** Every comment of the site, by import key, with its thread key and its parent's and root's import keys. */
export async function importedComments(ctx: Ctx, site = 'cpr'): Promise<Map<string, ImportedComment>> {
  const rows = (await ctx.db.all(sql`
    select c.import_key as key, t.key as thread, p.import_key as parent, r.import_key as root, c.author_name as author, c.email,
      c.reader_key as readerKey, c.created_at as createdAt, c.status, c.body
    from comments c join threads t on t.id = c.thread_id left join comments p on p.id = c.parent_id left join comments r on r.id = c.root_id
    where c.site_id = ${site} order by c.id`)) as ImportedComment[]
  return new Map(rows.map((r) => [r.key, r]))
}

export async function threadsOf(ctx: Ctx, site = 'cpr') {
  return (await ctx.db.all(sql`select key, title, url, source, comment_count as commentCount from threads where site_id = ${site} order by key`)) as {
    key: string
    title: string | null
    url: string | null
    source: string | null
    commentCount: number
  }[]
}

/** The first comment of the fixtures, as each source stores it. */
export const GREAT_WRITE_UP = [
  'Great write-up! I’ve been trying this on my own blog & it works.',
  '',
  'Two questions:',
  '1. does it handle `<script>` tags?',
  '2. what about [the docs](https://example.org/docs?a=1&b=2)?',
].join('\n')
