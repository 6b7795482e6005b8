import type { StatsAnswer } from '../shared/admin.ts'

const W = 720
const H = 220
const PAD = { top: 12, right: 12, bottom: 28, left: 36 }
const SERIES = [
  { key: 'comments', label: 'Comments', cls: 's-comments' },
  { key: 'issued', label: 'Codes issued', cls: 's-issued' },
  { key: 'redeemed', label: 'Redeemed', cls: 's-redeemed' },
] as const

/** Comments as bars, codes issued and redeemed as lines, per day. The table below carries the same numbers for screen readers. */
export function DailyChart({ days }: { days: StatsAnswer['days'] }) {
  const max = Math.max(1, ...days.flatMap((d) => [d.comments, d.issued, d.redeemed]))
  const innerW = W - PAD.left - PAD.right
  const innerH = H - PAD.top - PAD.bottom
  const step = innerW / Math.max(days.length, 1)
  const x = (i: number) => PAD.left + step * i + step / 2
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH
  const ticks = [0, Math.round(max / 2), max]
  const line = (k: 'issued' | 'redeemed') => days.map((d, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(d[k]).toFixed(1)}`).join('')
  const labelEvery = Math.ceil(days.length / 8)

  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Comments, codes issued and codes redeemed per day">
        {ticks.map((t) => (
          <g>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text class="axis" x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
              {t}
            </text>
          </g>
        ))}
        {days.map((d, i) => (
          <rect class="s-comments" x={x(i) - step * 0.3} width={step * 0.6} y={y(d.comments)} height={Math.max(0, PAD.top + innerH - y(d.comments))}>
            <title>{`${d.day}: ${d.comments} comments, ${d.issued} issued, ${d.redeemed} redeemed`}</title>
          </rect>
        ))}
        <path class="s-issued" d={line('issued')} />
        <path class="s-redeemed" d={line('redeemed')} />
        {days.map((d, i) =>
          i % labelEvery === 0 ? (
            <text class="axis" x={x(i)} y={H - 8} text-anchor="middle">
              {d.day.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption class="legend">
        {SERIES.map((s) => (
          <span>
            <i class={s.cls} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
