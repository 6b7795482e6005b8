/**
 * The last day's farming signals above the codes: rewards held back for the
 * owner (budget, review), and the client networks and email domains with the
 * most rewards, each one click from its codes and from a bulk verdict.
 */
import { useEffect, useState } from 'preact/hooks'
import type { FarmingSignals, ReleaseAnswer, RevokeAnswer } from '../shared/admin.ts'
import { ApiError, get, post } from './api.ts'

interface Props {
  siteId: string
  owner: boolean
  /** Show the codes of one network or domain in the table below. */
  onFilter: (f: { network?: string; domain?: string; status?: string }) => void
  onChanged: () => void
}

export function FarmingPanel({ siteId, owner, onFilter, onChanged }: Props) {
  const [signals, setSignals] = useState<FarmingSignals | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    get<FarmingSignals>(`/sites/${encodeURIComponent(siteId)}/farming`).then(setSignals, () => setSignals(null))
  }, [siteId, version])

  if (!signals) return null
  const held = signals.held.budget + signals.held.review
  const act = async (verb: 'release' | 'revoke', body: Record<string, unknown>, what: string) => {
    if (!confirm(`${verb === 'release' ? 'Issue the held codes of' : 'Revoke every code of'} ${what}?`)) return
    try {
      const res = await post<Partial<ReleaseAnswer & RevokeAnswer>>(`/sites/${encodeURIComponent(siteId)}/rewards/${verb}`, body)
      setNotice(verb === 'release' ? `${res.released} codes issued and emailed.` : `${res.revoked} codes revoked.`)
      setVersion((v) => v + 1)
      onChanged()
    } catch (e) {
      setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    }
  }
  if (!held && !signals.networks.length && !signals.domains.length) return null

  return (
    <section class="farming" aria-labelledby="farming-title">
      <h2 id="farming-title">Last 24 hours</h2>
      {held > 0 && (
        <p>
          <strong>{held} rewards wait for you</strong> ({signals.held.review} held for a look at a burst from one network or domain, {signals.held.budget} past
          the daily budget).{' '}
          <button type="button" class="link" onClick={() => onFilter({ status: 'pending' })}>
            Show them
          </button>
        </p>
      )}
      <div class="signals">
        {signals.networks.length > 0 && (
          <table>
            <caption>Most rewards from one network</caption>
            <thead>
              <tr>
                <th scope="col">Network</th>
                <th scope="col">Rewards</th>
                <th scope="col">Held</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {signals.networks.map((n) => (
                <tr key={n.network}>
                  <td>
                    <code title="A keyed hash of the network: no address is stored">{n.network.slice(0, 8)}</code>
                    <small>{n.wide ? 'IPv4 /24 or IPv6 /48' : 'one address or IPv6 /64'}</small>
                  </td>
                  <td>{n.rewards}</td>
                  <td>{n.held}</td>
                  <td class="actions">
                    <button type="button" onClick={() => onFilter({ network: n.network })}>
                      Codes
                    </button>
                    {owner && n.held > 0 && (
                      <button type="button" onClick={() => act('release', { network: n.network }, `this network (${n.held})`)}>
                        Release
                      </button>
                    )}
                    <button type="button" class="danger" onClick={() => act('revoke', { network: n.network }, `this network (${n.rewards})`)}>
                      Revoke all
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {signals.domains.length > 0 && (
          <table>
            <caption>Most rewards to one email domain</caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Rewards</th>
                <th scope="col">Held</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {signals.domains.map((d) => (
                <tr key={d.domain}>
                  <td>
                    {d.domain}
                    {d.common && <small>common provider</small>}
                  </td>
                  <td>{d.rewards}</td>
                  <td>{d.held}</td>
                  <td class="actions">
                    <button type="button" onClick={() => onFilter({ domain: d.domain })}>
                      Codes
                    </button>
                    {owner && d.held > 0 && (
                      <button type="button" onClick={() => act('release', { domain: d.domain }, `${d.domain} (${d.held})`)}>
                        Release
                      </button>
                    )}
                    {!d.common && (
                      <button type="button" class="danger" onClick={() => act('revoke', { domain: d.domain }, `${d.domain} (${d.rewards})`)}>
                        Revoke all
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
    </section>
  )
}
