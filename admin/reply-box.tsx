import { useState } from 'preact/hooks'
import type { AdminComment, OwnerReplyAnswer } from '../shared/admin.ts'
import { ApiError, post } from './api.ts'

/** The author answers a comment in place: published at once, with the Author badge in the widget. */
export function ReplyBox({ comment, onReplied }: { comment: AdminComment; onReplied: (to: string) => void }) {
  const [open, setOpen] = useState(false)
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Reply as the author
      </button>
    )
  }
  const send = async (e: Event) => {
    e.preventDefault()
    try {
      await post<OwnerReplyAnswer>(`/comments/${comment.id}/reply`, { body })
      setOpen(false)
      setBody('')
      onReplied(comment.authorName)
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : 'The server could not be reached.')
    }
  }
  return (
    <form class="reply-box" onSubmit={send}>
      <label>
        Your reply to {comment.authorName}
        {/* biome-ignore lint/a11y/noAutofocus: the form opens because the admin asked to write in it. */}
        <textarea required rows={3} value={body} onInput={(e) => setBody(e.currentTarget.value)} autoFocus />
      </label>
      {error && <p class="error">{error}</p>}
      <button type="submit" class="primary">
        Publish reply
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
