import { useState } from 'preact/hooks'
import type { AdminCode, CodeChangeAnswer } from '../../shared/admin.ts'
import { CODES_COUNT_CAP } from '../../shared/limits.ts'
import { CODE_STATUSES } from '../../shared/values.ts'
import { ApiError, call, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { CodeActionDialog, type CodeDecision } from '../code-action-dialog.tsx'
import { useDelayedAction } from '../delayed-action.ts'
import { FarmingPanel } from '../farming-panel.tsx'
import { fmtDate, fmtMoney, fmtTime } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, useDebounced, usePagedList } from '../use-page.ts'

const FILTERS = ['site', 'status', 'thread', 'q', 'from', 'to', 'network', 'domain'] as const
/** Codes per page: a phone shows them as compact cards, and "Show more" fetches the next page. */
const PAGE_SIZE = 25

/** A date on one line, its time below (a phone's card leaves the time out). */
function Moment({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>
  return (
    <>
      <span class="date">{fmtDate(iso)}</span>
      <small class="time">{fmtTime(iso)}</small>
    </>
  )
}

export function CodesPage({ user, sites }: { user: User; sites: SiteRef[] }) {
  const [f, setF] = useState(initialFilters(FILTERS))
  const q = useDebounced(f.q)
  const thread = useDebounced(f.thread)
  const filters = { ...f, q, thread }
  const list = usePagedList<AdminCode>('/codes', filters, PAGE_SIZE)
  const [notice, setNotice] = useState<string | null>(null)
  const [asking, setAsking] = useState<{ code: AdminCode; action: CodeDecision['action'] } | null>(null)
  // Codes changed in the page, waiting to be sent: shown as changed, with Undo.
  const [changing, setChanging] = useState<Record<number, CodeDecision['action']>>({})
  const delayed = useDelayedAction()
  const set = (k: (typeof FILTERS)[number]) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })

  const decide = (c: AdminCode, d: CodeDecision) => {
    setAsking(null)
    setChanging((m) => ({ ...m, [c.id]: d.action }))
    const done = (id: number) =>
      setChanging(({ [id]: _, ...rest }) => {
        return rest
      })
    const body =
      d.action === 'revoke'
        ? d.reason
          ? { reason: d.reason }
          : {}
        : { ...(d.orderRef && { orderRef: d.orderRef }), orderTotal: d.orderTotal, currency: d.currency }
    delayed.schedule(
      d.action === 'revoke' ? `${c.code} will be revoked.` : `${c.code} will be marked redeemed.`,
      async (keepalive) => {
        try {
          const res = await call<CodeChangeAnswer>('POST', `/codes/${encodeURIComponent(c.code!)}/${d.action}${qs({ site: c.siteId })}`, body, { keepalive })
          list.setItems((items) => items.map((i) => (i.id === c.id ? { ...i, ...res, code: i.code } : i)))
          setNotice(`${c.code} is now ${res.status}.`)
        } catch (e) {
          setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
        } finally {
          done(c.id)
        }
      },
      () => {
        done(c.id)
        setNotice(`${c.code} is unchanged.`)
      },
    )
  }
  const count =
    list.total === null
      ? null
      : list.total >= CODES_COUNT_CAP
        ? `${CODES_COUNT_CAP.toLocaleString()} or more codes`
        : list.total === 1
          ? '1 code'
          : `${list.total.toLocaleString()} codes`

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
          <input type="search" placeholder="Code, email, name or order number" value={f.q} onInput={set('q')} />
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
          <input placeholder="part of its path" value={f.thread} onInput={set('thread')} />
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
      <p class="notice" id="codes-notice" role="status" aria-live="polite">
        {delayed.waiting ? (
          <span class="undo">
            {delayed.waiting.what}{' '}
            <button type="button" onClick={delayed.undo}>
              Undo
            </button>{' '}
            <small class="inline">{delayed.waiting.left} s</small>
          </span>
        ) : (
          notice
        )}
      </p>
      {count && (
        <p class="count" data-total={list.total}>
          {count}
          {list.items.length < (list.total ?? 0) && `, ${list.items.length} shown`}
        </p>
      )}
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
              <th scope="col">Redeemed</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id} data-code={c.code ?? ''} class={changing[c.id] ? 'changing' : undefined}>
                <td data-label="Code">
                  <code>{c.code ?? '—'}</code>
                  <small>{c.label}</small>
                </td>
                <td data-label="Status">
                  {changing[c.id] ? (
                    <span class={`badge ${changing[c.id] === 'revoke' ? 'revoked' : 'redeemed'}`}>{changing[c.id] === 'revoke' ? 'revoked' : 'redeemed'}</span>
                  ) : (
                    <span class={`badge ${c.status}`}>{c.status}</span>
                  )}
                  {c.pendingReason && <small>{c.pendingReason}</small>}
                </td>
                <td data-label="Reader">
                  {c.readerName}
                  <small>{c.email}</small>
                </td>
                <td data-label="Post" title={c.commentExcerpt}>
                  {c.thread.title ?? c.thread.key}
                  {c.thread.title && <small>{c.thread.key}</small>}
                </td>
                <td data-label="Issued">
                  <Moment iso={c.issuedAt} />
                  {c.expiresAt && <small class="until">until {fmtDate(c.expiresAt)}</small>}
                </td>
                <td data-label="Redeemed">
                  <Moment iso={c.redeemedAt} />
                  {(c.orderRef || c.orderTotal) && (
                    <small class="order">
                      {[c.orderRef, c.orderTotal && c.orderCurrency && fmtMoney(c.orderTotal, c.orderCurrency)].filter(Boolean).join(' · ')}
                    </small>
                  )}
                </td>
                <td class="actions">
                  {!changing[c.id] && c.code && c.kind !== 'static' && (c.status === 'issued' || c.status === 'expired') && (
                    <button type="button" onClick={() => setAsking({ code: c, action: 'redeem' })}>
                      Mark redeemed
                    </button>
                  )}
                  {!changing[c.id] && c.code && c.kind !== 'static' && (c.status === 'issued' || c.status === 'pending' || c.status === 'expired') && (
                    <button type="button" class="danger" onClick={() => setAsking({ code: c, action: 'revoke' })}>
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
        <button type="button" class="more" onClick={list.more}>
          Show {PAGE_SIZE} more
        </button>
      )}
      {asking && <CodeActionDialog code={asking.code} action={asking.action} onDecide={(d) => decide(asking.code, d)} onClose={() => setAsking(null)} />}
    </section>
  )
}
