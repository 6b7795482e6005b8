import { useEffect, useState } from 'preact/hooks'
import type { AdminComment, ModerationAnswer } from '../../shared/admin.ts'
import { COMMENT_STATUSES, type ModerationAction } from '../../shared/values.ts'
import { ApiError, post, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { fmtDateTime } from '../format.ts'
import { ReplyBox } from '../reply-box.tsx'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, useDebounced, usePagedList } from '../use-page.ts'

const FILTERS = ['site', 'status', 'thread', 'id', 'q'] as const
const KEYS: Record<string, ModerationAction> = { a: 'approve', r: 'reject', s: 'spam', d: 'delete' }
const LABEL: Record<ModerationAction, string> = { approve: 'Approve', reject: 'Reject', spam: 'Spam', delete: 'Delete' }

/**
 * The moderation queue, search, one post's conversation (?thread=) and one
 * comment (?id=, the link in a notification mail). The author answers any
 * published comment in place. Keyboard: j / k to move, a approve, r reject,
 * s spam, d delete.
 */
export function CommentsPage({ sites }: { user: User; sites: SiteRef[] }) {
  const initial = initialFilters(FILTERS)
  const [f, setF] = useState({ ...initial, status: initial.status || 'pending' })
  const q = useDebounced(f.q)
  const list = usePagedList<AdminComment>('/comments', { ...f, q })
  const [selected, setSelected] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  /** A comment taken down whose reader still holds a valid code: ask whether to revoke it too. */
  const [stillValid, setStillValid] = useState<{ code: string; siteId: string; reader: string } | null>(null)

  const act = async (c: AdminComment, action: ModerationAction) => {
    try {
      const res = await post<ModerationAnswer>(`/comments/${c.id}/${action}`)
      list.setItems((items) => items.filter((i) => i.id !== c.id))
      const issued = res.reward?.status === 'issued' && res.reward.code ? res.reward.code : null
      setNotice(`Comment by ${c.authorName}: ${res.comment.status}.${issued && action === 'approve' ? ` Reward issued: ${issued}.` : ''}`)
      setStillValid(issued && action !== 'approve' ? { code: issued, siteId: c.siteId, reader: c.authorName } : null)
    } catch (e) {
      setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    }
  }

  const revokeToo = async () => {
    if (!stillValid) return
    try {
      await post(`/codes/${encodeURIComponent(stillValid.code)}/revoke${qs({ site: stillValid.siteId })}`)
      setNotice(`${stillValid.code} is revoked: the shop will refuse it.`)
    } catch (e) {
      setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    }
    setStillValid(null)
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || (e.target as HTMLElement).closest('input, textarea, select')) return
      const items = list.items
      if (e.key === 'j') setSelected((i) => Math.min(i + 1, items.length - 1))
      else if (e.key === 'k') setSelected((i) => Math.max(i - 1, 0))
      else if (KEYS[e.key] && items[selected]) void act(items[selected]!, KEYS[e.key]!)
      else return
      e.preventDefault()
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [list.items, selected])
  useEffect(() => {
    document.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.focus({ preventScroll: false })
  }, [selected, list.items])

  const set = (k: (typeof FILTERS)[number]) => (e: Event) => {
    setSelected(0)
    setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })
  }

  return (
    <section aria-labelledby="comments-title">
      <div class="title-row">
        <h1 id="comments-title">Comments</h1>
        <p class="hint">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>s</kbd> spam · <kbd>d</kbd> delete
        </p>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={f.status} onChange={set('status')}>
            {COMMENT_STATUSES.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
        <SiteSelect
          sites={sites}
          value={f.site}
          onChange={(site) => {
            setSelected(0)
            setF({ ...f, site })
          }}
          all
        />
        <label>
          Search
          <input type="search" placeholder="Words, name or email" value={f.q} onInput={set('q')} />
        </label>
      </form>
      {(f.id || f.thread) && (
        <p class="hint">
          {f.id ? 'One comment.' : `The conversation on ${f.thread}.`}{' '}
          <a href="/admin/comments" onClick={() => setF({ site: f.site, status: 'pending', thread: '', id: '', q: '' })}>
            Back to the queue
          </a>
        </p>
      )}
      {stillValid && (
        <div class="follow-up" role="alert">
          <p>
            {stillValid.reader}'s code <code>{stillValid.code}</code> is still valid.
          </p>
          <button type="button" class="danger" onClick={revokeToo}>
            Revoke the code too
          </button>{' '}
          <button type="button" onClick={() => setStillValid(null)}>
            Keep it
          </button>
        </div>
      )}
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {list.error && <p class="error">{list.error}</p>}
      <ol class="queue">
        {list.items.map((c, i) => (
          <li key={c.id}>
            <article
              class={i === selected ? 'selected' : ''}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: the queue is moved through with the keyboard (j/k), one focusable comment at a time.
              tabIndex={0}
              data-index={i}
              onFocus={() => setSelected(i)}
              aria-label={`Comment by ${c.authorName}`}
            >
              <header>
                <strong>{c.authorName}</strong> {c.byAuthor ? <span class="badge issued">author</span> : <span class="muted">{c.email}</span>}
                <span class="muted">
                  {' '}
                  on <a href={`/admin/comments${qs({ site: c.siteId, thread: c.thread.key, status: 'published' })}`}>{c.thread.title ?? c.thread.key}</a>
                  {c.thread.url && (
                    <>
                      {' '}
                      (
                      <a href={c.thread.url} target="_blank" rel="noopener">
                        post
                      </a>
                      )
                    </>
                  )}{' '}
                  · {fmtDateTime(c.createdAt)}
                  {c.editedAt && ' · edited'}
                </span>
                {c.flag && <span class="badge spam">{c.flag}</span>}
                {c.reward && <span class={`badge ${c.reward.status}`}>reward {c.reward.status}</span>}
              </header>
              <p class="body">{c.body}</p>
              <div class="actions">
                {(Object.keys(LABEL) as ModerationAction[])
                  .filter((a) => !(a === 'approve' && c.status === 'published' && c.reward?.status !== 'pending'))
                  .filter((a) => LABEL[a] && !(c.status === 'deleted' && a === 'delete'))
                  .map((a) => (
                    <button type="button" class={a === 'approve' ? 'primary' : a === 'delete' ? 'danger' : ''} onClick={() => act(c, a)}>
                      {LABEL[a]}
                    </button>
                  ))}
              </div>
              {c.status === 'published' && <ReplyBox comment={c} onReplied={(name) => setNotice(`Your reply to ${name} is published.`)} />}
            </article>
          </li>
        ))}
      </ol>
      {!list.loading && list.items.length === 0 && <p class="empty">Nothing here. {f.status === 'pending' && 'The queue is empty.'}</p>}
      {list.cursor && (
        <button type="button" onClick={list.more}>
          Load more
        </button>
      )}
    </section>
  )
}
