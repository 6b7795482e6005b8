import { useState } from 'preact/hooks'
import type { AuditEntry, SiteRef } from '../../shared/admin.ts'
import type { User } from '../app.tsx'
import { fmtDateTime } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, usePagedList } from '../use-page.ts'

export function AuditPage({ sites }: { user: User; sites: SiteRef[] }) {
  const [f, setF] = useState(initialFilters(['site'] as const))
  const list = usePagedList<AuditEntry>('/audit', f)
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <SiteSelect sites={sites} value={f.site} onChange={(site) => setF({ site })} all />
      </form>
      <div class="table-wrap">
        <table>
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
                <td data-label="Who">{e.actor}</td>
                <td data-label="What">{e.action}</td>
                <td data-label="Subject">
                  <code>{e.subject}</code>
                  {e.siteId && <small>{e.siteId}</small>}
                </td>
                <td data-label="Details">
                  <small class="detail">{e.detail ? JSON.stringify(e.detail) : ''}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.cursor && (
        <button type="button" onClick={list.more}>
          Load more
        </button>
      )}
    </section>
  )
}
