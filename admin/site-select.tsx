import type { SiteRef } from '../shared/admin.ts'

/** The site picker every admin page shares; `all` adds an "All sites" choice for filters. */
export function SiteSelect({ sites, value, onChange, all }: { sites: SiteRef[]; value: string; onChange: (site: string) => void; all?: boolean }) {
  return (
    <label>
      Site{' '}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {all && <option value="">All sites</option>}
        {sites.map((s) => (
          <option value={s.id}>{s.name}</option>
        ))}
      </select>
    </label>
  )
}
