/**
 * Scheduled online backups in the server process (BACKUP_DIR, BACKUP_EVERY,
 * BACKUP_KEEP): the same consistent copy as `npm run inkind -- backup`, every
 * so often, keeping the newest few. A restart does not reset the schedule: the
 * next backup is due one interval after the newest one in the folder (at once
 * when there is none).
 */
import { mkdirSync } from 'node:fs'
import { scheduledBackup, scheduledBackups } from './db/backup.ts'
import type { Ctx } from './domain/context.ts'
import { log } from './log.ts'
import type { Metrics } from './metrics.ts'

export function startBackups(ctx: Ctx, opts: { dir: string; everyMs: number; keep: number }, metrics?: Metrics) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  let stopped = false

  const schedule = (inMs: number) => {
    if (stopped) return
    timer = setTimeout(run, Math.max(0, Math.min(inMs, 2_147_483_647)))
    timer.unref()
  }
  const run = () => {
    const start = performance.now()
    running = (async () => {
      try {
        mkdirSync(opts.dir, { recursive: true })
        const made = await scheduledBackup(ctx, opts.dir, opts.keep)
        metrics?.backups.inc({ result: 'ok' })
        metrics?.lastBackup.set(Date.now() / 1000)
        log('info', 'backup', { file: made.file, bytes: made.bytes, ms: Math.round(performance.now() - start), deleted: made.deleted.length })
      } catch (error) {
        metrics?.backups.inc({ result: 'failed' })
        log('error', 'backup failed', { dir: opts.dir, error: String(error) })
      }
    })().finally(() => {
      running = null
      schedule(opts.everyMs)
    })
  }

  const newest = scheduledBackups(opts.dir).at(-1)
  schedule(newest ? newest.at.getTime() + opts.everyMs - Date.now() : 0)
  return {
    /** Stops the schedule and waits for a backup under way. */
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
