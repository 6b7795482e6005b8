import type { StatsAnswer } from '../shared/admin.ts'
import { fmtMonth, fmtPercent, fmtRevenue } from './format.ts'

/**
 * Does it pay, month by month: a row per month with two bars on one scale,
 * readers rewarded and redemptions, each with its number beside it, and the
 * conversion and revenue in words. HTML, not a scaled drawing: the labels keep
 * their size on a phone, and every number is text a screen reader reads.
 */
export function MonthChart({ months }: { months: StatsAnswer['months'] }) {
  const max = Math.max(1, ...months.flatMap((m) => [m.rewardedReaders, m.redemptions]))
  const width = (n: number) => ({ width: `${(n / max) * 100}%` })
  return (
    <figure class="month-chart">
      <figcaption class="legend">
        <span>
          <i class="s-rewarded" aria-hidden="true" /> Readers rewarded
        </span>
        <span>
          <i class="s-redeemed" aria-hidden="true" /> Redemptions
        </span>
        <span>conversion of the month’s readers · revenue</span>
      </figcaption>
      <ol>
        {months.map((m) =>
          m.rewardedReaders + m.redemptions === 0 ? (
            <li key={m.month} data-month={m.month} class="none">
              <span class="month">{fmtMonth(m.month)}</span>
              <span class="outcome">no codes issued or redeemed</span>
            </li>
          ) : (
            <li key={m.month} data-month={m.month}>
              <span class="month">{fmtMonth(m.month)}</span>
              <span class="bars">
                <span class="bar">
                  <span class="fill s-rewarded" style={width(m.rewardedReaders)} />
                  <span class="n" title="Readers rewarded">
                    {m.rewardedReaders}
                  </span>
                </span>
                <span class="bar">
                  <span class="fill s-redeemed" style={width(m.redemptions)} />
                  <span class="n" title="Redemptions">
                    {m.redemptions}
                  </span>
                </span>
              </span>
              <span class="outcome">
                <span title="Of the readers rewarded this month, how many have redeemed their code">
                  {m.rewardedReaders ? `${fmtPercent(m.conversion)} converted` : '—'}
                </span>
                <span title="Revenue the shop reported">{fmtRevenue(m.revenue)}</span>
              </span>
            </li>
          ),
        )}
      </ol>
    </figure>
  )
}
