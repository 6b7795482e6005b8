/** What a moderator does to one comment besides deciding on it: change its text, block its author. */
import { useState } from 'preact/hooks'
import type { AdminComment } from '../shared/admin.ts'
import type { Block, BlockBody, ModeratorEditAnswer } from '../shared/moderation.ts'
import type { BlockAction } from '../shared/values.ts'
import { ApiError, call, post } from './api.ts'

const message = (e: unknown) => (e instanceof ApiError ? e.body.message : 'The server could not be reached.')

/** The comment's text, changed in place: readers see it marked edited; the audit log keeps both versions. */
export function EditBox({ comment, onDone }: { comment: AdminComment; onDone: (edited: ModeratorEditAnswer | null) => void }) {
  const [body, setBody] = useState(comment.body)
  const [error, setError] = useState<string | null>(null)
  const save = async (e: Event) => {
    e.preventDefault()
    try {
      onDone(await call<ModeratorEditAnswer>('PATCH', `/comments/${comment.id}`, { body }))
    } catch (err) {
      setError(message(err))
    }
  }
  return (
    <form class="edit-box" onSubmit={save}>
      <label>
        The comment’s text (readers will see it marked edited)
        {/* biome-ignore lint/a11y/noAutofocus: the form opens because the moderator asked to edit. */}
        <textarea required rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} autoFocus />
      </label>
      {error && <p class="error">{error}</p>}
      <div>
        <button type="submit" class="primary">
          Save the change
        </button>{' '}
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

type What = 'email' | 'domain' | 'network' | 'wide'

const domainOf = (email: string) => email.split('@').pop() ?? ''

/** Blocks the comment's author by address, domain or network: their next comments are refused or held. */
export function BlockBox({ comment, onDone }: { comment: AdminComment; onDone: (said: string | null) => void }) {
  const [what, setWhat] = useState<What>('email')
  const [action, setAction] = useState<BlockAction>('refuse')
  const [error, setError] = useState<string | null>(null)
  const LABELS: Record<What, string> = {
    email: `This address (${comment.email})`,
    domain: `Every address at ${domainOf(comment.email)}`,
    network: 'The network it came from (one household or host)',
    wide: 'The wide network around it (an IPv4 /24, an IPv6 /48)',
  }
  const send = async (e: Event) => {
    e.preventDefault()
    const body: BlockBody =
      what === 'wide' ? { kind: 'network', commentId: comment.id, wide: true, action } : ({ kind: what, commentId: comment.id, action } as BlockBody)
    try {
      const block = await post<Block>(`/sites/${encodeURIComponent(comment.siteId)}/blocks`, body)
      onDone(
        `Blocked ${what === 'email' ? comment.email : what === 'domain' ? block.value : 'that network'}: ${action === 'refuse' ? 'their comments are refused' : 'their comments wait for approval'}. Unblock in Comments → Blocks.`,
      )
    } catch (err) {
      setError(message(err))
    }
  }
  return (
    <form class="block-box" onSubmit={send}>
      <fieldset>
        <legend>Block {comment.authorName}</legend>
        {(Object.keys(LABELS) as What[]).map((w) => (
          <label class="check">
            <input type="radio" name={`block-${comment.id}`} value={w} checked={what === w} onChange={() => setWhat(w)} />
            {LABELS[w]}
          </label>
        ))}
      </fieldset>
      <label>
        Their comments from now on
        <select value={action} onChange={(e) => setAction(e.currentTarget.value as BlockAction)}>
          <option value="refuse">Refused (the widget says so)</option>
          <option value="hold">Held for approval</option>
        </select>
      </label>
      {error && <p class="error">{error}</p>}
      <div>
        <button type="submit" class="danger">
          Block
        </button>{' '}
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
