/**
 * count.js: fills comment counts into an index page with one request.
 *   <a href="/blog/post" data-inkind-count="/blog/post">Comments</a>
 *   <script src="https://comments.example.com/count.js" data-site="cpr" async></script>
 * The element's text becomes "3 comments" (data-one / data-other on the script
 * tag change the words: data-other="{n} Kommentare"). On a single-page site,
 * links that appear after a navigation are filled too, and Inkind.count()
 * fills them on demand.
 */
import type { CountsAnswer } from '../shared/comments.ts'

const script = document.currentScript as HTMLScriptElement
const { site, one = '{n} comment', other = '{n} comments' } = script.dataset
const server = new URL(script.src).origin
const DONE = 'inkindCounted'

function count() {
  const els = [...document.querySelectorAll<HTMLElement>('[data-inkind-count]')].filter((e) => e.dataset[DONE] !== e.dataset.inkindCount)
  const keys = [...new Set(els.map((e) => e.dataset.inkindCount!))]
  const rules = new Intl.PluralRules(document.documentElement.lang || 'en')
  // The server answers up to 100 threads a request.
  for (let i = 0; i < keys.length; i += 100) {
    fetch(
      `${server}/api/v1/sites/${site}/counts?threads=${keys
        .slice(i, i + 100)
        .map(encodeURIComponent)
        .join(',')}`,
      { credentials: 'omit' },
    )
      .then((r) => r.json())
      .then(({ counts }: CountsAnswer) => {
        for (const e of els) {
          const n = counts[e.dataset.inkindCount!]
          if (n === undefined) continue
          e.textContent = (rules.select(n) === 'one' ? one : other).replace('{n}', String(n))
          e.dataset[DONE] = e.dataset.inkindCount
        }
      })
  }
}

const w = window as unknown as { Inkind?: { count?: () => void } }
w.Inkind ??= {}
w.Inkind.count = count
const start = () => {
  count()
  let frame = 0
  new MutationObserver(() => {
    if (frame) return
    frame = requestAnimationFrame(() => {
      frame = 0
      count()
    })
  }).observe(document.documentElement, { childList: true, subtree: true })
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
else start()
