/** The admin API, with the session's CSRF token on every change. Errors arrive as the shared error body. */
import type { ErrorBody } from '../shared/errors.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'],
    readonly retryAfter: number | null,
  ) {
    super(body.message)
  }
}

/** Fired when an API call answers 401: the session is gone. */
export const SESSION_ENDED = 'inkind:session-ended'

let csrf = ''
export const setCsrf = (token: string) => (csrf = token)

/** `keepalive`: the request outlives the page (a change sent as the tab closes). */
export async function call<T>(method: string, path: string, body?: unknown, init: { keepalive?: boolean } = {}): Promise<T> {
  const res = await fetch(`/api/v1/admin${path}`, {
    method,
    credentials: 'same-origin',
    keepalive: init.keepalive,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrf }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) {
    const error = (data as ErrorBody | null)?.error ?? { code: 'internal', message: `HTTP ${res.status}` }
    // The session ended elsewhere (logged out, removed, a new password): the app goes back to the login form.
    if (res.status === 401 && !path.startsWith('/session') && !path.startsWith('/invites/')) dispatchEvent(new Event(SESSION_ENDED))
    const retry = res.headers.get('retry-after')
    throw new ApiError(res.status, error as ErrorBody['error'], retry ? Number(retry) : null)
  }
  return data as T
}

export const get = <T>(path: string) => call<T>('GET', path)
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body)

/** A query string from the set values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
  const s = p.toString()
  return s ? `?${s}` : ''
}
