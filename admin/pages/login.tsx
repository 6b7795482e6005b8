import { useState } from 'preact/hooks'
import type { LoginAnswer, ServerInfo, SessionAnswer } from '../../shared/admin.ts'
import { ApiError, post } from '../api.ts'
import type { User } from '../app.tsx'

/** The words for a failed login, a wrong code or too many of either. */
function said(err: unknown) {
  if (err instanceof ApiError && err.status === 429) return `Too many failed attempts. Try again in ${err.retryAfter ?? 60} seconds.`
  if (err instanceof ApiError) return err.body.message
  return 'The server could not be reached.'
}

export function LoginPage({ onLogin }: { onLogin: (user: User, csrf: string, server?: ServerInfo) => void }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // The password was right and the account has two-factor login: now the code.
  const [challenge, setChallenge] = useState<string | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      const s = await post<LoginAnswer>('/session', { email: form.get('email'), password: form.get('password') })
      if ('twoFactor' in s) setChallenge(s.challenge)
      else onLogin(s.user, s.csrfToken, s.server)
    } catch (err) {
      setError(said(err))
    } finally {
      setBusy(false)
    }
  }

  const submitCode = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      const s = await post<SessionAnswer>('/session/two-factor', { challenge, code: form.get('code') })
      onLogin(s.user, s.csrfToken, s.server)
    } catch (err) {
      setError(said(err))
    } finally {
      setBusy(false)
    }
  }

  if (challenge) {
    return (
      <main class="login">
        {/* A form of its own (key): the browser must not carry the email typed before into the code field. */}
        <form onSubmit={submitCode} aria-labelledby="code-title" key="code">
          <h1 id="code-title">Two-factor login</h1>
          <label>
            Code from your authenticator app
            {/* biome-ignore lint/a11y/noAutofocus: the page asks for this one thing; start it. */}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus maxLength={40} />
          </label>
          <p class="hint">Lost your phone? Type one of your recovery codes instead (each works once).</p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Log in'}
          </button>
          <button
            type="button"
            class="link"
            onClick={() => {
              setChallenge(null)
              setError(null)
            }}
          >
            Start again
          </button>
        </form>
      </main>
    )
  }

  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-title" key="password">
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
