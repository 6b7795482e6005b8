/**
 * Light or dark, decided from what the reader actually sees: the background
 * of the nearest opaque element around the widget, by its luminance. Only when
 * nothing around is opaque does the page's color-scheme, then the reader's
 * system setting, decide. The host's text colour is used when it reads well
 * on that background. Followed live: attribute changes on <html> and <body>
 * (a site's own theme switch), stylesheets that load after the widget, the
 * system setting, and Inkind.setTheme().
 */

type Rgba = [number, number, number, number]

const rgba = (css: string): Rgba => {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number)
  return [r, g, b, css.startsWith('rgba') || css.includes('/') ? a : 1]
}

/** Relative luminance (WCAG 2). */
const luminance = ([r, g, b]: Rgba) => {
  const f = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)

/** The colour behind an element: the first ancestor whose background is mostly opaque. */
function backdrop(el: Element): Rgba | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = rgba(getComputedStyle(node).backgroundColor)
    if (bg[3] > 0.5) return bg
  }
  return null
}

const system = matchMedia('(prefers-color-scheme: dark)')

/** What a site or Inkind.setTheme() said for every widget on the page: light, dark, or auto (decide). */
export const override = { theme: 'auto' }

/**
 * Applies the theme to one widget host and its shadow sheet, now and on every
 * change around it. `wanted` reads data-theme from the container or the
 * script tag at each call, so changing the attribute takes effect too.
 */
export function followTheme(host: HTMLElement, sheet: CSSStyleSheet, wanted: () => string | undefined): () => void {
  let frame = 0
  const apply = () => {
    frame = 0
    const choice = override.theme !== 'auto' ? override.theme : (wanted() ?? 'auto')
    // Read from around the widget: its host element is styled by the widget itself.
    const around = getComputedStyle(host.parentElement ?? document.body)
    const bg = backdrop(host)
    const scheme = around.colorScheme
    const dark = choice === 'auto' ? (bg ? luminance(bg) < 0.35 : scheme.includes('dark') || (!scheme.includes('light') && system.matches)) : choice === 'dark'
    host.toggleAttribute('data-dark', dark)
    // The page's own text colour (around the widget: its host is styled by the widget), where it reads well on what is behind it.
    const fg = rgba(around.color)
    const behind = bg ? luminance(bg) : dark ? 0 : 1
    sheet.replaceSync(contrast(luminance(fg), behind) >= 4.5 && luminance(fg) < 0.5 !== dark ? `:host{--host-fg:rgb(${fg[0]} ${fg[1]} ${fg[2]})}` : '')
  }
  const later = () => {
    if (!frame) frame = requestAnimationFrame(apply)
    // Again once a theme switch's colour transition has settled.
    setTimeout(apply, 600)
  }
  /** A stylesheet arrived: an async script can run before the page's CSS has loaded. */
  const sheetLoaded = (e: Event) => e.target instanceof HTMLLinkElement && later()
  apply()
  const observer = new MutationObserver(later)
  // Any attribute of <html> and <body>: sites switch themes by class, data-theme, data-bs-theme, style…
  for (const el of [document.documentElement, document.body]) observer.observe(el, { attributes: true })
  observer.observe(host, { attributes: true, attributeFilter: ['data-theme'] })
  system.addEventListener('change', later)
  addEventListener('inkind-theme', later)
  document.addEventListener('load', sheetLoaded, true)
  if (document.readyState !== 'complete') addEventListener('load', later, { once: true })
  return () => {
    observer.disconnect()
    system.removeEventListener('change', later)
    removeEventListener('inkind-theme', later)
    document.removeEventListener('load', sheetLoaded, true)
    removeEventListener('load', later)
  }
}
