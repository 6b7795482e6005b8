import { useState } from 'preact/hooks'
import type { EraseReaderAnswer, WhoAnswer } from '../../shared/admin.ts'
import type { ImportReport, ReaderExport } from '../../shared/moving.ts'
import { type EraseMode, IMPORT_SOURCES, type ImportSource } from '../../shared/values.ts'
import { ApiError, get, post, qs } from '../api.ts'
import type { SiteRef, User } from '../app.tsx'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters } from '../use-page.ts'

const SOURCE_NAMES: Record<ImportSource, string> = {
  disqus: 'Disqus (XML export, .xml or .xml.gz)',
  wordpress: 'WordPress (Tools → Export, WXR .xml)',
  isso: 'Isso (its SQLite database file)',
  remark42: 'Remark42 (backup or export, .gz)',
  commento: 'Commento (JSON export, .json.gz)',
  inkind: 'Inkind (an export of another Inkind server)',
}
/** What the server takes through the admin; the CLI takes any size. */
const MAX_UPLOAD_MB = 20
const fmt = (n: number) => n.toLocaleString()

/**
 * The file goes up as itself (application/octet-stream), not as JSON: the admin
 * api helper only sends JSON, so this asks the session for the CSRF token it needs.
 */
async function upload(path: string, file: File): Promise<ImportReport> {
  const who = await get<WhoAnswer>('/session')
  const res = await fetch(`/api/v1/admin${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': who.csrfToken ?? '' },
    body: file,
  })
  const data = await res.json().catch(() => null)
  if (!res.ok) throw new ApiError(res.status, data?.error ?? { code: 'internal', message: `HTTP ${res.status}` }, null)
  return data as ImportReport
}

/** Fetched first, so a mistyped address is an error on this page, then saved as a file. */
/** The owner deletes a reader's data on their request, after saying how and confirming. */
async function erase(site: string, email: string, how: EraseMode, say: (s: string) => void) {
  if (!confirm(`Delete everything ${site} keeps about ${email}? This cannot be undone.`)) return
  try {
    const done = await post<EraseReaderAnswer>('/readers/erase', { site, email, how })
    say(`Deleted: ${done.comments} comments ${how === 'remove' ? 'taken down' : 'kept without a name'}, ${done.rewards} rewards no longer linked to them.`)
  } catch (error) {
    say(error instanceof ApiError ? error.body.message : 'The server could not be reached.')
  }
}

async function downloadReader(site: string, email: string) {
  const data = await get<ReaderExport>(`/readers/export${qs({ site, email })}`)
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `inkind-reader-${site}.json`
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

function Report({ report }: { report: ImportReport }) {
  const skipped = Object.entries(report.skipped).filter(([, n]) => n)
  return (
    <div class="report">
      <dl class="cards">
        <div>
          <dt>Threads</dt>
          <dd>{fmt(report.threads.total)}</dd>
          <small>{fmt(report.threads.created)} new</small>
        </div>
        <div>
          <dt>{report.dryRun ? 'Comments to import' : 'Comments imported'}</dt>
          <dd>{fmt(report.comments.imported)}</dd>
          <small>{fmt(report.comments.pending)} held for moderation</small>
        </div>
        <div>
          <dt>Already here</dt>
          <dd>{fmt(report.comments.present)}</dd>
          <small>left as they are</small>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{fmt(skipped.reduce((n, [, k]) => n + (k ?? 0), 0))}</dd>
          <small>{skipped.map(([reason, n]) => `${reason} ${fmt(n ?? 0)}`).join(' · ') || 'none'}</small>
        </div>
      </dl>
      {!report.dryRun && (
        <p class="hint">
          {fmt(report.warnings.reattached)} replies moved up past a skipped parent · {fmt(report.warnings.parentMissing)} made top-level (their parent is not in
          the file) · {fmt(report.rewards.thanked)} readers marked as already thanked
          {report.rewards.restored || report.poolCodes ? ` · ${fmt(report.rewards.restored)} rewards and ${fmt(report.poolCodes)} pool codes restored` : ''}
        </p>
      )}
      {(report.warnings.truncated > 0 || report.warnings.guessedDates > 0) && (
        <p class="hint">
          {fmt(report.warnings.truncated)} bodies cut to the size limit · {fmt(report.warnings.guessedDates)} dates whose time zone was guessed
        </p>
      )}
      {report.problems.length > 0 && (
        <details>
          <summary>The first {report.problems.length} records left out or changed, and why</summary>
          <ul class="plain">
            {report.problems.map((p) => (
              <li>
                {p.line !== null && <span class="muted">line {p.line} </span>}
                {p.id && <code>{p.id}</code>} {p.reason}
                {p.detail && <small>{p.detail}</small>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

/** Moving in (import with a preview) and out (the whole site, or one reader's data). */
export function MovingPage({ user, sites }: { user: User; sites: SiteRef[] }) {
  const [site, setSite] = useState(initialFilters(['site'] as const).site || sites[0]?.id || '')
  const [source, setSource] = useState<ImportSource>('disqus')
  const [file, setFile] = useState<File | null>(null)
  const [map, setMap] = useState('')
  const [thanked, setThanked] = useState(false)
  const [preview, setPreview] = useState<ImportReport | null>(null)
  const [done, setDone] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [email, setEmail] = useState('')
  const [how, setHow] = useState<EraseMode>('anonymize')
  const s = site || sites[0]?.id || ''
  const base = `/sites/${encodeURIComponent(s)}`

  if (user.role !== 'owner') {
    return (
      <section aria-labelledby="moving-title">
        <h1 id="moving-title">Import &amp; export</h1>
        <p class="empty">Only an owner can import comments or export a site.</p>
      </section>
    )
  }

  const changed = () => {
    setPreview(null)
    setDone(null)
    setNotice(null)
  }
  const send = async (dryRun: boolean) => {
    if (!file) return
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      setNotice(`This file is over ${MAX_UPLOAD_MB} MB: import it with the command line (see the README, “Moving from another system”).`)
      return
    }
    setBusy(true)
    setNotice(dryRun ? 'Reading the file…' : 'Importing…')
    try {
      const report = await upload(`${base}/import${qs({ source, dryRun: dryRun ? '1' : '0', countAsRewarded: thanked ? '1' : '0', map: map.trim() })}`, file)
      if (dryRun) setPreview(report)
      else {
        setDone(report)
        setPreview(null)
      }
      setNotice(dryRun ? 'Nothing is written yet: check the preview, then import.' : 'Imported. Importing the same file again adds nothing.')
    } catch (e) {
      setNotice(e instanceof ApiError ? e.body.message : 'The server could not be reached.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="moving-title">
      <div class="title-row">
        <h1 id="moving-title">Import &amp; export</h1>
        <SiteSelect
          sites={sites}
          value={s}
          onChange={(id) => {
            setSite(id)
            history.replaceState(null, '', `${location.pathname}?site=${encodeURIComponent(id)}`)
            changed()
          }}
        />
      </div>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>

      <h2>Import comments</h2>
      <p class="hint">
        Comments keep their threads, replies, authors and dates; spam and deleted ones are skipped. Imported comments earn no rewards. Files over{' '}
        {MAX_UPLOAD_MB} MB go through the command line.
      </p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault()
          void send(true)
        }}
      >
        <label>
          From
          <select
            value={source}
            onChange={(e) => {
              setSource(e.currentTarget.value as ImportSource)
              changed()
            }}
          >
            {IMPORT_SOURCES.map((src) => (
              <option value={src}>{SOURCE_NAMES[src]}</option>
            ))}
          </select>
        </label>
        <label>
          Export file
          <input
            type="file"
            required
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null)
              changed()
            }}
          />
        </label>
        <label>
          Address map (optional)
          <input
            value={map}
            placeholder="https://old.example.com/=/"
            onInput={(e) => {
              setMap(e.currentTarget.value)
              changed()
            }}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={thanked}
            onChange={(e) => {
              setThanked(e.currentTarget.checked)
              changed()
            }}
          />
          Past commenters already had their thanks
        </label>
        <button type="submit" disabled={busy || !file}>
          Preview
        </button>
      </form>
      {preview && (
        <>
          <h3>Preview</h3>
          <Report report={preview} />
          <button type="button" class="primary" disabled={busy} onClick={() => void send(false)}>
            Import {fmt(preview.comments.imported)} comments
          </button>
        </>
      )}
      {done && (
        <>
          <h3>Imported</h3>
          <Report report={done} />
        </>
      )}

      <h2>Export this site</h2>
      <p class="hint">
        Settings, threads, comments, rewards with their redemptions and the code pool: import it into another Inkind server with “Inkind” above.
      </p>
      <p>
        <a class="button" href={`/api/v1/admin${base}/export`} download>
          Download (NDJSON)
        </a>{' '}
        <a class="button" href={`/api/v1/admin${base}/export?format=json`} download>
          Download (JSON)
        </a>
      </p>

      <h2>A reader’s data</h2>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault()
          void downloadReader(s, email.trim()).catch((error) => setNotice(error instanceof ApiError ? error.body.message : 'The server could not be reached.'))
        }}
      >
        <label>
          Reader’s email
          <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} placeholder="reader@example.com" />
        </label>
        <button type="submit">Download their data</button>{' '}
        <label>
          Their comments
          <select value={how} onChange={(e) => setHow(e.currentTarget.value as EraseMode)}>
            <option value="anonymize">keep, without their name</option>
            <option value="remove">take down</option>
          </select>
        </label>
        <button type="button" class="danger" disabled={!email.trim()} onClick={() => void erase(s, email.trim(), how, setNotice)}>
          Delete their data…
        </button>
      </form>
      <p class="hint">
        Deleting erases their address everywhere and keeps their comments without a name (or takes them down); a code they were given stays valid at the shop.
        Readers can do this themselves from the widget (“Your data”) when this server sends email.
      </p>
    </section>
  )
}
