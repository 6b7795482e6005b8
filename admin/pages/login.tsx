import { useState } from 'preact/hooks'
import type { ServerInfo, SessionAnswer } from '../../shared/admin.ts'
import { ApiError, post } from '../api.ts'
import type { User } from '../app.tsx'

export function LoginPage({ onLogin }: { onLogin: (user: User, csrf: string, server?: ServerInfo) => void }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      const s = await post<SessionAnswer>('/session', { email: form.get('email'), password: form.get('password') })
      onLogin(s.user, s.csrfToken, s.server)
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(`Too many failed attempts. Try again in ${err.retryAfter ?? 60} seconds.`)
      else if (err instanceof ApiError) setError(err.body.message)
      else setError('The server could not be reached.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Inkind admin</h1>
        <label>
          Email
          {/* biome-ignore lint/a11y/noAutofocus: the login page has one thing to do; start it. */}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  )
}
