import type { ListCommentsAnswer, PostCommentAnswer, PostCommentBody } from '../shared/comments.ts'
import type { ErrorBody } from '../shared/errors.ts'
import type { SiteConfigAnswer } from '../shared/site.ts'

/** An answer that was not a success: the shared error body, or null when the network failed. */
export class ApiError extends Error {
  constructor(readonly body: ErrorBody['error'] | null) {
    super(body?.message ?? 'network')
  }
}

/** Talks to the server the script came from. No cookies go with it (credentials: 'omit'). */
export function api(origin: string, site: string, thread: string) {
  const base = `${origin}/api/v1/sites/${encodeURIComponent(site)}`
  const comments = `${base}/threads/${encodeURIComponent(thread)}/comments`

  async function call<T>(url: string, init?: RequestInit): Promise<T> {
    let res: Response
    try {
      res = await fetch(url, { credentials: 'omit', ...init })
    } catch {
      throw new ApiError(null)
    }
    const body = await res.json().catch(() => null)
    if (!res.ok) throw new ApiError((body as ErrorBody | null)?.error ?? null)
    return body as T
  }

  return {
    config: () => call<SiteConfigAnswer>(`${base}/config`),
    comments: (cursor?: string) => call<ListCommentsAnswer>(cursor ? `${comments}?cursor=${cursor}` : comments),
    post: (body: PostCommentBody) =>
      call<PostCommentAnswer>(comments, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
  }
}

export type Api = ReturnType<typeof api>
