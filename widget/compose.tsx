/**
 * widget-compose.js: the comment form and what a reader sees after posting,
 * fetched by widget.js once the widget is on screen, in parallel with the
 * comments: a reader sees the conversation without waiting for the parts that
 * write to it, and widget.js stays within its size budget. Uses the page's one
 * Preact (widget.js hands it over as Inkind._p).
 */
import { Component, type Ref } from 'preact'
import type { PostCommentAnswer } from '../shared/comments.ts'
import type { Api } from './api.ts'
import { CommentForm } from './comment-form.tsx'
import { composeEn } from './compose-strings.ts'
import css from './compose-styles.css?inline'
import { RewardCard } from './reward-card.tsx'
import type { Strings } from './strings.ts'

/** The language file's words where it has them, the built-in English for the rest. */
const words = (t: Strings) => ({ ...composeEn, ...t })

export interface OutcomeProps {
  outcome: PostCommentAnswer
  t: Strings
  lang: string
  api: Api
  /** The address the comment was posted with: where an earlier code may be sent again. */
  email: string
  cardRef: Ref<HTMLDivElement>
}

/** After posting: whether the comment is up, and the reward. */
class Outcome extends Component<OutcomeProps, { copied: boolean; resent: boolean }> {
  override state = { copied: false, resent: false }

  copy = async (code: string, el: HTMLElement) => {
    try {
      await navigator.clipboard.writeText(code)
    } catch {
      // No clipboard permission: select the code so Ctrl+C works.
      getSelection()?.selectAllChildren(el)
    }
    this.setState({ copied: true })
  }

  resend = async () => {
    await this.props.api.resend(this.props.email).catch(() => null)
    this.setState({ resent: true })
  }

  render(p: OutcomeProps) {
    const t = words(p.t)
    return (
      <div>
        <p>{p.outcome.comment.status === 'published' ? t.published : t.held}</p>
        {p.outcome.reward && <RewardCard {...p} {...this.state} reward={p.outcome.reward} t={t} onCopy={this.copy} onResend={this.resend} />}
      </div>
    )
  }
}

function Form(p: Omit<Parameters<typeof CommentForm>[0], 't'> & { t: Strings }) {
  return <CommentForm {...p} t={words(p.t)} />
}

const Inkind = (window as unknown as { Inkind: Record<string, unknown> }).Inkind
Inkind.compose = { Form, Outcome, css }
;(Inkind.composed as (() => void) | undefined)?.()

export type ComposeModule = { Form: typeof Form; Outcome: typeof Outcome; css: string }
