import type { ListCommentsAnswer, PostCommentAnswer, PostCommentBody, ThreadView } from '../shared/comments.ts'
import type { ErrorBody } from '../shared/errors.ts'

/** An answer that was not a success: the shared error body, or null when the network failed. */
export class ApiError extends Error {
  constructor(readonly body: ErrorBody['error'] | null) {
    super(body?.message ?? 'network')
  }
}

/** Talks to the server the script came from. No cookies go with it (credentials: 'omit'). */
export function api(origin: string, site: string, thread: string) {
  const base = `${origin}/api/v1/sites/${encodeURIComponent(site)}`
  const threadUrl = `${base}/threads/${encodeURIComponent(thread)}`
  /** Where this browser keeps the key to edit a comment it posted. */
  const stored = (id: number) => `inkind:${site}:${id}`
  /** The first view(), sent early (main.tsx), kept for the next call: the App's first load. */
  let first: Promise<ThreadView> | undefined

  async function call<T>(url: string, body?: unknown, method = 'POST'): Promise<T> {
    let res: Response
    try {
      res = await fetch(
        url,
        body === undefined
          ? { credentials: 'omit' }
          : { credentials: 'omit', method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      )
    } catch {
      throw new ApiError(null)
    }
    const answer = await res.json().catch(() => null)
    if (!res.ok) throw new ApiError((answer as ErrorBody | null)?.error ?? null)
    return answer as T
  }

  return {
    base,
    call,
    /** The site's settings and the first page, in one request. */
    view() {
      const v = first ?? call<ThreadView>(threadUrl)
      first = first ? undefined : v
      // Whoever asked early may not wait for it: the App does, and handles a failure.
      v.catch(() => {})
      return v
    },
    comments: (cursor: string) => call<ListCommentsAnswer>(`${threadUrl}/comments?cursor=${cursor}`),
    post: (body: PostCommentBody) => call<PostCommentAnswer>(`${threadUrl}/comments`, body),
    resend: (email: string) => call<unknown>(`${base}/rewards/resend`, { email, thread }),
    /** The edit key of a comment posted from this browser, while it may still be edited. */
    own(id: number): string | undefined {
      try {
        const [token, until] = localStorage.getItem(stored(id))?.split(' ') ?? []
        return Date.parse(until!) > Date.now() ? token : undefined
      } catch {}
    },
    keep(id: number, edit: PostCommentAnswer['edit']) {
      try {
        if (edit) localStorage.setItem(stored(id), `${edit.token} ${edit.until}`)
      } catch {}
    },
  }
}

export type Api = ReturnType<typeof api>
