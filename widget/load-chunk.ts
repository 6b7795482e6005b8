import { Component, createRef, Fragment, h } from 'preact'
import type { ComposeModule } from './compose.tsx'
import type { ReaderModule } from './reader.tsx'

export type Compose = ComposeModule
export type Reader = ReaderModule
type Chunks = { compose: Compose; reader: Reader }

const loading: Partial<Record<keyof Chunks, Promise<unknown>>> = {}

/**
 * Fetches widget-<name>.js once per page from the Inkind server (the host's
 * CSP already allows it for widget.js): the form (compose) when the comments
 * are on screen, editing and a reader's data (reader) when asked for. Each
 * uses the page's one Preact, handed over as Inkind._p, and reports back
 * through Inkind.loaded(name, module).
 */
export function loadChunk<N extends keyof Chunks>(origin: string, name: N): Promise<Chunks[N]> {
  loading[name] ||= new Promise((resolve, reject) => {
    const I = (window as unknown as { Inkind: Record<string, unknown> }).Inkind
    I._p = { h, Fragment, Component, createRef }
    I.ready ??= {}
    const ready = I.ready as Record<string, (m: unknown) => void>
    ready[name] = resolve
    I.loaded ??= (n: string, m: unknown) => ready[n]?.(m)
    const script = document.createElement('script')
    script.src = `${origin}/widget-${name}.js`
    script.onerror = () => {
      loading[name] = undefined
      reject(new Error(`Inkind: widget-${name}.js could not be loaded`))
    }
    document.head.append(script)
  })
  return loading[name] as Promise<Chunks[N]>
}
