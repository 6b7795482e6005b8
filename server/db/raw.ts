/**
 * Raw SQL for the hot paths (a comment and its reward, the public reads):
 * statements as text with positional `?` arguments, run on the libSQL client
 * under drizzle, the same for a local file and a remote server.
 *
 * Drizzle builds a statement's SQL afresh on every call, which cost a fifth
 * of a comment's CPU (bench/profiles/post-comment.md). A `q` template builds
 * the same text for the same shape every time, by concatenation only, and the
 * same text hits the driver's statement cache (statement-cache.ts). Drizzle
 * stays the way to write everything else; `toDrizzle` and `fromDrizzle`
 * let one statement serve both.
 */
import type { InValue, ResultSet } from '@libsql/client'
import { SQL, sql } from 'drizzle-orm'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import type { Db } from './client.ts'

/** A statement (or a part of one): SQL text and the values of its `?` in order. */
export interface Q {
  sql: string
  args: InValue[]
}

const isQ = (v: unknown): v is Q => typeof v === 'object' && v !== null && 'sql' in v && 'args' in v && !(v instanceof SQL)

/**
 * A statement from a template: each value becomes a `?` argument; a Q is
 * spliced in with its arguments (a sub-select, an optional condition).
 * SQL text must not contain a `?` of its own (none of ours does).
 */
export function q(strings: TemplateStringsArray, ...values: (InValue | Q)[]): Q {
  let text = strings[0]!
  const args: InValue[] = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (isQ(v)) {
      text += v.sql
      for (const a of v.args) args.push(a)
    } else {
      text += '?'
      args.push(v)
    }
    text += strings[i + 1]!
  }
  return { sql: text, args }
}

/** Parts joined by a separator (raw text), e.g. the `when` arms of a case. */
export function joinQ(parts: Q[], separator: string): Q {
  return { sql: parts.map((p) => p.sql).join(separator), args: parts.flatMap((p) => p.args) }
}

/** Statements in one write transaction (BEGIN IMMEDIATE … COMMIT): all or nothing; each statement's result in order. */
export function rawBatch(db: Db, statements: Q[]): Promise<ResultSet[]> {
  return db.$client.batch(statements, 'write')
}

/** One statement's rows, as objects by column name (alias the columns as the caller wants them). */
export async function rawRows<T>(db: Db, statement: Q): Promise<T[]> {
  return (await db.$client.execute(statement)).rows as unknown as T[]
}

/** A Q inside a drizzle batch or query: the same text, the same arguments. */
export function toDrizzle(x: Q): SQL {
  const parts = x.sql.split('?')
  if (parts.length !== x.args.length + 1) throw new Error(`raw SQL with ${parts.length - 1} ? for ${x.args.length} arguments: ${x.sql}`)
  const chunks: SQL[] = []
  for (let i = 0; i < parts.length; i++) {
    chunks.push(sql.raw(parts[i]!))
    if (i < x.args.length) chunks.push(sql`${x.args[i]}`)
  }
  return sql.join(chunks)
}

const dialect = new SQLiteAsyncDialect()

/** A drizzle SQL fragment (a caller's sub-select) as a Q. */
export function fromDrizzle(s: SQL | string): Q {
  if (typeof s === 'string') return { sql: '?', args: [s] }
  const { sql: text, params } = dialect.sqlToQuery(s)
  return { sql: text, args: params as InValue[] }
}
