import { useEffect, useState } from 'preact/hooks'
import type { InviteInfo, ServerInfo, SessionAnswer } from '../../shared/admin.ts'
import { MIN_ADMIN_PASSWORD } from '../../shared/limits.ts'
import { ApiError, post } from '../api.ts'
import type { User } from '../app.tsx'
import { fmtDateTime } from '../format.ts'

const WHAT = {
  owner: 'an owner: every setting, the shop, the people',
  moderator: 'a moderator: the comments, the codes, the stats (settings read only)',
}

/** The page an invitation's link opens: who is invited as what, then a password, and in. */
export function InvitePage({ onJoined }: { onJoined: (user: User, csrf: string, server?: ServerInfo) => void }) {
  const [token] = useState(() => new URLSearchParams(location.search).get('t') ?? '')
  const [invite, setInvite] = useState<InviteInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    post<InviteInfo>('/invites/open', { token }).then(setInvite, (e) => setError(e instanceof ApiError ? e.body.message : 'The server could not be reached.'))
  }, [token])

  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    if (form.get('password') !== form.get('repeat')) return setError('The two passwords are not the same.')
    setBusy(true)
    setError(null)
    try {
      const s = await post<SessionAnswer>('/invites/accept', { token, name: form.get('name') || undefined, password: form.get('password') })
      // The link is used up: it leaves the address bar and the history.
      history.replaceState(null, '', '/admin/start')
      onJoined(s.user, s.csrfToken, s.server)
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : 'The server could not be reached.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">Join the Inkind admin</h1>
        {!invite && !error && <p>Loading…</p>}
        {invite && (
          <>
            <p>
              <strong>{invite.email}</strong> is invited as {WHAT[invite.role]}. Choose a password to accept; the invitation works until{' '}
              {fmtDateTime(invite.expiresAt)}.
            </p>
            <label>
              Your name (shown on your answers to readers)
              <input name="name" autoComplete="name" maxLength={120} placeholder={invite.email.split('@')[0]} />
            </label>
            <input type="hidden" name="username" autoComplete="username" value={invite.email} />
            <label>
              Password (at least {MIN_ADMIN_PASSWORD} characters)
              <input name="password" type="password" autoComplete="new-password" minLength={MIN_ADMIN_PASSWORD} required />
            </label>
            <label>
              The password again
              <input name="repeat" type="password" autoComplete="new-password" minLength={MIN_ADMIN_PASSWORD} required />
            </label>
          </>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {invite && (
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Joining…' : 'Accept and log in'}
          </button>
        )}
        {!invite && error && <a href="/admin">Log in instead</a>}
      </form>
    </main>
  )
}
