import { useState } from 'preact/hooks'
import type { Ok, SiteRef } from '../../shared/admin.ts'
import type { Block } from '../../shared/moderation.ts'
import type { BlockAction, BlockKind } from '../../shared/values.ts'
import { ApiError, call, post } from '../api.ts'
import type { User } from '../app.tsx'
import { fmtDate } from '../format.ts'
import { SiteSelect } from '../site-select.tsx'
import { initialFilters, usePagedList } from '../use-page.ts'

const KINDS: Record<BlockKind, { label: string; placeholder: string; hint: string }> = {
  email: { label: 'An address', placeholder: 'reader@example.com', hint: 'Any spelling of it: case, dots and +tags do not matter.' },
  domain: { label: 'A domain', placeholder: 'spam.example', hint: 'Every address at it and its subdomains.' },
  word: { label: 'A word or phrase', placeholder: 'casino', hint: 'In the name, address or text; case and accents do not matter.' },
  network: {
    label: 'A network',
    placeholder: 'as the Codes page names it',
    hint: 'Block one from a comment (Block… in the queue) or from the Codes page’s busiest networks.',
  },
}
const WHAT: Record<BlockKind, string> = { email: 'address', domain: 'domain', word: 'word', network: 'network' }

/** Whom a site takes no comments from: blocks added here or from a comment in the queue, and unblocking. */
export function BlocksPage({ sites }: { user: User; sites: SiteRef[] }) {
  // The sites arrive after the page: nothing is asked before there is one to ask about.
  return sites.length ? <Blocks sites={sites} /> : <p>Loading…</p>
}

function Blocks({ sites }: { sites: SiteRef[] }) {
  const initial = initialFilters(['site'] as const)
  const [site, setSite] = useState(initial.site || sites[0]!.id)
  const list = usePagedList<Block>(`/sites/${encodeURIComponent(site)}/blocks`, { site })
  const [form, setForm] = useState<{ kind: BlockKind; value: string; action: BlockAction; note: string }>({
    kind: 'email',
    value: '',
    action: 'refuse',
    note: '',
  })
  const [notice, setNotice] = useState<string | null>(null)
  const [fieldError, setFieldError] = useState<string | null>(null)

  const add = async (e: Event) => {
    e.preventDefault()
    try {
      const block = await post<Block>(`/sites/${encodeURIComponent(site)}/blocks`, { ...form, note: form.note || undefined })
      list.setItems((items) => [block, ...items.filter((b) => b.id !== block.id)])
      setForm({ ...form, value: '', note: '' })
      setFieldError(null)
      setNotice(`Blocked the ${WHAT[block.kind]} ${block.value}: ${block.action === 'refuse' ? 'comments are refused' : 'comments wait for approval'}.`)
    } catch (err) {
      setFieldError(err instanceof ApiError ? err.body.message : 'The server could not be reached.')
    }
  }
  const unblock = async (b: Block) => {
    try {
      await call<Ok>('DELETE', `/sites/${encodeURIComponent(site)}/blocks/${b.id}`)
      list.setItems((items) => items.filter((i) => i.id !== b.id))
      setNotice(`Unblocked the ${WHAT[b.kind]} ${b.kind === 'network' ? '' : b.value}.`.replace(' .', '.'))
    } catch (err) {
      setNotice(err instanceof ApiError ? err.body.message : 'The server could not be reached.')
    }
  }

  return (
    <section aria-labelledby="blocks-title">
      <div class="title-row">
        <h1 id="blocks-title">Blocks</h1>
        <SiteSelect sites={sites} value={site} onChange={setSite} />
      </div>
      <p class="hint">
        A blocked reader’s comment is refused (the widget tells them this site does not accept it) or held for approval, as you choose. Comments they wrote
        before stay as they are.
      </p>
      <form class="inline block-add" onSubmit={add}>
        <label>
          Block
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as BlockKind, value: '' })}>
            {(Object.keys(KINDS) as BlockKind[]).map((k) => (
              <option value={k}>{KINDS[k].label}</option>
            ))}
          </select>
        </label>
        <label class="grow">
          {KINDS[form.kind].label}
          <input required value={form.value} placeholder={KINDS[form.kind].placeholder} onInput={(e) => setForm({ ...form, value: e.currentTarget.value })} />
        </label>
        <label>
          Their comments
          <select value={form.action} onChange={(e) => setForm({ ...form, action: e.currentTarget.value as BlockAction })}>
            <option value="refuse">Refused</option>
            <option value="hold">Held for approval</option>
          </select>
        </label>
        <label class="grow">
          Note (optional)
          <input value={form.note} maxLength={200} onInput={(e) => setForm({ ...form, note: e.currentTarget.value })} />
        </label>
        <button type="submit" class="danger">
          Block
        </button>
        <small class="full">{KINDS[form.kind].hint}</small>
        {fieldError && <p class="error full">{fieldError}</p>}
      </form>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {list.error && <p class="error">{list.error}</p>}
      <div class="table-wrap">
        <table class="blocks">
          <thead>
            <tr>
              <th scope="col">Blocked</th>
              <th scope="col">Their comments</th>
              <th scope="col">Note</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((b) => (
              <tr key={b.id}>
                <td data-label="Blocked" class="detail">
                  <span class="muted">{WHAT[b.kind]}</span> <code>{b.value}</code>
                </td>
                <td data-label="Their comments">{b.action === 'refuse' ? 'Refused' : 'Held for approval'}</td>
                <td data-label="Note" class="detail">
                  {b.note ?? ''}
                </td>
                <td data-label="Since">
                  {fmtDate(b.createdAt)}
                  <small>{b.createdBy}</small>
                </td>
                <td class="actions">
                  <button type="button" onClick={() => unblock(b)} aria-label={`Unblock the ${WHAT[b.kind]} ${b.value}`}>
                    Unblock
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && list.items.length === 0 && <p class="empty">Nobody is blocked on this site.</p>}
      {list.cursor && (
        <button type="button" onClick={list.more}>
          Load more
        </button>
      )}
    </section>
  )
}
