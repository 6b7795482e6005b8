import { useEffect, useState } from 'preact/hooks'

/** Path-based routing under /admin: a link click or Back changes the page without a reload. */
export function navigate(path: string) {
  history.pushState(null, '', path)
  dispatchEvent(new PopStateEvent('popstate'))
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname + location.search)
  useEffect(() => {
    const update = () => setPath(location.pathname + location.search)
    addEventListener('popstate', update)
    return () => removeEventListener('popstate', update)
  }, [])
  return path
}

/** Intercepts same-app link clicks (no modifier keys), so they route in place. */
export function onLinkClick(e: MouseEvent) {
  const a = (e.target as HTMLElement).closest('a')
  if (!a || a.target || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
  const url = new URL(a.href)
  if (url.origin !== location.origin || !url.pathname.startsWith('/admin') || a.hasAttribute('download')) return
  e.preventDefault()
  navigate(url.pathname + url.search)
}
