/**
 * The embed: one <script src=".../widget.js" data-site="…" async>. Reads its
 * settings from its own tag, talks only to the server it was loaded from, and
 * renders into a shadow root so host CSS and widget CSS never meet.
 *
 * It mounts into #inkind or [data-inkind] (else right after the script, when
 * that is in the <body>: a script in <head> is a site-wide layout's, and a page
 * without a container, such as a blog's index, gets no widget), and
 * keeps doing so on single-page sites: a container that appears after a
 * navigation is mounted, one that is removed is unmounted, and a container
 * that stays while the page's path changes shows the new page's thread.
 * window.Inkind offers the same by hand: mount(el, options), unmount(el),
 * setTheme('light' | 'dark' | 'auto').
 */
import { render } from 'preact'
import { api } from './api.ts'
import { App } from './app.tsx'
import { relative } from './comment-list.tsx'
import { en, LANGS, type Strings } from './strings.ts'
import css from './styles.css?inline'
import { followTheme, override } from './theme.ts'

export interface MountOptions {
  site?: string
  thread?: string
  title?: string
  theme?: string
  lang?: string
  heading?: string
}

interface Mounted {
  stop: () => void
  path: string
  /** The thread was derived from the page's address (not given): it follows navigation. */
  derived: boolean
}

const script = document.currentScript as HTMLScriptElement | null
const defaults = script?.dataset ?? {}
const origin = script ? new URL(script.src).origin : ''
const mounted = new Map<HTMLElement, Mounted>()
const SELECTOR = '#inkind,[data-inkind]'

/** The default thread: the canonical URL's path (one thread however the post is reached), else this page's. */
function pageThread(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href
  return canonical ? new URL(canonical).pathname : location.pathname
}

function nearViewport(el: Element): Promise<void> {
  return new Promise((resolve) => {
    // Already close: start now rather than a frame later, when the observer would first report.
    const box = el.getBoundingClientRect()
    if (box.top < innerHeight + 600 && box.bottom > -600) return resolve()
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect()
          resolve()
        }
      },
      { rootMargin: '600px' },
    )
    io.observe(el)
  })
}

/** English is built in; another language's words come from the Inkind server, once. */
const langs = new Map<string, Promise<Strings>>()
function strings(lang: string): Promise<Strings> {
  const code = lang.slice(0, 2).toLowerCase()
  if (!LANGS.includes(code)) return Promise.resolve(en)
  let loaded = langs.get(code)
  if (!loaded) {
    loaded = fetch(`${origin}/i18n/${code}.json`)
      .then((r) => r.json())
      .then(
        (t) => ({ ...en, ...t }),
        () => en,
      )
    langs.set(code, loaded)
  }
  return loaded
}

function mount(host: HTMLElement, options: MountOptions = {}) {
  unmount(host)
  const o = { ...defaults, ...host.dataset, ...options }
  if (!o.site) return console.error('Inkind: say which site: data-site="your-site-id" on the script tag or the container.')
  const lang = o.lang || document.documentElement.lang || navigator.language || 'en'
  const a = api(origin, o.site, o.thread ?? pageThread())
  // Near the viewport, the first render's one request (settings and first page) goes out before the widget's words have
  // arrived and before it renders; while it travels, the date format gets ready (a page's first Intl use costs tens of ms).
  const first = nearViewport(host).then(() => {
    const view = a.view()
    relative(lang)
    return view
  })
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
  // Constructed stylesheets need no 'unsafe-inline' in the host's CSP.
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  const themed = new CSSStyleSheet()
  root.adoptedStyleSheets = [sheet, themed]
  const stopTheme = followTheme(host, themed, () => options.theme ?? host.dataset.theme ?? script?.dataset.theme)
  mounted.set(host, {
    path: location.pathname,
    derived: !o.thread,
    stop: () => {
      stopTheme()
      render(null, root)
    },
  })
  strings(lang).then((t) =>
    render(
      <App
        api={a}
        origin={origin}
        t={t}
        lang={lang}
        heading={o.heading !== 'none'}
        first={first}
        onLoaded={() => host.setAttribute('data-inkind-loaded', '')}
      />,
      root,
    ),
  )
}

function unmount(host: HTMLElement) {
  mounted.get(host)?.stop()
  mounted.delete(host)
  host.removeAttribute('data-inkind-loaded')
}

/** Mounts what appeared, unmounts what left, and moves a kept container to the new page's thread. */
function sync() {
  for (const [host, m] of mounted) {
    if (!host.isConnected) unmount(host)
    else if (m.derived && m.path !== location.pathname) mount(host)
  }
  for (const host of document.querySelectorAll<HTMLElement>(SELECTOR)) if (!mounted.has(host)) mount(host)
}

const w = window as unknown as { Inkind?: Record<string, unknown> }
w.Inkind ??= {}
const Inkind = w.Inkind
// The script on the page twice: the first one does the work.
if (script && !Inkind.mount) {
  Object.assign(Inkind, {
    mount,
    unmount,
    setTheme: (theme: string) => {
      override.theme = theme
      dispatchEvent(new Event('inkind-theme'))
    },
  })
  const start = () => {
    if (defaults.site && !document.querySelector(SELECTOR) && document.body.contains(script)) {
      const host = document.createElement('div')
      host.setAttribute('data-inkind', '')
      script.after(host)
    }
    if (defaults.site) sync()
    let frame = 0
    const later = () => {
      frame = 0
      if (defaults.site) sync()
    }
    new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(later)
    }).observe(document.documentElement, { childList: true, subtree: true })
  }
  // A container already in the document is mounted at once (its thread's request goes out before the page has finished loading).
  if (document.readyState === 'loading' && !document.querySelector(SELECTOR)) document.addEventListener('DOMContentLoaded', start)
  else start()
}
