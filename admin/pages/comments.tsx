import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdminComment, Page } from '../../shared/admin.ts'
import type { AdminPost, DecisionAnswer, PostStateAnswer, RevokeCodesAnswer, UndoAnswer } from '../../shared/moderation.ts'
import { COMMENT_STATUSES, type ModerationAction } from '../../shared/values.ts'
import { ApiError, get, post, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { BlockBox, EditBox } from '../comment-tools.tsx'
import { fmtDate, fmtDateTime } from '../format.ts'
import { ReplyBox } from '../reply-box.tsx'
import { usePath } from '../router.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, useDebounced, usePagedList } from '../use-page.ts'
import { BlocksPage } from './blocks.tsx'
import { PostsPage } from './posts.tsx'
import '../moderation.css'

const FILTERS = ['site', 'status', 'thread', 'id', 'q', 'reader'] as const
const KEYS: Record<string, ModerationAction> = { a: 'approve', r: 'reject', s: 'spam', d: 'delete' }
const LABEL: Record<ModerationAction, string> = { approve: 'Approve', reject: 'Reject', spam: 'Spam', delete: 'Delete' }
const DONE: Record<ModerationAction, string> = { approve: 'approved', reject: 'rejected', spam: 'marked as spam', delete: 'deleted' }
/** How long the Undo button stays after a decision (the server keeps it undoable for 10 minutes). */
const UNDO_SHOWN_MS = 30_000

const SECTIONS = [
  { path: '/admin/comments', label: 'Queue' },
  { path: '/admin/comments/posts', label: 'Posts' },
  { path: '/admin/comments/blocks', label: 'Blocks' },
]

const message = (e: unknown) => (e instanceof ApiError ? e.body.message : 'The server could not be reached.')
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The Comments section: the queue, the posts (closing them), and whom the site blocks. */
export function CommentsPage(props: { user: User; sites: SiteRef[] }) {
  const full = usePath()
  const path = full.split('?')[0]!
  const section = SECTIONS.find((s) => s.path === path) ?? SECTIONS[0]!
  return (
    <>
      <nav class="subnav" aria-label="Comments">
        {SECTIONS.map((s) => (
          <a href={s.path} aria-current={s === section ? 'page' : undefined}>
            {s.label}
          </a>
        ))}
      </nav>
      {/* A link within the section (a reader, a post, a parent comment) starts the page over from its address. */}
      {section.label === 'Posts' ? (
        <PostsPage key={full} {...props} />
      ) : section.label === 'Blocks' ? (
        <BlocksPage key={full} {...props} />
      ) : (
        <QueuePage key={full} {...props} />
      )}
    </>
  )
}

/**
 * The moderation queue, search, one post's conversation (?thread=), one
 * reader's comments (?reader=) and one comment (?id=, the link in a
 * notification mail). Decisions go one or many at a time and can be undone
 * for a while. Keyboard: j / k move, x selects, X selects the page, a approve,
 * r reject, s spam, d delete (the selection, or the comment in focus), z undo.
 */
function QueuePage({ sites }: { sites: SiteRef[] }) {
  const initial = initialFilters(FILTERS)
  const [f, setF] = useState({ ...initial, status: initial.status || (initial.reader ? 'all' : 'pending') })
  const q = useDebounced(f.q)
  const list = usePagedList<AdminComment>('/comments', { ...f, q })
  const [selected, setSelected] = useState(0)
  const [checked, setChecked] = useState<Set<number>>(new Set())
  const [notice, setNotice] = useState<string | null>(null)
  const [undo, setUndo] = useState<{ id: string } | null>(null)
  /** Comments taken down whose readers still hold a valid code: ask whether to revoke them too. */
  const [stillValid, setStillValid] = useState<{ decision: string; items: DecisionAnswer['stillValid'] } | null>(null)
  const [open, setOpen] = useState<{ id: number; tool: 'edit' | 'block' } | null>(null)
  const undoTimer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => setChecked(new Set()), [list.items.length === 0, f.site, f.status, f.thread, f.reader, q])

  const offerUndo = (id: string | null) => {
    clearTimeout(undoTimer.current)
    setUndo(id ? { id } : null)
    if (id) undoTimer.current = setTimeout(() => setUndo(null), UNDO_SHOWN_MS)
  }
  useEffect(() => () => clearTimeout(undoTimer.current), [])

  /** One decision on one or many comments; the list shows what became of them. */
  const act = async (targets: AdminComment[], action: ModerationAction) => {
    if (!targets.length) return
    try {
      const res = await post<DecisionAnswer>('/comments/decisions', { ids: targets.map((c) => c.id), action })
      const changed = new Map(res.comments.map((c) => [c.id, c]))
      // A list of one status loses what left it; "all", one reader's and one comment show the change in place.
      const inPlace = f.status === 'all' || f.id !== ''
      list.setItems((items) =>
        inPlace
          ? items.map((i) => (changed.has(i.id) ? { ...i, status: changed.get(i.id)!.status, reward: changed.get(i.id)!.reward } : i))
          : items.filter((i) => changed.get(i.id)?.status === undefined || changed.get(i.id)!.status === f.status),
      )
      setChecked(new Set())
      setSelected((i) => Math.max(0, Math.min(i, list.items.length - targets.length - 1)))
      const issued = res.comments.filter(
        (c) => c.reward?.status === 'issued' && c.reward.code && targets.find((t) => t.id === c.id)?.reward?.status !== 'issued',
      )
      // One comment is said as before (its status); many by what was done to them.
      const done =
        targets.length === 1 ? `Comment by ${targets[0]!.authorName}: ${res.comments[0]!.status}.` : `${plural(targets.length, 'comment')} ${DONE[action]}.`
      setNotice(`${done}${action === 'approve' && issued.length ? ` Reward issued: ${issued.map((c) => c.reward!.code).join(', ')}.` : ''}`)
      offerUndo(res.undo?.id ?? null)
      setStillValid(res.stillValid.length && res.undo ? { decision: res.undo.id, items: res.stillValid } : null)
    } catch (e) {
      setNotice(message(e))
    }
  }

  const undoLast = async () => {
    if (!undo) return
    try {
      const res = await post<UndoAnswer>(`/comments/decisions/${undo.id}/undo`)
      setNotice(
        `Undone: ${plural(res.restored, 'comment')} back as ${res.restored === 1 ? 'it was' : 'they were'}.${res.skipped ? ` ${plural(res.skipped, 'comment')} changed since, left as now.` : ''}`,
      )
      offerUndo(null)
      setStillValid(null)
      list.reload()
    } catch (e) {
      setNotice(message(e))
    }
  }

  const revokeToo = async () => {
    if (!stillValid) return
    try {
      const res = await post<RevokeCodesAnswer>(`/comments/decisions/${stillValid.decision}/revoke-codes`)
      setNotice(
        `${res.revoked.join(', ')} ${res.revoked.length === 1 ? 'is' : 'are'} revoked: the shop will refuse ${res.revoked.length === 1 ? 'it' : 'them'}.`,
      )
    } catch (e) {
      setNotice(message(e))
    }
    setStillValid(null)
  }

  const toggle = (id: number) =>
    setChecked((s) => {
      const next = new Set(s)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const allChecked = list.items.length > 0 && list.items.every((c) => checked.has(c.id))
  const toggleAll = () => setChecked(allChecked ? new Set() : new Set(list.items.map((c) => c.id)))
  const targets = (focused?: AdminComment) => (checked.size ? list.items.filter((c) => checked.has(c.id)) : focused ? [focused] : [])

  // Read at each key press from this render: keys pressed in quick succession each see the one before.
  const onKey = useRef<(e: KeyboardEvent) => void>()
  onKey.current = (e) => {
    if (e.metaKey || e.ctrlKey || e.altKey || (e.target as HTMLElement).closest('input, textarea, select')) return
    const items = list.items
    const focused = items[selected]
    if (e.key === 'j') setSelected((i) => Math.min(i + 1, items.length - 1))
    else if (e.key === 'k') setSelected((i) => Math.max(i - 1, 0))
    else if (e.key === 'x' && focused) toggle(focused.id)
    else if (e.key === 'X') toggleAll()
    else if (e.key === 'z' && undo) void undoLast()
    else if (KEYS[e.key] && (checked.size || focused)) void act(targets(focused), KEYS[e.key]!)
    else return
    e.preventDefault()
  }
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current?.(e)
    addEventListener('keydown', listener)
    return () => removeEventListener('keydown', listener)
  }, [])
  useEffect(() => {
    document.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.focus({ preventScroll: false })
  }, [selected, list.items.length])

  const set = (k: (typeof FILTERS)[number]) => (e: Event) => {
    setSelected(0)
    setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })
  }
  const bulk = checked.size ? list.items.filter((c) => checked.has(c.id)) : []

  return (
    <section aria-labelledby="comments-title">
      <div class="title-row">
        <h1 id="comments-title">Comments</h1>
        <p class="hint keys">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>x</kbd> select · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>s</kbd> spam · <kbd>d</kbd> delete ·{' '}
          <kbd>z</kbd> undo
        </p>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={f.status} onChange={set('status')}>
            {COMMENT_STATUSES.map((s) => (
              <option value={s}>{s}</option>
            ))}
            <option value="all">all statuses</option>
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
      {f.thread && f.site && <ThreadHeader site={f.site} thread={f.thread} onNotice={setNotice} />}
      {(f.id || f.thread || f.reader) && (
        <p class="hint">
          {f.id ? 'One comment.' : f.reader ? `Every comment by ${f.reader}, on every post.` : f.site ? '' : `The conversation on ${f.thread}.`}{' '}
          <a href="/admin/comments" onClick={() => setF({ site: f.site, status: 'pending', thread: '', id: '', q: '', reader: '' })}>
            Back to the queue
          </a>
        </p>
      )}
      {stillValid && (
        <div class="follow-up" role="alert">
          <p>
            {stillValid.items.length === 1 ? (
              <>
                {stillValid.items[0]!.authorName}'s code <code>{stillValid.items[0]!.code}</code> is still valid.
              </>
            ) : (
              <>
                {stillValid.items.length} readers still hold a valid code:{' '}
                {stillValid.items.map((s, i) => (
                  <>
                    {i > 0 && ', '}
                    <code>{s.code}</code>
                  </>
                ))}
                .
              </>
            )}
          </p>
          <button type="button" class="danger" onClick={revokeToo}>
            {stillValid.items.length === 1 ? 'Revoke the code too' : 'Revoke the codes too'}
          </button>{' '}
          <button type="button" onClick={() => setStillValid(null)}>
            {stillValid.items.length === 1 ? 'Keep it' : 'Keep them'}
          </button>
        </div>
      )}
      <div class="notice-row">
        <p class="notice" role="status" aria-live="polite">
          {notice}
        </p>
        {undo && (
          <button type="button" class="undo" onClick={undoLast}>
            Undo
          </button>
        )}
      </div>
      {list.error && <p class="error">{list.error}</p>}
      {list.items.length > 0 && (
        <div class="bulk" role="toolbar" aria-label="Selected comments">
          <label class="check">
            <input type="checkbox" checked={allChecked} indeterminate={checked.size > 0 && !allChecked} onChange={toggleAll} />
            Select all on this page
          </label>
          <span class="muted">{bulk.length ? `${bulk.length} selected` : 'None selected'}</span>
          {(Object.keys(LABEL) as ModerationAction[]).map((a) => (
            <button type="button" disabled={!bulk.length} class={a === 'approve' ? 'primary' : a === 'delete' ? 'danger' : ''} onClick={() => act(bulk, a)}>
              {LABEL[a]} {bulk.length ? bulk.length : ''}
            </button>
          ))}
        </div>
      )}
      <ol class="queue">
        {list.items.map((c, i) => (
          <li key={c.id}>
            <article
              class={`${i === selected ? 'selected' : ''}${checked.has(c.id) ? ' checked' : ''}`}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: the queue is moved through with the keyboard (j/k), one focusable comment at a time.
              tabIndex={0}
              data-index={i}
              onFocus={() => setSelected(i)}
              aria-label={`Comment by ${c.authorName}`}
            >
              <header>
                <input
                  type="checkbox"
                  class="pick"
                  aria-label={`Select the comment by ${c.authorName}`}
                  checked={checked.has(c.id)}
                  onChange={() => toggle(c.id)}
                />
                {c.byAuthor ? (
                  <>
                    <strong>{c.authorName}</strong> <span class="badge issued">author</span>
                  </>
                ) : (
                  <>
                    <a class="author" href={`/admin/comments${qs({ site: c.siteId, reader: c.email, status: 'all' })}`} title="Every comment by this reader">
                      <strong>{c.authorName}</strong>
                    </a>{' '}
                    <span class="muted">{c.email}</span>
                  </>
                )}
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
                </span>{' '}
                {(f.status === 'all' || f.id) && <span class={`badge ${c.status}`}>{c.status}</span>}
                {c.flag && <span class="badge spam">{c.flag}</span>}
                {c.reward && <span class={`badge ${c.reward.status}`}>reward {c.reward.status}</span>}
              </header>
              {c.parent && (
                <p class="in-reply">
                  In reply to <a href={`/admin/comments${qs({ id: c.parent.id })}`}>{c.parent.authorName || 'a deleted comment'}</a>
                  {c.parent.excerpt && <q>{c.parent.excerpt}</q>}
                  {c.parent.status !== 'published' && <span class={`badge ${c.parent.status}`}>{c.parent.status}</span>}
                </p>
              )}
              {open?.id === c.id && open.tool === 'edit' ? (
                <EditBox
                  comment={c}
                  onDone={(edited) => {
                    setOpen(null)
                    if (!edited) return
                    list.setItems((items) => items.map((i) => (i.id === c.id ? { ...i, body: edited.body, editedAt: edited.editedAt } : i)))
                    setNotice(`The comment by ${c.authorName} is changed; readers see it marked edited.`)
                  }}
                />
              ) : (
                <p class="body">{c.body}</p>
              )}
              <div class="actions">
                {(Object.keys(LABEL) as ModerationAction[])
                  .filter((a) => !(a === 'approve' && c.status === 'published' && c.reward?.status !== 'pending'))
                  .filter((a) => c.status !== TARGET_OF[a])
                  .map((a) => (
                    <button type="button" class={a === 'approve' ? 'primary' : a === 'delete' ? 'danger' : ''} onClick={() => act([c], a)}>
                      {LABEL[a]}
                    </button>
                  ))}
                {c.status !== 'deleted' && (
                  <button type="button" aria-expanded={open?.id === c.id && open.tool === 'edit'} onClick={() => setOpen({ id: c.id, tool: 'edit' })}>
                    Edit
                  </button>
                )}
                {!c.byAuthor && (
                  <button
                    type="button"
                    aria-expanded={open?.id === c.id && open.tool === 'block'}
                    onClick={() => setOpen(open?.id === c.id && open.tool === 'block' ? null : { id: c.id, tool: 'block' })}
                  >
                    Block…
                  </button>
                )}
              </div>
              {open?.id === c.id && open.tool === 'block' && (
                <BlockBox
                  comment={c}
                  onDone={(said) => {
                    setOpen(null)
                    if (said) setNotice(said)
                  }}
                />
              )}
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

const TARGET_OF: Record<ModerationAction, AdminComment['status']> = { approve: 'published', reject: 'rejected', spam: 'spam', delete: 'deleted' }

/** Above one post's conversation: what it is, and closing it to new comments. */
function ThreadHeader({ site, thread, onNotice }: { site: string; thread: string; onNotice: (s: string) => void }) {
  const [p, setP] = useState<AdminPost | null>(null)
  useEffect(() => {
    get<Page<AdminPost>>(`/sites/${encodeURIComponent(site)}/posts${qs({ thread })}`).then(
      (r) => setP(r.items[0] ?? null),
      () => setP(null),
    )
  }, [site, thread])
  if (!p) return null
  const flip = async () => {
    try {
      const r = await post<PostStateAnswer>(`/sites/${encodeURIComponent(site)}/posts/${p.closedAt ? 'open' : 'close'}`, { thread: p.key })
      setP({ ...p, closedAt: r.closedAt })
      onNotice(r.closedAt ? `${p.title ?? p.key} is closed: no new comments; the widget says so.` : `${p.title ?? p.key} takes comments again.`)
    } catch (e) {
      onNotice(message(e))
    }
  }
  return (
    <div class="thread-head">
      <div>
        <h2>{p.title ?? p.key}</h2>
        <p class="hint">
          {plural(p.comments, 'published comment')} · {plural(p.pending, 'waiting', 'waiting')}
          {p.url && (
            <>
              {' '}
              ·{' '}
              <a href={p.url} target="_blank" rel="noopener">
                the post
              </a>
            </>
          )}{' '}
          · {p.closedAt ? <span class="badge pending">closed since {fmtDate(p.closedAt)}</span> : <span class="badge published">open</span>}
        </p>
      </div>
      <button type="button" class={p.closedAt ? '' : 'danger'} onClick={flip}>
        {p.closedAt ? 'Reopen comments' : 'Close comments'}
      </button>
    </div>
  )
}
