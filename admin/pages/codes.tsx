import { useState } from 'preact/hooks'
import type { AdminCode, CodeChangeAnswer } from '../../shared/admin.ts'
import { CODE_STATUSES } from '../../shared/values.ts'
import { ApiError, post, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { FarmingPanel } from '../farming-panel.tsx'
import { fmtDate, fmtDateTime } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, useDebounced, usePagedList } from '../use-page.ts'

const FILTERS = ['site', 'status', 'thread', 'q', 'from', 'to', 'network', 'domain'] as const

export function CodesPage({ user, sites }: { user: User; sites: SiteRef[] }) {
  const [f, setF] = useState(initialFilters(FILTERS))
  const q = useDebounced(f.q)
  const thread = useDebounced(f.thread)
  const filters = { ...f, q, thread }
  const list = usePagedList<AdminCode>('/codes', filters)
  const [notice, setNotice] = useState<string | null>(null)
  const set = (k: (typeof FILTERS)[number]) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })

  const act = async (c: AdminCode, action: 'revoke' | 'redeem') => {
    const verb = action === 'revoke' ? 'Revoke' : 'Mark as redeemed'
    if (!confirm(`${verb} ${c.code} (${c.readerName})?`)) return
    try {
      const res = await post<CodeChangeAnswer>(`/codes/${encodeURIComponent(c.code!)}/${action}${qs({ site: c.siteId })}`)
      list.setItems((items) => items.map((i) => (i.id === c.id ? { ...i, status: res.status, redeemedAt: res.redeemedAt ?? i.redeemedAt } : i)))
      setNotice(`${c.code} is now ${res.status}.`)
    } catch (e) {
      setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    }
  }

  return (
    <section aria-labelledby="codes-title">
      <div class="title-row">
        <h1 id="codes-title">Discount codes</h1>
        <a class="button" href={`/api/v1/admin/codes.csv${qs({ ...filters })}`} download>
          Download CSV
        </a>
      </div>
      {(f.site || sites[0]) && (
        <FarmingPanel
          siteId={f.site || sites[0]!.id}
          owner={user.role === 'owner'}
          onFilter={(by) => setF({ ...f, site: f.site || sites[0]!.id, network: by.network ?? '', domain: by.domain ?? '', status: by.status ?? f.status })}
          onChanged={list.reload}
        />
      )}
      {(f.network || f.domain) && (
        <p class="notice">
          Showing the codes of {f.network ? `network ${f.network.slice(0, 8)}` : f.domain}.{' '}
          <button type="button" class="link" onClick={() => setF({ ...f, network: '', domain: '' })}>
            Show all
          </button>
        </p>
      )}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" placeholder="Code, email or name" value={f.q} onInput={set('q')} />
        </label>
        <SiteSelect sites={sites} value={f.site} onChange={(site) => setF({ ...f, site })} all />
        <label>
          Status
          <select value={f.status} onChange={set('status')}>
            <option value="">Any</option>
            {CODE_STATUSES.map((s) => (
              <option value={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Post
          <input placeholder="/blog/post-path" value={f.thread} onInput={set('thread')} />
        </label>
        <label>
          From
          <input type="date" value={f.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={f.to} onChange={set('to')} />
        </label>
      </form>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {list.error && (
        <p class="error" role="alert">
          {list.error}
        </p>
      )}
      <div class="table-wrap">
        <table class="codes">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Status</th>
              <th scope="col">Reader</th>
              <th scope="col">Post</th>
              <th scope="col">Issued</th>
              <th scope="col">Expires</th>
              <th scope="col">Redeemed</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id} data-code={c.code ?? ''}>
                <td data-label="Code">
                  <code>{c.code ?? '—'}</code>
                  <small>{c.label}</small>
                </td>
                <td data-label="Status">
                  <span class={`badge ${c.status}`}>{c.status}</span>
                  {c.pendingReason && <small>{c.pendingReason}</small>}
                </td>
                <td data-label="Reader">
                  {c.readerName}
                  <small>{c.email}</small>
                </td>
                <td data-label="Post">
                  {c.thread.title ?? c.thread.key}
                  <small title={c.commentExcerpt}>{c.thread.key}</small>
                </td>
                <td data-label="Issued">{fmtDateTime(c.issuedAt)}</td>
                <td data-label="Expires">{fmtDate(c.expiresAt)}</td>
                <td data-label="Redeemed">
                  {fmtDateTime(c.redeemedAt)}
                  {c.orderRef && <small>{c.orderRef}</small>}
                </td>
                <td class="actions">
                  {c.kind !== 'static' && (c.status === 'issued' || c.status === 'expired') && (
                    <button type="button" onClick={() => act(c, 'redeem')}>
                      Mark redeemed
                    </button>
                  )}
                  {c.kind !== 'static' && (c.status === 'issued' || c.status === 'pending' || c.status === 'expired') && (
                    <button type="button" class="danger" onClick={() => act(c, 'revoke')}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && list.items.length === 0 && <p class="empty">No codes match.</p>}
      {list.cursor && (
        <button type="button" onClick={list.more}>
          Load more
        </button>
      )}
    </section>
  )
}
