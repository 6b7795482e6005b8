import type { JSX, Ref } from 'preact'
import type { RewardAnswer } from '../shared/reward.ts'
import { fmt, type Strings } from './strings.ts'

interface Props {
  reward: RewardAnswer
  t: Strings
  date: Intl.DateTimeFormat
  copied: boolean
  onCopy: (code: string, el: HTMLElement) => void
  cardRef: Ref<HTMLDivElement>
}

/** The moment the program exists for: the reader sees what they earned. */
export function RewardCard({ reward, t, date, copied, onCopy, cardRef }: Props) {
  let content: JSX.Element
  if (reward.status === 'issued') {
    content = (
      <>
        <p>
          <strong>{reward.label}</strong>
        </p>
        <p>{t.yourCode}</p>
        <p>
          <code class="code">{reward.code}</code>
          <button type="button" class="primary" onClick={(e) => onCopy(reward.code, (e.currentTarget as HTMLElement).previousElementSibling as HTMLElement)}>
            {copied ? t.copied : t.copy}
          </button>
        </p>
        <small>{reward.expiresAt ? fmt(t.expires, { date: date.format(new Date(reward.expiresAt)) }) : t.noExpiry}</small>
      </>
    )
  } else if (reward.status === 'pending') {
    content = <p>{reward.reason === 'approval' ? t.pendingApproval : t.pendingLater}</p>
  } else {
    content = <p>{fmt(reward.status === 'sent' ? t.sent : t.already, reward)}</p>
  }
  return (
    <div class={`reward ${reward.status}`} ref={cardRef} tabIndex={-1}>
      {content}
    </div>
  )
}
