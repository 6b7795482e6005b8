import { useEffect, useState } from 'preact/hooks'
import type { AuditEntry, AuditFacets, SiteRef } from '../../shared/admin.ts'
import { get } from '../api.ts'
import type { User } from '../app.tsx'
import { fmtDateTime } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, usePagedList } from '../use-page.ts'

const FILTERS = ['site', 'actor', 'action', 'from', 'to'] as const

/** A value as people read it: text as is, a list joined, anything else as JSON. */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.length ? v.join(', ') : 'none'
  return JSON.stringify(v)
}

type Change = { path: string; from: unknown; to: unknown }

/** What an entry says beyond its action: a settings change as before → after, anything else as name: value. */
function Detail({ detail }: { detail: AuditEntry['detail'] }) {
  if (!detail) return null
  const { changes, ...rest } = detail as { changes?: Change[] } & Record<string, unknown>
  return (
    <ul class="plain detail">
      {Object.entries(rest).map(([k, v]) => (
        <li key={k}>
          <span class="muted">{k}</span> {show(v)}
        </li>
      ))}
      {changes?.map((c) => (
        <li key={c.path} class="change">
          <span class="muted">{c.path}</span> <del>{show(c.from)}</del> → <ins>{show(c.to)}</ins>
        </li>
      ))}
    </ul>
  )
}

export function AuditPage({ sites }: { user: User; sites: SiteRef[] }) {
  const [f, setF] = useState(initialFilters(FILTERS))
  const [facets, setFacets] = useState<AuditFacets>({ actors: [], actions: [] })
  const list = usePagedList<AuditEntry>('/audit', f)
  useEffect(() => void get<AuditFacets>('/audit/facets').then(setFacets, () => {}), [])
  const set = (k: (typeof FILTERS)[number]) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })
  // Areas (code., admin., site.) before single actions.
  const areas = [...new Set(facets.actions.map((a) => `${a.split('.')[0]}.`))].filter((a) => facets.actions.filter((x) => x.startsWith(a)).length > 1)
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <SiteSelect sites={sites} value={f.site} onChange={(site) => setF({ ...f, site })} all />
        <label>
          Who
          <select value={f.actor} onChange={set('actor')}>
            <option value="">Anyone</option>
            {facets.actors.map((a) => (
              <option value={a.actor}>{a.name}</option>
            ))}
          </select>
        </label>
        <label>
          What
          <select value={f.action} onChange={set('action')}>
            <option value="">Everything</option>
            {areas.map((a) => (
              <option value={a}>all {a.slice(0, -1)} actions</option>
            ))}
            {facets.actions.map((a) => (
              <option value={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={f.from} onInput={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={f.to} onInput={set('to')} />
        </label>
      </form>
      {list.error && <p class="error">{list.error}</p>}
      <div class="table-wrap">
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.id}>
                <td data-label="When">{fmtDateTime(e.at)}</td>
                <td data-label="Who" title={e.actor}>
                  {e.actorName}
                </td>
                <td data-label="What">{e.action}</td>
                <td data-label="Subject">
                  {e.subjectName ?? <code>{e.subject}</code>}
                  {e.siteId && <small>{e.siteId}</small>}
                </td>
                <td data-label="Details">
                  <Detail detail={e.detail} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.items.length && <p class="empty">Nothing recorded{f.actor || f.action || f.from || f.to ? ' for these filters' : ''}.</p>}
      {list.cursor && (
        <button type="button" onClick={list.more}>
          Load more
        </button>
      )}
    </section>
  )
}
