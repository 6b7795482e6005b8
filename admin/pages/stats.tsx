import { useEffect, useState } from 'preact/hooks'
import type { StatsAnswer } from '../../shared/admin.ts'
import { ApiError, get, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { MonthChart } from '../chart.tsx'
import { fmtMoney, fmtPercent, fmtRevenue } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters } from '../use-page.ts'

type Post = StatsAnswer['threads'][number]
const SORTS = {
  revenue: 'Revenue',
  conversion: 'Conversion',
  redemptions: 'Redemptions',
  rewardedReaders: 'Readers rewarded',
  comments: 'Comments',
} as const
type SortKey = keyof typeof SORTS

/** Posts ordered by one column, largest first; revenue in the currency with the most orders (currencies are never added). */
function sortPosts(posts: Post[], by: SortKey, currency: string | undefined): Post[] {
  const revenue = (p: Post) => Number(p.revenue.find((r) => r.currency === currency)?.amount ?? 0)
  const value = (p: Post) => (by === 'revenue' ? revenue(p) : p[by])
  return [...posts].sort((a, b) => value(b) - value(a) || b.redemptions - a.redemptions || b.rewardedReaders - a.rewardedReaders)
}

export function StatsPage({ sites }: { user: User; sites: SiteRef[] }) {
  const [f, setF] = useState(initialFilters(['site', 'from', 'to', 'sort'] as const))
  const site = f.site || sites[0]?.id || ''
  const [stats, setStats] = useState<StatsAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!site) return
    const query = qs({ site, from: f.from, to: f.to })
    history.replaceState(null, '', location.pathname + qs({ site, from: f.from, to: f.to, sort: f.sort }))
    get<StatsAnswer>(`/stats${query}`)
      .then((s) => {
        setStats(s)
        setError(null)
      })
      .catch((e) => setError(e instanceof ApiError ? e.body.message : 'The server could not be reached.'))
  }, [site, f.from, f.to])
  useEffect(() => history.replaceState(null, '', location.pathname + qs({ site, from: f.from, to: f.to, sort: f.sort })), [f.sort])

  const set = (k: 'from' | 'to') => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })
  const t = stats?.totals
  const currency = t?.revenue[0]?.currency
  const sort: SortKey = f.sort in SORTS ? (f.sort as SortKey) : currency ? 'revenue' : 'redemptions'
  const posts = stats ? sortPosts(stats.threads, sort, currency) : []
  const sortHeader = (key: SortKey, label: string = SORTS[key]) => (
    <th scope="col" class="num" aria-sort={sort === key ? 'descending' : undefined}>
      <button type="button" class="link sort" onClick={() => setF({ ...f, sort: key })}>
        {label}
        {sort === key && <span aria-hidden="true"> ↓</span>}
      </button>
    </th>
  )

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
              <dt>Readers rewarded</dt>
              <dd data-stat="rewarded">{t.rewardedReaders}</dd>
            </div>
            <div>
              <dt>Became customers</dt>
              <dd data-stat="converted">{t.convertedReaders}</dd>
              <dd class="sub" data-stat="conversion">
                {fmtPercent(t.conversion)} of rewarded readers
              </dd>
            </div>
            <div>
              <dt>Redemptions</dt>
              <dd data-stat="redemptions">{t.redemptions}</dd>
            </div>
            <div>
              <dt>Revenue</dt>
              {t.revenue.length ? (
                t.revenue.map((r) => (
                  <dd data-stat={`revenue-${r.currency}`}>
                    {fmtMoney(r.amount, r.currency)}
                    <small>{r.orders === 1 ? '1 order' : `${r.orders} orders`}</small>
                  </dd>
                ))
              ) : (
                <dd class="sub" data-stat="revenue">
                  None reported: the shop sends it with each redemption (orderTotal).
                </dd>
              )}
            </div>
            <div>
              <dt>Comments</dt>
              <dd data-stat="comments">{t.comments}</dd>
            </div>
          </dl>
          <p class="hint">
            Conversion counts readers, not comments: of the readers rewarded in a month, how many have used their code since. Redemptions and revenue count in
            the month they happened.
          </p>
          <MonthChart months={stats.months} />

          <div class="title-row">
            <h2 id="posts-title">Posts that turn readers into customers</h2>
            <label class="phone-only">
              Sort posts by
              <select value={sort} onChange={(e) => setF({ ...f, sort: e.currentTarget.value })}>
                {Object.entries(SORTS).map(([k, label]) => (
                  <option value={k}>{label}</option>
                ))}
              </select>
            </label>
          </div>
          <div class="table-wrap">
            <table class="posts" aria-labelledby="posts-title">
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  {sortHeader('comments')}
                  {sortHeader('rewardedReaders')}
                  {sortHeader('redemptions')}
                  {sortHeader('conversion')}
                  {sortHeader('revenue')}
                </tr>
              </thead>
              <tbody>
                {posts.map((r) => (
                  <tr key={r.key} data-post={r.key}>
                    <td data-label="Post">
                      {r.title ?? r.key}
                      {r.title && <small>{r.key}</small>}
                    </td>
                    <td class="num" data-label="Comments">
                      {r.comments}
                    </td>
                    <td class="num" data-label="Readers rewarded">
                      {r.rewardedReaders}
                    </td>
                    <td class="num" data-label="Redemptions">
                      {r.redemptions}
                    </td>
                    <td class="num" data-label="Conversion">
                      {r.rewardedReaders ? fmtPercent(r.conversion) : '—'}
                      {r.rewardedReaders > 0 && <small>{`${r.convertedReaders} of ${r.rewardedReaders}`}</small>}
                    </td>
                    <td class="num" data-label="Revenue">
                      {fmtRevenue(r.revenue)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {stats.threads.length === 0 && <p class="empty">No activity in this period.</p>}
          {stats.moreThreads > 0 && <p class="hint">And {stats.moreThreads} more posts with less activity.</p>}
        </>
      )}
    </section>
  )
}
