import { Component, createRef, Fragment, h } from 'preact'
import type { ComposeModule } from './compose.tsx'

export type Compose = ComposeModule

let loading: Promise<Compose> | undefined

/** Fetches widget-compose.js once per page from the Inkind server (the host's CSP already allows it for widget.js). */
export function loadCompose(origin: string): Promise<Compose> {
  loading ||= new Promise((resolve, reject) => {
    const I = (window as unknown as { Inkind: Record<string, unknown> }).Inkind
    I._p = { h, Fragment, Component, createRef }
    I.composed = () => resolve(I.compose as Compose)
    const script = document.createElement('script')
    script.src = `${origin}/widget-compose.js`
    script.onerror = () => {
      loading = undefined
      reject(new Error('Inkind: widget-compose.js could not be loaded'))
    }
    document.head.append(script)
  })
  return loading
}
