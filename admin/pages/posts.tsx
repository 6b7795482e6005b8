import { useState } from 'preact/hooks'
import type { SiteRef } from '../../shared/admin.ts'
import type { AdminPost, PostStateAnswer } from '../../shared/moderation.ts'
import { ApiError, post, qs } from '../api.ts'
import type { User } from '../app.tsx'
import { fmtDate } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, useDebounced, usePagedList } from '../use-page.ts'

/** A site's posts: how many comments, how many waiting, and closing one to new comments (or opening it again). */
export function PostsPage({ sites }: { user: User; sites: SiteRef[] }) {
  // The sites arrive after the page: nothing is asked before there is one to ask about.
  return sites.length ? <Posts sites={sites} /> : <p>Loading…</p>
}

function Posts({ sites }: { sites: SiteRef[] }) {
  const initial = initialFilters(['site', 'q', 'closed'] as const)
  const [f, setF] = useState({ ...initial, site: initial.site || sites[0]!.id })
  const q = useDebounced(f.q)
  const site = f.site
  const list = usePagedList<AdminPost>(`/sites/${encodeURIComponent(site)}/posts`, { ...f, site, q })
  const [notice, setNotice] = useState<string | null>(null)

  const flip = async (p: AdminPost) => {
    try {
      const r = await post<PostStateAnswer>(`/sites/${encodeURIComponent(site)}/posts/${p.closedAt ? 'open' : 'close'}`, { thread: p.key })
      list.setItems((items) => items.map((i) => (i.key === p.key ? { ...i, closedAt: r.closedAt } : i)))
      setNotice(r.closedAt ? `${p.title ?? p.key} is closed: no new comments; the widget says so.` : `${p.title ?? p.key} takes comments again.`)
    } catch (e) {
      setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    }
  }

  return (
    <section aria-labelledby="posts-title">
      <h1 id="posts-title">Posts</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SiteSelect sites={sites} value={site} onChange={(s) => setF({ ...f, site: s })} />
        <label>
          Search
          <input type="search" placeholder="Path or title" value={f.q} onInput={(e) => setF({ ...f, q: e.currentTarget.value })} />
        </label>
        <label>
          Show
          <select value={f.closed} onChange={(e) => setF({ ...f, closed: e.currentTarget.value })}>
            <option value="">Every post</option>
            <option value="false">Open</option>
            <option value="true">Closed</option>
          </select>
        </label>
      </form>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {list.error && <p class="error">{list.error}</p>}
      <div class="table-wrap">
        <table class="posts">
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col" class="num">
                Comments
              </th>
              <th scope="col" class="num">
                Waiting
              </th>
              <th scope="col">Comments are</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((p) => (
              <tr key={p.key}>
                <td data-label="Post" class="detail">
                  <a href={`/admin/comments${qs({ site, thread: p.key, status: 'published' })}`}>{p.title ?? p.key}</a>
                  {p.title && <small>{p.key}</small>}
                </td>
                <td data-label="Comments" class="num">
                  {p.comments}
                </td>
                <td data-label="Waiting" class="num">
                  {p.pending ? <a href={`/admin/comments${qs({ site, thread: p.key, status: 'pending' })}`}>{p.pending}</a> : 0}
                </td>
                <td data-label="Comments are">
                  {p.closedAt ? <span class="badge pending">closed since {fmtDate(p.closedAt)}</span> : <span class="badge published">open</span>}
                </td>
                <td class="actions">
                  <button
                    type="button"
                    class={p.closedAt ? '' : 'danger'}
                    onClick={() => flip(p)}
                    aria-label={`${p.closedAt ? 'Reopen' : 'Close'} ${p.title ?? p.key}`}
                  >
                    {p.closedAt ? 'Reopen' : 'Close'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && list.items.length === 0 && <p class="empty">No posts yet: a post appears here with its first comment, or when you list it.</p>}
      {list.cursor && (
        <button type="button" onClick={list.more}>
          Load more
        </button>
      )}
    </section>
  )
}
