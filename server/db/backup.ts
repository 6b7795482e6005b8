import { readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { Ctx } from '../domain/context.ts'

/**
 * An online, consistent copy: VACUUM INTO reads one snapshot of the database
 * while the server keeps writing, and writes a compact file with no WAL to copy
 * along. For a remote libSQL server, use its own backups instead.
 */
export async function backup(ctx: Ctx, file: string): Promise<void> {
  await ctx.db.run(sql`vacuum into ${file}`)
}

/** Scheduled backups are named by their time (UTC), so their names sort by age: inkind-2026-11-26T18-00-00Z.db */
const SCHEDULED = /^inkind-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/

export const scheduledName = (at: Date) => `inkind-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.db`

/** The scheduled backups in a folder, oldest first. */
export function scheduledBackups(dir: string): { file: string; at: Date; bytes: number }[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .filter((n) => SCHEDULED.test(n))
    .sort()
    .map((n) => {
      const file = join(dir, n)
      const [, d, h, m, s] = /^inkind-(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)Z/.exec(n)!
      return { file, at: new Date(`${d}T${h}:${m}:${s}Z`), bytes: statSync(file).size }
    })
}

/**
 * One scheduled backup into `dir`: written under a temporary name and renamed
 * when whole, so a backup that is listed is complete; then all but the newest
 * `keep` are deleted.
 */
export async function scheduledBackup(ctx: Ctx, dir: string, keep: number): Promise<{ file: string; bytes: number; deleted: string[] }> {
  const file = join(dir, scheduledName(ctx.clock()))
  const partial = `${file}.partial`
  rmSync(partial, { force: true })
  try {
    await backup(ctx, partial)
    renameSync(partial, file)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  const all = scheduledBackups(dir)
  const old = all.slice(0, Math.max(0, all.length - keep))
  for (const b of old) rmSync(b.file, { force: true })
  return { file, bytes: statSync(file).size, deleted: old.map((b) => b.file) }
}
