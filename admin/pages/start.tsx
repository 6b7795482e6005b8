import type { AttentionAnswer, SiteRef } from '../../shared/admin.ts'
import type { User } from '../app.tsx'

const q = (site: string, more = '') => `?site=${encodeURIComponent(site)}${more}`
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * Where the admin opens: what needs them now, per site, each with the way to it.
 * (No link here repeats a menu label: "Settings" is the menu's.)
 */
export function StartPage({ user, sites, attention }: { user: User; sites: SiteRef[]; attention: AttentionAnswer | null }) {
  if (!attention) return <p>Loading…</p>
  const owner = user.role === 'owner'
  const busy = attention.sites.filter((s) => s.heldComments + s.heldRewards + s.failedDeliveries + s.refusedOrigins.length > 0)
  return (
    <section aria-labelledby="start-title">
      <h1 id="start-title">{attention.total ? 'What needs you' : 'Nothing needs you'}</h1>
      {!attention.total && (
        <p class="empty">
          No comment waits for approval, no reward is held, every email and webhook went out. See the{' '}
          <a href="/admin/comments?status=published">latest comments</a> or <a href="/admin/stats">how it pays</a>.
        </p>
      )}
      {busy.map((s) => (
        <section class="attention" aria-labelledby={`attention-${s.site}`} key={s.site}>
          {(sites.length > 1 || busy.length > 1) && <h2 id={`attention-${s.site}`}>{s.name}</h2>}
          <ul class="plain">
            {s.heldComments > 0 && (
              <li>
                <strong>{plural(s.heldComments, 'comment waits', 'comments wait')}</strong> for approval.{' '}
                <a class="button primary" href={`/admin/comments${q(s.site)}`}>
                  Review
                </a>
              </li>
            )}
            {s.heldRewards > 0 && (
              <li>
                <strong>{plural(s.heldRewards, 'reward is', 'rewards are')} held</strong> for a look (a burst from one network or email domain, the daily
                budget, or an empty code pool).{' '}
                <a class="button" href={`/admin/codes${q(s.site, '&status=pending')}`}>
                  Look at them
                </a>
              </li>
            )}
            {s.failedDeliveries > 0 && (
              <li>
                <strong>{plural(s.failedDeliveries, 'delivery', 'deliveries')} failed</strong> this week (an email or a webhook call, given up after many
                tries).{' '}
                <a class="button" href={`/admin/shop${q(s.site)}`}>
                  {owner ? 'See and retry' : 'See them'}
                </a>
              </li>
            )}
            {s.refusedOrigins.length > 0 && (
              <li>
                <strong>The widget was refused</strong> on {s.refusedOrigins.map((o, i) => [i > 0 && ', ', <code key={o}>{o}</code>])}: is that your blog?{' '}
                <a class="button" href={`/admin/settings${q(s.site)}`}>
                  {owner ? 'Allow it' : 'Look'}
                </a>
              </li>
            )}
          </ul>
        </section>
      ))}
    </section>
  )
}
