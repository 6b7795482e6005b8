/**
 * The embed: one <script src=".../widget.js" data-site="…" async>. Reads its
 * settings from its own tag, talks only to the server it was loaded from, and
 * renders into a shadow root so host CSS and widget CSS never meet.
 */
import { render } from 'preact'
import { api } from './api.ts'
import { App } from './app.tsx'
import { en, LANGS, type Strings } from './strings.ts'
import css from './styles.css?inline'

const MOUNTED = 'inkindMounted'

/** The default thread: the canonical URL's path (one thread however the post is reached), else this page's. */
function threadKey(): string {
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

/** A constructed stylesheet needs no 'unsafe-inline' in the host's CSP. */
function styleSheet(root: ShadowRoot) {
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [sheet]
}

/**
 * data-theme light or dark as given; auto (the default) follows the host
 * page's color-scheme where it declares one, else the reader's setting, live.
 */
function theme(host: HTMLElement, wanted: string | undefined) {
  const dark = matchMedia('(prefers-color-scheme: dark)')
  const apply = () => {
    const scheme = getComputedStyle(host).colorScheme
    const auto = scheme === 'dark' || (scheme !== 'light' && dark.matches)
    host.toggleAttribute('data-dark', wanted === 'dark' || (wanted !== 'light' && auto))
  }
  apply()
  dark.addEventListener('change', apply)
}

/** English is built in; another language's words come from the Inkind server, once. */
async function strings(origin: string, lang: string): Promise<Strings> {
  const code = lang.slice(0, 2).toLowerCase()
  if (!LANGS.includes(code)) return en
  try {
    return { ...en, ...(await (await fetch(`${origin}/i18n/${code}.json`)).json()) }
  } catch {
    return en
  }
}

async function mount(script: HTMLScriptElement) {
  const d = script.dataset
  if (!d.site) return console.error('Inkind: the script tag needs data-site="your-site-id".')
  let host = document.getElementById('inkind') ?? document.querySelector<HTMLElement>('[data-inkind]')
  if (!host) {
    host = document.createElement('div')
    script.after(host)
  }
  if (host.dataset[MOUNTED]) return
  host.dataset[MOUNTED] = '1'

  theme(host, d.theme)
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' })
  styleSheet(root)
  const lang = d.lang || document.documentElement.lang || navigator.language || 'en'
  const origin = new URL(script.src).origin
  const client = api(origin, d.site, d.thread ?? threadKey())
  const visible = nearViewport(host)
  const t = await strings(origin, lang)
  render(
    <App api={client} t={t} lang={lang} title={d.title ?? document.title} visible={visible} onLoaded={() => host!.setAttribute('data-inkind-loaded', '')} />,
    root,
  )
}

const script = document.currentScript as HTMLScriptElement | null
if (script) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mount(script))
  else mount(script)
}
