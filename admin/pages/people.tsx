import { useEffect, useState } from 'preact/hooks'
import type { AdminUser, InviteAnswer, PeopleAnswer } from '../../shared/admin.ts'
import { ADMIN_ROLES, type AdminRole } from '../../shared/values.ts'
import { ApiError, call, get, post } from '../api.ts'
import type { User } from '../app.tsx'
import { fmtDateTime } from '../format.ts'

const message = (e: unknown) => (e instanceof ApiError ? e.body.message : 'The server could not be reached.')

/** Owners: who runs this Inkind, inviting someone, changing a role, removing an admin. */
export function PeoplePage({ user }: { user: User }) {
  const [people, setPeople] = useState<PeopleAnswer | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // A link this server could not mail: shown this once, to copy.
  const [link, setLink] = useState<{ email: string; url: string } | null>(null)
  const [removing, setRemoving] = useState<number | null>(null)

  const load = () => get<PeopleAnswer>('/admins').then(setPeople, (e) => setNotice(message(e)))
  useEffect(() => void load(), [])

  const run = async (work: () => Promise<string>) => {
    try {
      setNotice(await work())
    } catch (e) {
      setNotice(message(e))
    }
    await load()
  }

  const invite = (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const data = new FormData(form)
    void run(async () => {
      const r = await post<InviteAnswer>('/admins/invites', { email: data.get('email'), role: data.get('role') })
      form.reset()
      if (r.link) {
        setLink({ email: r.invite.email, url: new URL(r.link, location.origin).href })
        return `Invited ${r.invite.email}. This server cannot send email: pass the link on yourself.`
      }
      setLink(null)
      return `Invited ${r.invite.email}: the link is on its way by email. It works for 72 hours.`
    })
  }

  const setRole = (a: AdminUser, role: AdminRole) =>
    run(async () => {
      await call<AdminUser>('PUT', `/admins/${a.id}/role`, { role })
      return `${a.email} is now ${role === 'owner' ? 'an owner' : 'a moderator'}.`
    })

  const remove = (a: AdminUser) =>
    run(async () => {
      setRemoving(null)
      await call('DELETE', `/admins/${a.id}`)
      if (a.id === user.id) location.assign('/admin')
      return `${a.email} is removed: logged out everywhere, and cannot log in again unless invited.`
    })

  if (!people) return <p>{notice ?? 'Loading…'}</p>
  const owners = people.admins.filter((a) => a.role === 'owner').length

  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">People</h1>
      <p class="hint">
        Owners change everything. Moderators review comments, codes, stats and the audit log, and read the settings; they cannot change settings, the shop or
        the people.
      </p>
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {link && (
        <div class="secret" role="alert">
          <p>
            The invitation link for <strong>{link.email}</strong>. Copy it now and send it to them yourself; it is not shown again:
          </p>
          <code>{link.url}</code>{' '}
          <button type="button" onClick={() => navigator.clipboard?.writeText(link.url)}>
            Copy
          </button>{' '}
          <button type="button" onClick={() => setLink(null)}>
            Done
          </button>
        </div>
      )}
      <div class="table-wrap">
        <table class="people">
          <thead>
            <tr>
              <th scope="col">Admin</th>
              <th scope="col">Role</th>
              <th scope="col">Last login</th>
              <th scope="col">Two-factor</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.admins.map((a) => {
              const lastOwner = a.role === 'owner' && owners === 1
              return (
                <tr key={a.id} data-email={a.email}>
                  <td data-label="Admin">
                    {a.email}
                    <small>
                      {a.name}
                      {a.id === user.id && ' (you)'}
                    </small>
                  </td>
                  <td data-label="Role">
                    <select
                      aria-label={`Role of ${a.email}`}
                      value={a.role}
                      disabled={lastOwner}
                      title={lastOwner ? 'The last owner stays an owner.' : undefined}
                      onChange={(e) => setRole(a, e.currentTarget.value as AdminRole)}
                    >
                      {ADMIN_ROLES.map((r) => (
                        <option value={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td data-label="Last login">{a.lastLoginAt ? fmtDateTime(a.lastLoginAt) : 'never'}</td>
                  <td data-label="Two-factor">
                    <span class={`badge ${a.twoFactor ? 'published' : 'pending'}`}>{a.twoFactor ? 'on' : 'off'}</span>
                  </td>
                  <td class="actions">
                    {removing === a.id ? (
                      <>
                        <span>{a.id === user.id ? 'Remove yourself?' : `Remove ${a.email}?`}</span>{' '}
                        <button type="button" class="danger" onClick={() => remove(a)}>
                          Yes, remove
                        </button>
                        <button type="button" onClick={() => setRemoving(null)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        class="danger"
                        disabled={lastOwner}
                        title={lastOwner ? 'The last owner cannot be removed.' : undefined}
                        onClick={() => setRemoving(a.id)}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      <h2>Invite someone</h2>
      <form class="inline" onSubmit={invite}>
        <label>
          Email
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label>
          As
          <select name="role">
            <option value="moderator">moderator</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <button type="submit" class="primary">
          Invite
        </button>
      </form>

      {people.invites.length > 0 && (
        <>
          <h2>Open invitations</h2>
          <ul class="plain invites">
            {people.invites.map((i) => (
              <li key={i.id}>
                <strong>{i.email}</strong> as {i.role}
                {i.invitedBy && <> · by {i.invitedBy}</>} ·{' '}
                <span class={i.expired ? 'error' : 'muted'}>
                  {i.expired ? `expired ${fmtDateTime(i.expiresAt)}` : `works until ${fmtDateTime(i.expiresAt)}`}
                </span>{' '}
                <button
                  type="button"
                  onClick={() =>
                    run(async () => {
                      await call('DELETE', `/admins/invites/${i.id}`)
                      return `The invitation to ${i.email} is cancelled.`
                    })
                  }
                >
                  Cancel
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
