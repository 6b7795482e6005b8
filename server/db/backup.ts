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
