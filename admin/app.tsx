import { useEffect, useState } from 'preact/hooks'
import type { AdminUser, AttentionAnswer, ServerInfo, SiteRef, SitesAnswer, WhoAnswer } from '../shared/admin.ts'
import { ApiError, call, get, SESSION_ENDED, setCsrf } from './api.ts'
import { AccountPage } from './pages/account.tsx'
import { AuditPage } from './pages/audit.tsx'
import { CodesPage } from './pages/codes.tsx'
import { CommentsPage } from './pages/comments.tsx'
import { InvitePage } from './pages/invite.tsx'
import { LoginPage } from './pages/login.tsx'
import { MovingPage } from './pages/moving.tsx'
import { PeoplePage } from './pages/people.tsx'
import { SettingsPage } from './pages/settings.tsx'
import { ShopPage } from './pages/shop.tsx'
import { StartPage } from './pages/start.tsx'
import { StatsPage } from './pages/stats.tsx'
import { navigate, onLinkClick, usePath } from './router.ts'

/** The logged-in admin, as the session answer types it. */
export type User = AdminUser
export type { ServerInfo, SiteRef }

/** The menu, in order; `owner` pages are an owner's only. Account is reached from the admin's name. */
const PAGES: { path: string; label: string; owner?: boolean; hidden?: boolean }[] = [
  { path: '/admin/start', label: 'Start' },
  { path: '/admin/codes', label: 'Codes' },
  { path: '/admin/comments', label: 'Comments' },
  { path: '/admin/stats', label: 'Stats' },
  { path: '/admin/shop', label: 'Shop' },
  { path: '/admin/settings', label: 'Settings' },
  { path: '/admin/people', label: 'People', owner: true },
  { path: '/admin/audit', label: 'Audit log' },
  { path: '/admin/moving', label: 'Import & export' },
  { path: '/admin/account', label: 'Account', hidden: true },
]

/** What needs the admin, refreshed on every page change and every minute: the menu's badges. */
function useAttention(active: boolean, path: string) {
  const [attention, setAttention] = useState<AttentionAnswer | null>(null)
  useEffect(() => {
    if (!active) return
    let live = true
    const load = () =>
      get<AttentionAnswer>('/attention').then(
        (a) => live && setAttention(a),
        () => {},
      )
    load()
    const timer = setInterval(load, 60_000)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [active, path])
  return attention
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined)
  const [server, setServer] = useState<ServerInfo>({ canEmail: true })
  const [sites, setSites] = useState<SiteRef[]>([])
  const path = usePath()
  const attention = useAttention(Boolean(user), path)

  const signedIn = (u: User, csrf: string, info?: ServerInfo) => {
    setCsrf(csrf)
    if (info) setServer(info)
    setUser(u)
  }
  useEffect(() => {
    get<WhoAnswer>('/session')
      .then((s) => {
        if (s.user) return signedIn(s.user, s.csrfToken!, s.server)
        setServer(s.server)
        setUser(null)
      })
      .catch(() => setUser(null))
  }, [])
  useEffect(() => {
    if (user) get<SitesAnswer>('/sites').then((s) => setSites(s.items))
  }, [user])
  useEffect(() => {
    const ended = () => setUser(null)
    addEventListener(SESSION_ENDED, ended)
    return () => removeEventListener(SESSION_ENDED, ended)
  }, [])

  // An invitation's link opens its own page, logged in or not: accepting it logs in as the new admin.
  if (path.startsWith('/admin/invite')) {
    return (
      <InvitePage
        onJoined={(u, csrf, info) => {
          signedIn(u, csrf, info)
          navigate('/admin/start')
        }}
      />
    )
  }
  if (user === undefined) return <p class="loading">Loading…</p>
  if (user === null) return <LoginPage onLogin={signedIn} />

  const logout = async () => {
    await call('DELETE', '/session').catch((e) => {
      if (!(e instanceof ApiError && e.status === 401)) throw e
    })
    setUser(null)
    navigate('/admin')
  }
  const pathname = path.split('?')[0]!
  const menu = PAGES.filter((p) => !p.hidden && (!p.owner || user.role === 'owner'))
  const page = PAGES.find((p) => pathname.startsWith(p.path) && (!p.owner || user.role === 'owner')) ?? PAGES[0]!
  const props = { user, sites, server }
  const held = attention?.sites.reduce((n, s) => n + s.heldComments, 0) ?? 0
  /** What needs the admin per menu item: a count beside the label, and the same in words as the link's description (its name stays its label). */
  const count = (p: (typeof PAGES)[number]) => (p.path === '/admin/start' ? (attention?.total ?? 0) : p.path === '/admin/comments' ? held : 0)
  const words = (p: (typeof PAGES)[number], n: number) =>
    p.path === '/admin/start' ? `${n} ${n === 1 ? 'thing needs' : 'things need'} you` : `${n} ${n === 1 ? 'comment waits' : 'comments wait'} for approval`

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: one delegated listener turns in-app link clicks into navigation; the links stay links.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the links underneath handle Enter themselves (a click event).
    <div class="shell" onClick={onLinkClick}>
      <header class="top">
        <a class="brand" href="/admin/start">
          Inkind
        </a>
        <nav aria-label="Admin">
          {menu.map((p) => {
            const n = count(p)
            const id = `count-${p.label.toLowerCase()}`
            return [
              <a href={p.path} aria-current={p === page ? 'page' : undefined} aria-describedby={n > 0 ? id : undefined} key={p.path}>
                {p.label}
                {n > 0 && (
                  <span class="count" aria-hidden="true" title={words(p, n)}>
                    {n}
                  </span>
                )}
              </a>,
              n > 0 && (
                <span hidden id={id} key={id}>
                  {words(p, n)}
                </span>
              ),
            ]
          })}
        </nav>
        <div class="me">
          <a href="/admin/account" title={user.email} aria-current={page.path === '/admin/account' ? 'page' : undefined}>
            <span class="who">
              {user.name} · {user.role}
            </span>
            <span class="short">Account</span>
          </a>
          <button type="button" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main">
        {page.path === '/admin/start' && <StartPage {...props} attention={attention} />}
        {page.path === '/admin/codes' && <CodesPage {...props} />}
        {page.path === '/admin/comments' && <CommentsPage {...props} />}
        {page.path === '/admin/stats' && <StatsPage {...props} />}
        {page.path === '/admin/shop' && <ShopPage {...props} />}
        {page.path === '/admin/settings' && <SettingsPage {...props} />}
        {page.path === '/admin/audit' && <AuditPage {...props} />}
        {page.path === '/admin/moving' && <MovingPage {...props} />}
        {page.path === '/admin/people' && <PeoplePage {...props} />}
        {page.path === '/admin/account' && <AccountPage {...props} onUser={setUser} />}
      </main>
    </div>
  )
}
