import { useEffect, useState } from 'preact/hooks'
import type { Page } from '../shared/admin.ts'
import { ApiError, get, qs } from './api.ts'

/**
 * A keyset-paged list for the given filters: reloads when they change, appends
 * on "load more", and keeps the filters in the address bar so Back and
 * bookmarks work.
 */
export function usePagedList<T>(path: string, filters: Record<string, string | undefined>, pageSize?: number) {
  const [items, setItems] = useState<T[]>([])
  // How many match in all, when the list says (the first page of codes does).
  const [total, setTotal] = useState<number | null>(null)
  const limit = pageSize ? { limit: String(pageSize) } : {}
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [version, setVersion] = useState(0)
  const key = qs(filters)

  useEffect(() => {
    let live = true
    setLoading(true)
    history.replaceState(null, '', location.pathname + key)
    get<Page<T> & { total?: number | null }>(path + qs({ ...filters, ...limit }))
      .then((p) => {
        if (!live) return
        setItems(p.items)
        setTotal(p.total ?? null)
        setCursor(p.nextCursor)
        setError(null)
      })
      .catch((e) => live && setError(e instanceof ApiError ? e.body.message : 'The server could not be reached.'))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [key, version])

  const more = async () => {
    const p = await get<Page<T>>(path + qs({ ...filters, ...limit, cursor: cursor! }))
    setItems((list) => [...list, ...p.items])
    setCursor(p.nextCursor)
  }
  return { items, setItems, total, cursor, error, loading, more, reload: () => setVersion((v) => v + 1) }
}

export function initialFilters<K extends string>(keys: readonly K[]): Record<K, string> {
  const p = new URLSearchParams(location.search)
  return Object.fromEntries(keys.map((k) => [k, p.get(k) ?? ''])) as Record<K, string>
}

/** A value that settles after the user stops typing. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value])
  return settled
}
