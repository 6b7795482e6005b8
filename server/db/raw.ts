/**
 * Raw SQL for the hot paths (a comment and its reward, the public reads):
 * statements as text with positional `?` arguments, the same for a local
 * file and a remote server.
 *
 * Drizzle builds a statement's SQL afresh on every call, which cost a fifth
 * of a comment's CPU (bench/profiles/post-comment.md). A `q` template builds
 * the same text for the same shape every time, by concatenation only, and the
 * same text hits the driver's statement cache (statement-cache.ts). Drizzle
 * stays the way to write everything else; `toDrizzle` and `fromDrizzle`
 * let one statement serve both.
 *
 * On a local file the statements run on the driver's own connection under
 * the client (nativeConnection), synchronously: @libsql/client's work per
 * statement (modes, column lists, an exception for every statement that
 * returns no rows, a property per column per row) cost about as much again
 * as SQLite's. A batch runs between BEGIN IMMEDIATE and COMMIT with no
 * await inside, so nothing else on the event loop can run in the middle of
 * it, and concurrent batches share one commit (groupCommit). A remote server
 * gets the same statements through the client, a batch per transaction.
 */
import { type InValue, LibsqlBatchError, LibsqlError } from '@libsql/client'
import { getTableColumns, SQL, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
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

/** What a statement gives back: its rows as objects by column name (alias the columns as the caller wants them). */
export interface RawResult {
  rows: Record<string, unknown>[]
}

/** Statements in one write transaction (BEGIN IMMEDIATE … COMMIT): all or nothing; each statement's result in order. */
export async function rawBatch(db: Db, statements: Q[]): Promise<RawResult[]> {
  const native = usable(db)
  if (native) return groupCommit(native, statements)
  // To a remote server, one of this process's write transactions at a time: dozens of them waiting on its lock
  // at once could leave sqld spinning with every request unanswered (tests/scale-out.test.ts, about 1 run in 6).
  const previous = remoteWrites.get(db) ?? Promise.resolve()
  const mine = previous.then(() => db.$client.batch(statements, 'write'))
  remoteWrites.set(
    db,
    mine.catch(() => {}),
  )
  return (await mine).map((r) => ({ rows: r.rows as unknown as RawResult['rows'] }))
}

const remoteWrites = new WeakMap<Db, Promise<unknown>>()

/** One statement's rows. */
export async function rawRows<T>(db: Db, statement: Q): Promise<T[]> {
  const native = usable(db)
  if (native) {
    try {
      return nativeRun(native, statement).rows as T[]
    } catch (error) {
      throw libsqlError(error)
    }
  }
  return (await db.$client.execute(statement)).rows as unknown as T[]
}

interface NativeStatement {
  readonly reader: boolean
  raw(on?: boolean): NativeStatement
  safeIntegers(on?: boolean): NativeStatement
  all(args: InValue[]): unknown[][]
  run(args: InValue[]): unknown
  columns(): { name: string }[]
}

interface NativeConnection {
  readonly open: boolean
  readonly inTransaction: boolean
  prepare(sql: string): NativeStatement
}

const natives = new WeakMap<object, NativeConnection>()

/** Runs this database's raw statements on its driver connection (a local file: server/db/client.ts). */
export function runNatively(db: Db, connection: object) {
  natives.set(db.$client, connection as NativeConnection)
}

/** The native connection, if there is one and nobody's transaction is open on it (none is in this code; then the client waits its turn). */
function usable(db: Db): NativeConnection | undefined {
  const native = natives.get(db.$client)
  return native?.open && !native.inTransaction ? native : undefined
}

interface Prepared {
  statement: NativeStatement
  /** It returns rows, with these column names. */
  reader: boolean
  names: string[]
}

/**
 * Each connection's raw statements by their text, with what the driver says
 * about their rows: kept here, where the texts are a few dozen shapes, so a
 * hot statement skips the statement cache's bookkeeping and those questions.
 */
const preparedBy = new WeakMap<NativeConnection, Map<string, Prepared>>()
const MAX_PREPARED = 500

function prepared(native: NativeConnection, sql: string): Prepared {
  let byText = preparedBy.get(native)
  if (!byText) {
    byText = new Map()
    preparedBy.set(native, byText)
  }
  let p = byText.get(sql)
  if (!p) {
    // Not expected (the texts are shapes, not values): start over rather than grow.
    if (byText.size >= MAX_PREPARED) byText.clear()
    const statement = native.prepare(sql)
    const reader = statement.reader
    p = { statement, reader, names: reader ? statement.columns().map((c) => c.name) : [] }
    byText.set(sql, p)
  }
  return p
}

function nativeRun(native: NativeConnection, statement: Q): RawResult {
  const shape = prepared(native, statement.sql)
  const s = shape.statement
  // The client sets its own modes on the same cached statement before each of its uses: set ours.
  s.safeIntegers(false)
  if (!shape.reader) {
    s.run(statement.args)
    return { rows: [] }
  }
  const names = shape.names
  const rows = s.raw(true).all(statement.args)
  return {
    rows: rows.map((values) => {
      const row: Record<string, unknown> = {}
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i]
      return row
    }),
  }
}

interface Waiting {
  statements: Q[]
  resolve: (results: RawResult[]) => void
  reject: (error: unknown) => void
}

/** Batches waiting for the next group commit, per connection. */
const groups = new WeakMap<NativeConnection, Waiting[]>()

/**
 * Group commit: the batches asked for while the event loop handles one round
 * of requests run in one transaction, each inside its own savepoint, and
 * are answered once it commits. Each batch is still all or nothing (a failed
 * one is rolled back to its savepoint and rejected alone) and sees the ones
 * before it, as if they had committed one by one; none is answered before
 * its writes are in the WAL. What is shared is the transaction's fixed cost
 * and the pages several comments touch (the WAL write of a commit is most
 * of a comment's cost).
 */
function groupCommit(native: NativeConnection, statements: Q[]): Promise<RawResult[]> {
  return new Promise((resolve, reject) => {
    let group = groups.get(native)
    if (!group) {
      group = []
      groups.set(native, group)
      setImmediate(() => commitGroup(native))
    }
    group.push({ statements, resolve, reject })
  })
}

function commitGroup(native: NativeConnection) {
  const group = groups.get(native)!
  groups.delete(native)
  const settle = (error: unknown) => {
    for (const w of group) w.reject(error)
  }
  if (!native.open) return settle(new LibsqlError('The database connection is closed', 'CLIENT_CLOSED'))
  try {
    prepared(native, 'BEGIN IMMEDIATE').statement.run([])
  } catch (error) {
    return settle(libsqlError(error))
  }
  const outcomes: ({ results: RawResult[] } | { error: unknown })[] = []
  try {
    for (const w of group) {
      prepared(native, 'SAVEPOINT batch').statement.run([])
      try {
        outcomes.push({ results: w.statements.map((s, i) => runOrRaise(native, s, i)) })
        prepared(native, 'RELEASE batch').statement.run([])
      } catch (error) {
        // An error that ends the whole transaction (SQLite rolled it back) takes every batch with it.
        if (!native.inTransaction) throw error
        prepared(native, 'ROLLBACK TO batch').statement.run([])
        prepared(native, 'RELEASE batch').statement.run([])
        outcomes.push({ error })
      }
    }
    prepared(native, 'COMMIT').statement.run([])
  } catch (error) {
    if (native.inTransaction) prepared(native, 'ROLLBACK').statement.run([])
    return settle(error instanceof LibsqlError ? error : libsqlError(error))
  }
  group.forEach((w, i) => {
    const outcome = outcomes[i]!
    if ('results' in outcome) w.resolve(outcome.results)
    else w.reject(outcome.error)
  })
}

function runOrRaise(native: NativeConnection, statement: Q, index: number): RawResult {
  try {
    return nativeRun(native, statement)
  } catch (error) {
    throw libsqlError(error, index)
  }
}

const BASE_CODES: Record<number, string> = { 1: 'SQLITE_ERROR', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 13: 'SQLITE_FULL', 19: 'SQLITE_CONSTRAINT' }

/** The driver's error as the client would have raised it (code, extendedCode), so callers handle both alike. */
function libsqlError(error: unknown, statement?: number): unknown {
  const e = error as { message?: string; code?: string; rawCode?: number }
  if (typeof e?.rawCode !== 'number') return error
  const base = BASE_CODES[e.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${e.rawCode & 0xff}`
  return statement === undefined
    ? new LibsqlError(e.message ?? base, base, e.code, e.rawCode, error as Error)
    : new LibsqlBatchError(e.message ?? base, statement, base, e.code, e.rawCode, error as Error)
}

/**
 * A table's columns for a raw select, and a row back as drizzle would give it
 * (its keys, its column modes): taken from the schema, so a column added there
 * is read here too.
 */
export function rawTable<T extends SQLiteTable>(table: T) {
  const columns = Object.entries(getTableColumns(table))
  return {
    columns: { sql: columns.map(([, c]) => `"${c.name}"`).join(', '), args: [] } as Q,
    row(r: Record<string, unknown>): T['$inferSelect'] {
      const out: Record<string, unknown> = {}
      for (const [key, c] of columns) {
        const v = r[c.name]
        out[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v)
      }
      return out as T['$inferSelect']
    },
  }
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
