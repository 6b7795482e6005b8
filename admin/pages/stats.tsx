import { useEffect, useState } from 'preact/hooks'
import type { StatsAnswer } from '../../shared/admin.ts'
import { ApiError, get, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { DailyChart } from '../chart.tsx'
import { fmtPercent } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters } from '../use-page.ts'

export function StatsPage({ sites }: { user: User; sites: SiteRef[] }) {
  const [f, setF] = useState(initialFilters(['site', 'from', 'to'] as const))
  const site = f.site || sites[0]?.id || ''
  const [stats, setStats] = useState<StatsAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!site) return
    const query = qs({ site, from: f.from, to: f.to })
    history.replaceState(null, '', location.pathname + query)
    get<StatsAnswer>(`/stats${query}`)
      .then((s) => {
        setStats(s)
        setError(null)
      })
      .catch((e) => setError(e instanceof ApiError ? e.body.message : 'The server could not be reached.'))
  }, [site, f.from, f.to])

  const set = (k: 'site' | 'from' | 'to') => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })
  const t = stats?.totals

  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">Does it pay?</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <SiteSelect sites={sites} value={site} onChange={(id) => setF({ ...f, site: id })} />
        <label>
          From
          <input type="date" value={f.from || stats?.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={f.to || stats?.to} onChange={set('to')} />
        </label>
      </form>
      {error && <p class="error">{error}</p>}
      {t && stats && (
        <>
          <dl class="cards">
            <div>
              <dt>Comments</dt>
              <dd data-stat="comments">{t.comments}</dd>
            </div>
            <div>
              <dt>Codes issued</dt>
              <dd data-stat="issued">{t.issued}</dd>
            </div>
            <div>
              <dt>Codes redeemed</dt>
              <dd data-stat="redeemed">{t.redeemed}</dd>
            </div>
            <div>
              <dt>Comment → purchase</dt>
              <dd data-stat="conversion">{fmtPercent(t.conversion)}</dd>
            </div>
          </dl>
          <DailyChart days={stats.days} />
          <h2>Posts that turn readers into customers</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  <th scope="col" class="num">
                    Comments
                  </th>
                  <th scope="col" class="num">
                    Issued
                  </th>
                  <th scope="col" class="num">
                    Redeemed
                  </th>
                  <th scope="col" class="num">
                    Comment → purchase
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.threads.map((r) => (
                  <tr>
                    <td data-label="Post">
                      {r.title ?? r.key}
                      <small>{r.key}</small>
                    </td>
                    <td class="num" data-label="Comments">
                      {r.comments}
                    </td>
                    <td class="num" data-label="Issued">
                      {r.issued}
                    </td>
                    <td class="num" data-label="Redeemed">
                      {r.redeemed}
                    </td>
                    <td class="num" data-label="Conversion">
                      {fmtPercent(r.conversion)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {stats.threads.length === 0 && <p class="empty">No activity in this period.</p>}
        </>
      )}
    </section>
  )
}
