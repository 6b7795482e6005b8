import { useEffect, useState } from 'preact/hooks'
import type { Ok, RecoveryCodesAnswer, TwoFactorSetup, TwoFactorStatus } from '../../shared/admin.ts'
import { MIN_ADMIN_PASSWORD } from '../../shared/limits.ts'
import { ApiError, call, get, post } from '../api.ts'
import type { User } from '../app.tsx'

const message = (e: unknown) =>
  e instanceof ApiError && e.status === 429
    ? `Too many wrong tries. Try again in ${e.retryAfter ?? 60} seconds.`
    : e instanceof ApiError
      ? e.body.message
      : 'The server could not be reached.'

/** The logged-in admin's own account, whatever their role: their password and two-factor login. */
export function AccountPage({ user, onUser }: { user: User; onUser: (u: User) => void }) {
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p>
        {user.email} · {user.role === 'owner' ? 'owner' : 'moderator'}. Which emails you get: <a href="/admin/settings">your notifications</a>, at the end of
        the Settings page.
      </p>
      <div class="settings">
        <PasswordForm />
        <TwoFactor user={user} onUser={onUser} />
      </div>
    </section>
  )
}

function PasswordForm() {
  const [notice, setNotice] = useState<string | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const submit = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    if (data.get('next') !== data.get('repeat')) {
      setFields({ repeat: 'not the same' })
      return setNotice('The two new passwords are not the same.')
    }
    try {
      await call<Ok>('PUT', '/me/password', { current: data.get('current'), next: data.get('next') })
      form.reset()
      setFields({})
      setNotice('Changed. Every other browser logged in as you is logged out.')
    } catch (err) {
      setFields(err instanceof ApiError ? (err.body.fields ?? {}) : {})
      setNotice(message(err))
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="password-title">
      <fieldset>
        <legend id="password-title">Password</legend>
        <input type="hidden" name="username" autoComplete="username" />
        <label>
          Current password
          <input name="current" type="password" autoComplete="current-password" required aria-invalid={fields.current ? 'true' : undefined} />
        </label>
        <label>
          New password (at least {MIN_ADMIN_PASSWORD} characters)
          <input name="next" type="password" autoComplete="new-password" minLength={MIN_ADMIN_PASSWORD} required />
        </label>
        <label>
          The new password again
          <input name="repeat" type="password" autoComplete="new-password" minLength={MIN_ADMIN_PASSWORD} required />
        </label>
        <button type="submit" class="primary">
          Change password
        </button>
        <p class="notice" role="status" aria-live="polite">
          {notice}
        </p>
      </fieldset>
    </form>
  )
}

/** Off → scan a secret → confirm with a code → ten recovery codes, shown once → on. */
function TwoFactor({ user, onUser }: { user: User; onUser: (u: User) => void }) {
  const [status, setStatus] = useState<TwoFactorStatus | null>(null)
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const load = () => get<TwoFactorStatus>('/me/two-factor').then(setStatus, (e) => setNotice(message(e)))
  useEffect(() => void load(), [])

  const codeOf = (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    return { form, code: String(new FormData(form).get('code') ?? '') }
  }
  const start = async () => {
    try {
      setSetup(await post<TwoFactorSetup>('/me/two-factor'))
      setNotice(null)
    } catch (e) {
      setNotice(message(e))
    }
  }
  const confirm = async (e: Event) => {
    const { code } = codeOf(e)
    try {
      const r = await post<RecoveryCodesAnswer>('/me/two-factor/confirm', { code })
      setSetup(null)
      setCodes(r.recoveryCodes)
      setNotice('Two-factor login is on. From now on a login asks for a code from your app.')
      onUser({ ...user, twoFactor: true })
      await load()
    } catch (err) {
      setNotice(message(err))
    }
  }
  const turnOff = async (e: Event) => {
    const { form, code } = codeOf(e)
    try {
      await post<Ok>('/me/two-factor/off', { code })
      form.reset()
      setCodes(null)
      setNotice('Two-factor login is off.')
      onUser({ ...user, twoFactor: false })
      await load()
    } catch (err) {
      setNotice(message(err))
    }
  }
  const renew = async (e: Event) => {
    const { form, code } = codeOf(e)
    try {
      const r = await post<RecoveryCodesAnswer>('/me/recovery-codes', { code })
      form.reset()
      setCodes(r.recoveryCodes)
      setNotice('New recovery codes: the old ones no longer work.')
      await load()
    } catch (err) {
      setNotice(message(err))
    }
  }

  return (
    <section class="two-factor" aria-labelledby="two-factor-title">
      <fieldset>
        <legend id="two-factor-title">Two-factor login</legend>
        {!status && <p>Loading…</p>}
        {codes && (
          <div class="secret recovery" role="alert">
            <p>
              <strong>Your recovery codes.</strong> Keep them somewhere safe (a password manager, a printout): each logs you in once if you lose your phone.
              They are not shown again.
            </p>
            <ol class="codes">
              {codes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ol>
            <button type="button" onClick={() => setCodes(null)}>
              I have saved them
            </button>
          </div>
        )}
        {status && !status.on && !setup && (
          <>
            <p>
              Off. With it on, a login asks for a six-digit code from an authenticator app on your phone (1Password, Google Authenticator, Aegis…) after your
              password: a stolen password alone does not get in.
            </p>
            <button type="button" class="primary" onClick={start}>
              Turn on two-factor login
            </button>
          </>
        )}
        {setup && (
          <div class="setup">
            <p>1. Scan this with your authenticator app:</p>
            <img class="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`} alt="QR code of your two-factor secret" />
            <p>
              Or type the secret by hand: <code class="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
            <form class="inline" onSubmit={confirm}>
              <label>
                2. The code your app shows now
                <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={12} />
              </label>
              <button type="submit" class="primary">
                Confirm and turn on
              </button>
              <button type="button" onClick={() => setSetup(null)}>
                Cancel
              </button>
            </form>
          </div>
        )}
        {status?.on && (
          <>
            <p>
              <span class="badge published">on</span> {status.recoveryCodesLeft} of 10 recovery codes left.
            </p>
            <form class="inline" onSubmit={renew}>
              <label>
                Code from your app
                <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={12} />
              </label>
              <button type="submit">New recovery codes</button>
            </form>
            <form class="inline" onSubmit={turnOff}>
              <label>
                Code from your app, or a recovery code
                <input name="code" autoComplete="one-time-code" required maxLength={40} />
              </label>
              <button type="submit" class="danger">
                Turn off
              </button>
            </form>
          </>
        )}
        <p class="notice" role="status" aria-live="polite">
          {notice}
        </p>
      </fieldset>
    </section>
  )
}
