import { useEffect, useState } from 'preact/hooks'
import type { AdminUser, ServerInfo, SiteRef, SitesAnswer, WhoAnswer } from '../shared/admin.ts'
import { ApiError, call, get, setCsrf } from './api.ts'
import { AuditPage } from './pages/audit.tsx'
import { CodesPage } from './pages/codes.tsx'
import { CommentsPage } from './pages/comments.tsx'
import { LoginPage } from './pages/login.tsx'
import { MovingPage } from './pages/moving.tsx'
import { SettingsPage } from './pages/settings.tsx'
import { ShopPage } from './pages/shop.tsx'
import { StatsPage } from './pages/stats.tsx'
import { navigate, onLinkClick, usePath } from './router.ts'

/** The logged-in admin, as the session answer types it. */
export type User = AdminUser
export type { ServerInfo, SiteRef }

const PAGES = [
  { path: '/admin/codes', label: 'Codes' },
  { path: '/admin/comments', label: 'Comments' },
  { path: '/admin/stats', label: 'Stats' },
  { path: '/admin/shop', label: 'Shop' },
  { path: '/admin/settings', label: 'Settings' },
  { path: '/admin/audit', label: 'Audit log' },
  { path: '/admin/moving', label: 'Import & export' },
]

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined)
  const [server, setServer] = useState<ServerInfo>({ canEmail: true })
  const [sites, setSites] = useState<SiteRef[]>([])
  const path = usePath()

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
  const page = PAGES.find((p) => pathname.startsWith(p.path)) ?? PAGES[0]!
  const props = { user, sites, server }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: one delegated listener turns in-app link clicks into navigation; the links stay links.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the links underneath handle Enter themselves (a click event).
    <div class="shell" onClick={onLinkClick}>
      <header class="top">
        <a class="brand" href="/admin/codes">
          Inkind
        </a>
        <nav aria-label="Admin">
          {PAGES.map((p) => (
            <a href={p.path} aria-current={p === page ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div class="me">
          <span title={user.email}>
            {user.name} · {user.role}
          </span>
          <button type="button" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main">
        {page.path === '/admin/codes' && <CodesPage {...props} />}
        {page.path === '/admin/comments' && <CommentsPage {...props} />}
        {page.path === '/admin/stats' && <StatsPage {...props} />}
        {page.path === '/admin/shop' && <ShopPage {...props} />}
        {page.path === '/admin/settings' && <SettingsPage {...props} />}
        {page.path === '/admin/audit' && <AuditPage {...props} />}
        {page.path === '/admin/moving' && <MovingPage {...props} />}
      </main>
    </div>
  )
}
