/**
 * db.batch with named steps: one transaction, run in the order the steps are
 * given, each result read back by its name instead of by a position that
 * shifts whenever a step is added. A step may be a list of statements (its
 * result is then the list of their results) or nothing at all.
 */
import type { Db } from './client.ts'
import { type Q, type RawResult, rawBatch } from './raw.ts'

type Statement = Parameters<Db['batch']>[0][number]
type Step = Statement | readonly Statement[] | undefined

export async function namedBatch<S extends Record<string, Step>>(db: Db, steps: S): Promise<{ [K in keyof S]: unknown }> {
  const names = Object.keys(steps) as (keyof S)[]
  const flat: Statement[] = []
  const spans = names.map((name) => {
    const step = steps[name]
    const list = step === undefined ? [] : Array.isArray(step) ? (step as readonly Statement[]) : [step as Statement]
    flat.push(...list)
    return { name, from: flat.length - list.length, count: list.length, many: Array.isArray(step) }
  })
  const results = flat.length ? await db.batch(flat as unknown as Parameters<Db['batch']>[0]) : []
  return Object.fromEntries(spans.map((s) => [s.name, s.many ? results.slice(s.from, s.from + s.count) : results[s.from]])) as { [K in keyof S]: unknown }
}

/** The same for raw statements (server/db/raw.ts): one write transaction, each result (a RawResult) by its step's name. */
export async function namedRawBatch<S extends Record<string, Q | readonly Q[] | undefined>>(
  db: Db,
  steps: S,
): Promise<{ [K in keyof S]: NonNullable<S[K]> extends readonly Q[] ? RawResult[] : RawResult }> {
  const flat: Q[] = []
  const spans = Object.entries(steps).map(([name, step]) => {
    const list = step === undefined ? [] : Array.isArray(step) ? (step as readonly Q[]) : [step as Q]
    flat.push(...list)
    return { name, from: flat.length - list.length, count: list.length, many: Array.isArray(step) }
  })
  const results = flat.length ? await rawBatch(db, flat) : []
  return Object.fromEntries(spans.map((s) => [s.name, s.many ? results.slice(s.from, s.from + s.count) : results[s.from]])) as never
}
