import type { JSX, Ref } from 'preact'
import type { RewardAnswer } from '../shared/reward.ts'
import type { ComposeStrings } from './compose-strings.ts'
import { fmt, type Strings } from './strings.ts'

interface Props {
  reward: RewardAnswer
  t: Strings & ComposeStrings
  lang: string
  copied: boolean
  /** The reader asked for their earlier code by email. */
  resent: boolean
  onCopy: (code: string, el: HTMLElement) => void
  onResend: () => void
  cardRef: Ref<HTMLDivElement>
}

/** The moment the program exists for: the reader sees what they earned. */
export function RewardCard({ reward, t, lang, copied, resent, onCopy, onResend, cardRef }: Props) {
  let content: JSX.Element
  if (reward.status === 'issued') {
    content = (
      <>
        <p>
          <strong>{reward.label}</strong>
        </p>
        <p>{t.yourCode}</p>
        <p class="code-row">
          <code class="code">{reward.code}</code>
          <button type="button" class="primary" onClick={(e) => onCopy(reward.code, (e.currentTarget as HTMLElement).previousElementSibling as HTMLElement)}>
            {copied ? t.copied : t.copy}
          </button>
        </p>
        <small>{reward.expiresAt ? fmt(t.expires, { date: new Date(reward.expiresAt).toLocaleDateString(lang, { dateStyle: 'medium' }) }) : t.noExpiry}</small>
      </>
    )
  } else if (reward.status === 'pending') {
    content = <p>{reward.reason === 'approval' ? t.pendingApproval : t.pendingLater}</p>
  } else if (reward.status === 'already') {
    content = (
      <>
        <p>{fmt(t.already, reward)}</p>
        {resent ? (
          <p>{t.resent}</p>
        ) : (
          <button type="button" class="more" onClick={onResend}>
            {t.resend}
          </button>
        )}
      </>
    )
  } else {
    content = <p>{fmt(t.sent, reward)}</p>
  }
  return (
    <div class={`reward ${reward.status}`} ref={cardRef} tabIndex={-1}>
      {content}
    </div>
  )
}
