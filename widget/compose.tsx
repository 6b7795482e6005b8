/**
 * widget-compose.js: the comment form and what a reader sees after posting,
 * fetched by widget.js once the widget is on screen, in parallel with the
 * comments: a reader sees the conversation without waiting for the parts that
 * write to it, and widget.js stays within its size budget. Uses the page's one
 * Preact (widget.js hands it over as Inkind._p).
 */
import { Component, type Ref } from 'preact'
import type { PostCommentAnswer, PublicComment } from '../shared/comments.ts'
import type { SiteConfigAnswer } from '../shared/site.ts'
import type { Api, ApiError } from './api.ts'
import type { App } from './app.tsx'
import { CommentForm } from './comment-form.tsx'
import { composeEn } from './compose-strings.ts'
import css from './compose-styles.css?inline'
import { RewardCard } from './reward-card.tsx'
import { fmt, type Strings } from './strings.ts'

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
    const notify = p.outcome.notify
    return (
      <div>
        <p>
          {p.outcome.comment.status === 'published' ? t.published : t.held} {notify && t.notifyAsked}
        </p>
        {p.outcome.reward && <RewardCard {...p} {...this.state} reward={p.outcome.reward} t={t} onCopy={this.copy} onResend={this.resend} />}
      </div>
    )
  }
}

/** What the blog offers for a comment, and on what terms: beside the form, until the reader has their code. */
function Offer({ reward, t: words0, lang }: { reward: NonNullable<SiteConfigAnswer['reward']>; t: Strings; lang: string }) {
  const t = words(words0)
  const offer = reward.offerText?.[lang.slice(0, 2)] ?? reward.offerText?.en ?? t.offerTitle
  return (
    <aside>
      <strong>{fmt(offer, { label: reward.label })}</strong>
      <p>
        {t.offerTerms}
        {reward.scope === 'thread' && t.perPost}
        {reward.validDays && fmt(t.validFor, { n: reward.validDays })}.{reward.minCommentChars > 0 && ` ${fmt(t.offerMin, { n: reward.minCommentChars })}`}
        {reward.delivery === 'email' && ` ${t.offerEmail}`}
      </p>
    </aside>
  )
}

function Form(p: Omit<Parameters<typeof CommentForm>[0], 't'> & { t: Strings }) {
  return <CommentForm {...p} t={words(p.t)} />
}

function addReply(list: PublicComment[], reply: PublicComment): PublicComment[] {
  return list.map((c) =>
    c.id === reply.parentId ? { ...c, replies: [...(c.replies ?? []), reply] } : c.replies ? { ...c, replies: addReply(c.replies, reply) } : c,
  )
}

/** Sends the widget's form: the comment joins the list at once if it is published, and focus moves to what the reader earned. */
async function post(app: App, form: HTMLFormElement) {
  const { api } = app.props
  const value = (k: string) => (form.elements.namedItem(k) as HTMLInputElement).value
  const me = { name: value('authorName'), email: value('email') }
  app.setState({ sending: true, failure: null, fields: {}, me })
  try {
    const answer = await api.post({
      authorName: me.name,
      email: me.email,
      body: value('body'),
      parentId: app.state.replyTo?.id ?? null,
      url: location.href.split('#')[0],
      website: value('website') || undefined,
      notify: (form.elements.namedItem('notify') as HTMLInputElement | null)?.checked,
      elapsedMs: Date.now() - app.shown,
    })
    // This browser may edit or delete the comment for a while.
    api.keep(answer.comment.id, answer.edit)
    const { status, ...comment } = answer.comment
    app.setState(
      (s) => ({
        outcome: answer,
        replyTo: null,
        writing: false,
        sending: false,
        ...(status === 'published' && {
          count: s.count + 1,
          comments: comment.parentId ? addReply(s.comments, comment) : [...s.comments, comment],
        }),
      }),
      // Read out, and the code one Tab from copying.
      () => app.card.current?.focus(),
    )
  } catch (err) {
    // (ApiError is widget.js's class: this file has no copy to compare with.)
    const body = (err as Partial<ApiError>).body ?? null
    const fields = body?.fields ?? {}
    app.setState({ sending: false, failure: body ?? 'network', fields })
    const first = Object.keys(fields)[0]
    if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus()
  }
}

const Inkind = (window as unknown as { Inkind: { loaded: (name: string, m: unknown) => void } }).Inkind
Inkind.loaded('compose', { Form, Outcome, Offer, post, css })

export type ComposeModule = { Form: typeof Form; Outcome: typeof Outcome; Offer: typeof Offer; post: typeof post; css: string }
