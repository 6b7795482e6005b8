/**
 * The widget in real Chromium on a host page: from widget.js arriving to a
 * 50-comment thread on screen, and how much the host page shifts meanwhile
 * (cumulative layout shift). Median of several loads. Printed, not asserted.
 */
import { existsSync } from 'node:fs'
import { CHROMIUM, launch } from '../tests/helpers/browser.ts'
import { hostSite } from '../tests/helpers/host-site.ts'
import { listDemoPosts, postDemoComment, startServer } from '../tests/helpers/server.ts'

export async function firstPaint(runs = 7) {
  if (!existsSync(CHROMIUM)) return console.log(`\n(first paint skipped: no Chromium at ${CHROMIUM})`)
  const server = await startServer({ INKIND_ADMIN_EMAIL: 'owner@example.com', INKIND_ADMIN_PASSWORD: 'a long owner password' })
  // The demo site takes comments only on posts it knows: its owner lists this one.
  await listDemoPosts(server, ['/bench/paint'])
  for (let i = 0; i < 50; i++) {
    const { status } = await postDemoComment(server.url, '/bench/paint', {
      authorName: `Reader ${i}`,
      email: `paint${i}@example.com`,
      body: `Comment ${i} about giving first, long enough to wrap onto a second line in the widget.`,
    })
    if (status !== 201) throw new Error(`seeding the painted thread: ${status}`)
  }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Paint</title></head><body>
<h1>A short post</h1><p>One paragraph.</p><div id="inkind"></div><footer id="after">Footer below the widget</footer>
<script src="${server.url}/widget.js" data-site="demo" data-thread="/bench/paint" async></script></body></html>`
  const host = await hostSite({ '/': { html: page } })
  // The host page is on another origin: allow it, as an owner would.
  const { adminSession, OWNER } = await import('../tests/helpers/server.ts')
  const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const site = await admin<Record<string, unknown> & { origins: string[] }>('GET', '/sites/demo')
  const { id: _, ...settings } = site
  await admin('PUT', '/sites/demo', { ...settings, origins: [...site.origins, host.url] })
  await new Promise((r) => setTimeout(r, 2100))

  const browser = await launch()
  const paints: number[] = []
  const shifts: number[] = []
  /** Where the time goes: script arrived → request sent, the request, answer → painted. */
  const parts: { start: number; request: number; render: number }[] = []
  for (let i = 0; i < runs; i++) {
    const p = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    await p.addInitScript(() => {
      const w = window as unknown as { __cls: number; __painted: number }
      w.__cls = 0
      // The frame after the widget says its data is rendered.
      document.addEventListener('DOMContentLoaded', () => {
        const host = document.getElementById('inkind')!
        new MutationObserver(() => {
          if (host.hasAttribute('data-inkind-loaded') && !w.__painted) requestAnimationFrame(() => (w.__painted = performance.now()))
        }).observe(host, { attributes: true })
      })
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await p.goto(`${host.url}/`)
    await p.waitForFunction(() => document.querySelector('#inkind')?.shadowRoot?.querySelectorAll('article').length === 50)
    await p.waitForFunction(() => (window as unknown as { __painted: number }).__painted > 0)
    const t = await p.evaluate(() => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      const script = resources.find((e) => e.name.endsWith('/widget.js'))!
      // The first render's one request: the site's settings and the thread's first page.
      const view = resources.find((e) => /\/threads\/[^/]+$/.test(new URL(e.name).pathname))!
      const w = window as unknown as { __cls: number; __painted: number }
      return { arrived: script.responseEnd, sent: view.startTime, answered: view.responseEnd, painted: w.__painted, cls: w.__cls }
    })
    paints.push(t.painted - t.arrived)
    parts.push({ start: t.sent - t.arrived, request: t.answered - t.sent, render: t.painted - t.answered })
    shifts.push(t.cls)
    await p.close()
  }
  await browser.close()
  await host.close()
  await server.stop()
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const part = (k: keyof (typeof parts)[number]) => median(parts.map((x) => x[k])).toFixed(0)
  console.log(
    `\nWidget in Chromium (${runs} loads, median): widget.js arrived → 50 comments painted ${median(paints).toFixed(0)} ms (budget 100): ` +
      `${part('start')} ms to the request, ${part('request')} ms for it, ${part('render')} ms to paint; every load ${paints.map((x) => x.toFixed(0)).join(', ')} ms; ` +
      `host layout shift ${median(shifts).toFixed(3)} (good ≤ 0.1)`,
  )
}
