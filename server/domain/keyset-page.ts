import type { Page } from '../../shared/admin.ts'

/**
 * Keyset pagination's last step: the query asked for one row more than the
 * page; if it came, there is a next page, which starts after the last row kept.
 */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const more = rows.length > limit
  const items = more ? rows.slice(0, limit) : rows
  return { items, nextCursor: more ? String(items.at(-1)!.id) : null }
}
