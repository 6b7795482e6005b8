/**
 * widget-reader.js: what a reader needs only now and then, fetched by
 * widget.js when asked for: editing or deleting their own comment (for a
 * while, from the browser that posted it), and asking for their data by
 * email. Uses the page's one Preact (Inkind._p) and widget-compose.js's looks.
 */
import { Component } from 'preact'
import type { EditCommentAnswer, PublicComment } from '../shared/comments.ts'
import type { Api, ApiError } from './api.ts'
import { readerEn } from './reader-strings.ts'
import { fmt, type Strings } from './strings.ts'

const words = (t: Strings) => ({ ...readerEn, ...t })

interface EditProps {
  c: PublicComment
  token: string
  api: Api
  t: Strings
  /** The comment as it now reads (deleted: a placeholder), or null when the reader cancelled. */
  onDone: (c: PublicComment | null) => void
}

/** The author's comment as a form, in place: change it, delete it, or leave it. */
class Edit extends Component<EditProps, { error: string | null; busy: boolean }> {
  override state = { error: null, busy: false }

  send = async (method: 'PATCH' | 'DELETE', body?: string) => {
    const { api, c, token, onDone } = this.props
    this.setState({ busy: true, error: null })
    try {
      const { comment } = await api.call<EditCommentAnswer>(`${api.base}/comments/${c.id}`, { token, body }, method)
      onDone({ ...c, ...comment })
    } catch (e) {
      this.setState({ busy: false, error: (e as Partial<ApiError>).body?.message ?? '…' })
    }
  }

  render({ c, t: words0, onDone }: EditProps, { error, busy }: { error: string | null; busy: boolean }) {
    const t = words(words0)
    return (
      <form
        class="edit"
        onSubmit={(e) => {
          e.preventDefault()
          this.send('PATCH', (e.currentTarget.elements.namedItem('body') as HTMLTextAreaElement).value)
        }}
      >
        <textarea name="body" rows={4} required defaultValue={c.body} aria-label={t.comment ?? 'Comment'} ref={(el) => el?.focus()} />
        {error && (
          <p class="error" role="alert">
            {fmt(t.editFailed, { why: error })}
          </p>
        )}
        <p class="row-buttons">
          <button type="submit" class="primary" disabled={busy}>
            {t.save}
          </button>
          <button type="button" onClick={() => onDone(null)}>
            {t.cancel}
          </button>
          <button type="button" class="link" disabled={busy} onClick={() => confirm(t.confirmRemove) && this.send('DELETE')}>
            {t.remove}
          </button>
        </p>
      </form>
    )
  }
}

/** Asks for the link to one's data, by email: the answer never says whether the address is known. */
class Data extends Component<{ api: Api; t: Strings }, { sent: boolean }> {
  override state = { sent: false }

  render({ api, t: words0 }: { api: Api; t: Strings }, { sent }: { sent: boolean }) {
    const t = words(words0)
    return sent ? (
      <p role="status">{t.dataSent}</p>
    ) : (
      <form
        class="data"
        onSubmit={async (e) => {
          e.preventDefault()
          const email = (e.currentTarget.elements.namedItem('email') as HTMLInputElement).value
          await api.call(`${api.base}/readers/data-link`, { email }).catch(() => null)
          this.setState({ sent: true })
        }}
      >
        <p>{t.dataTitle}</p>
        <label for="inkind-data-email">{t.dataEmail}</label>
        <input id="inkind-data-email" name="email" type="email" required autoComplete="email" ref={(el) => el?.focus()} />
        <button type="submit">{t.dataSend}</button>
      </form>
    )
  }
}

const Inkind = (window as unknown as { Inkind: { loaded: (name: string, m: unknown) => void } }).Inkind
Inkind.loaded('reader', { Edit, Data })

export type ReaderModule = { Edit: typeof Edit; Data: typeof Data }
