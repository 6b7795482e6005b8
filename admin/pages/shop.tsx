import { useEffect, useState } from 'preact/hooks'
import type { Page } from '../../shared/admin.ts'
import type { ApiKey, Delivery, NewApiKey, NewWebhook, PoolImportAnswer, PoolStatus, Webhook } from '../../shared/shop.ts'
import { WEBHOOK_EVENTS } from '../../shared/values.ts'
import { ApiError, call, get, post } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { fmtDateTime } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters } from '../use-page.ts'

/** How the owner's shop meets Inkind: API keys, the code pool, webhooks, and what was delivered. */
export function ShopPage({ user, sites }: { user: User; sites: SiteRef[] }) {
  const [site, setSite] = useState(initialFilters(['site'] as const).site || sites[0]?.id || '')
  const [keys, setKeys] = useState<ApiKey[]>([])
  const [hooks, setHooks] = useState<Webhook[]>([])
  const [pool, setPool] = useState<PoolStatus | null>(null)
  const [deliveries, setDeliveries] = useState<Delivery[]>([])
  const [secret, setSecret] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const owner = user.role === 'owner'
  const s = site || sites[0]?.id
  const base = `/sites/${encodeURIComponent(s ?? '')}`

  const load = async () => {
    if (!s) return
    history.replaceState(null, '', `${location.pathname}?site=${encodeURIComponent(s)}`)
    setPool(await get<PoolStatus>(`${base}/code-pool`))
    setDeliveries((await get<Page<Delivery>>(`/deliveries?site=${encodeURIComponent(s)}&limit=30`)).items)
    if (owner) {
      setKeys((await get<{ items: ApiKey[] }>(`${base}/api-keys`)).items)
      setHooks((await get<{ items: Webhook[] }>(`${base}/webhooks`)).items)
    }
  }
  useEffect(() => void load(), [s])

  /** Runs a change; a string it resolves to is said to the owner. */
  const run = async (work: () => Promise<unknown>) => {
    try {
      const message = await work()
      if (typeof message === 'string') setNotice(message)
      await load()
    } catch (e) {
      setNotice(
        e instanceof ApiError
          ? `${e.body.message}${
              e.body.fields
                ? ` (${Object.entries(e.body.fields)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(', ')})`
                : ''
            }`
          : 'The server could not be reached.',
      )
    }
  }
  /** A webhook by its address (an owner sees the list); one since removed, or for a moderator, by its number. */
  const webhookName = (id: string) => hooks.find((hook) => String(hook.id) === id)?.url ?? `webhook ${id}${owner ? ' (removed)' : ''}`
  const form = (e: Event) => {
    e.preventDefault()
    return e.currentTarget as HTMLFormElement
  }

  return (
    <section aria-labelledby="shop-title">
      <div class="title-row">
        <h1 id="shop-title">Shop</h1>
        <SiteSelect sites={sites} value={s ?? ''} onChange={setSite} />
      </div>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {secret && (
        <div class="secret" role="alert">
          <p>Copy this now. It is not shown again:</p>
          <code>{secret}</code>{' '}
          <button type="button" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}

      <h2>Code pool</h2>
      {pool && (
        <p>
          <strong>{pool.available}</strong> codes available · {pool.handedOut} handed out ·{' '}
          <span class={pool.waiting ? 'error' : ''}>{pool.waiting} readers waiting for a code</span>
        </p>
      )}
      {owner && (
        <form
          class="inline"
          onSubmit={(e) => {
            const f = form(e)
            const file = (f.elements.namedItem('csv') as HTMLInputElement).files?.[0]
            if (!file) return
            void run(async () => {
              const r = await post<PoolImportAnswer>(`${base}/code-pool`, { csv: await file.text() })
              f.reset()
              return `Imported ${r.imported} codes (${r.duplicates} duplicates and ${r.blank} blank lines skipped); ${r.handedOut} waiting readers got theirs.`
            })
          }}
        >
          <label>
            Import codes (CSV: a Shopify export, or one code per line)
            <input name="csv" type="file" accept=".csv,text/csv,text/plain" required />
          </label>
          <button type="submit" class="primary">
            Import
          </button>
        </form>
      )}

      {owner && (
        <>
          <h2>API keys</h2>
          <p class="hint">Your checkout validates and redeems codes with a key: see the README’s shop API section.</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr>
                    <td data-label="Name">{k.name}</td>
                    <td data-label="Key">
                      <code>{k.prefix}…</code>
                    </td>
                    <td data-label="Created">{fmtDateTime(k.createdAt)}</td>
                    <td data-label="Last used">{k.revokedAt ? `revoked ${fmtDateTime(k.revokedAt)}` : fmtDateTime(k.lastUsedAt)}</td>
                    <td class="actions">
                      {!k.revokedAt && (
                        <button
                          type="button"
                          class="danger"
                          onClick={() =>
                            confirm(`Revoke the key "${k.name}"?`) && run(() => call('DELETE', `${base}/api-keys/${k.id}`).then(() => 'Key revoked.'))
                          }
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form
            class="inline"
            onSubmit={(e) => {
              const f = form(e)
              const name = (f.elements.namedItem('name') as HTMLInputElement).value
              void run(async () => {
                const r = await post<NewApiKey>(`${base}/api-keys`, { name })
                setSecret(r.key)
                f.reset()
              })
            }}
          >
            <label>
              New key name
              <input name="name" placeholder="Checkout" required maxLength={80} />
            </label>
            <button type="submit" class="primary">
              Create key
            </button>
          </form>

          <h2>Webhooks</h2>
          <ul class="plain">
            {hooks.map((hook) => (
              <li>
                <code>{hook.url}</code> <small>{hook.events.join(', ')}</small>{' '}
                <button
                  type="button"
                  class="danger"
                  onClick={() => confirm(`Remove ${hook.url}?`) && run(() => call('DELETE', `${base}/webhooks/${hook.id}`).then(() => 'Webhook removed.'))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <form
            class="inline"
            onSubmit={(e) => {
              const f = form(e)
              const url = (f.elements.namedItem('url') as HTMLInputElement).value
              const events = WEBHOOK_EVENTS.filter((ev) => (f.elements.namedItem(ev) as HTMLInputElement).checked)
              void run(async () => {
                const r = await post<NewWebhook>(`${base}/webhooks`, { url, events })
                setSecret(r.secret)
                f.reset()
              })
            }}
          >
            <label>
              Receiver URL
              <input name="url" type="url" placeholder="https://shop.example.com/inkind" required />
            </label>
            <fieldset class="events">
              <legend>Events</legend>
              {WEBHOOK_EVENTS.map((ev) => (
                <label class="check">
                  <input type="checkbox" name={ev} defaultChecked /> {ev}
                </label>
              ))}
            </fieldset>
            <button type="submit" class="primary">
              Add webhook
            </button>
          </form>
        </>
      )}

      <h2>Deliveries</h2>
      <div class="table-wrap">
        <table class="deliveries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr>
                <td data-label="When">{fmtDateTime(d.createdAt)}</td>
                <td data-label="What">
                  {d.channel} · {d.event}
                </td>
                <td data-label="To">{d.channel === 'webhook' ? webhookName(d.target) : d.target}</td>
                <td data-label="Status">
                  <span class={`badge ${d.status === 'sent' ? 'published' : d.status === 'failed' ? 'revoked' : 'pending'}`}>{d.status}</span>
                  <small>
                    {d.status === 'sent'
                      ? fmtDateTime(d.sentAt)
                      : `${d.attempts} attempts${d.status === 'pending' ? `, next ${fmtDateTime(d.nextAttemptAt)}` : ''}`}
                    {d.lastError && ` · ${d.lastError}`}
                  </small>
                </td>
                <td class="actions">
                  {owner && d.status === 'failed' && (
                    <button type="button" onClick={() => run(() => post(`/deliveries/${d.id}/retry`).then(() => 'Queued again.'))}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deliveries.length === 0 && <p class="empty">Nothing delivered yet.</p>}
    </section>
  )
}
