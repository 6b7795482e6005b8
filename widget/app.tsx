/**
 * The widget's one stateful component. A class, not hooks: the hooks module
 * would cost a sixth of the widget's size budget for what one component needs.
 */
import { Component, createRef } from 'preact'
import type { PostCommentAnswer, PublicComment } from '../shared/comments.ts'
import type { SiteConfigAnswer } from '../shared/site.ts'
import { type Api, ApiError } from './api.ts'
import { CommentForm } from './comment-form.tsx'
import { CommentList } from './comment-list.tsx'
import { RewardCard } from './reward-card.tsx'
import { fmt, type Strings } from './strings.ts'

interface Props {
  api: Api
  t: Strings
  lang: string
  title: string
  /** Resolves when the widget nears the viewport: nothing is fetched before. */
  visible: Promise<void>
  onLoaded: () => void
}

interface State {
  load: 'loading' | 'failed' | 'ready'
  config?: SiteConfigAnswer
  comments: PublicComment[]
  count: number
  cursor: string | null
  replyTo: PublicComment | null
  outcome: PostCommentAnswer | null
  sending: boolean
  error: string | null
  fields: Record<string, string>
  copied: boolean
}

function addReply(list: PublicComment[], reply: PublicComment): PublicComment[] {
  return list.map((c) =>
    c.id === reply.parentId ? { ...c, replies: [...(c.replies ?? []), reply] } : c.replies ? { ...c, replies: addReply(c.replies, reply) } : c,
  )
}

export class App extends Component<Props, State> {
  override state: State = {
    load: 'loading',
    comments: [],
    count: 0,
    cursor: null,
    replyTo: null,
    outcome: null,
    sending: false,
    error: null,
    fields: {},
    copied: false,
  }
  date = new Intl.DateTimeFormat(this.props.lang, { dateStyle: 'medium' })
  plural = new Intl.PluralRules(this.props.lang)
  /** When the form appeared: the server holds comments sent faster than a person types as spam. */
  shown = 0
  card = createRef<HTMLDivElement>()

  override componentDidMount() {
    this.props.visible.then(this.fetch)
  }

  fetch = async () => {
    const { api, onLoaded } = this.props
    this.setState({ load: 'loading' })
    try {
      const [config, page] = await Promise.all([
        api.config(),
        api.comments().catch((e) => {
          // A post nobody commented on yet: an empty thread, not a failure.
          if (e instanceof ApiError && e.body?.code === 'thread_not_found') return null
          throw e
        }),
      ])
      this.shown = Date.now()
      this.setState({
        load: 'ready',
        config,
        comments: page?.comments ?? [],
        count: page?.thread.commentCount ?? 0,
        cursor: page?.nextCursor ?? null,
      })
    } catch {
      this.setState({ load: 'failed' })
    }
    onLoaded()
  }

  more = async () => {
    const page = await this.props.api.comments(this.state.cursor!)
    this.setState((s) => ({ comments: [...s.comments, ...page.comments], cursor: page.nextCursor }))
  }

  post = async (form: HTMLFormElement) => {
    const { api, t, title } = this.props
    const value = (k: string) => (form.elements.namedItem(k) as HTMLInputElement).value
    this.setState({ sending: true, error: null, fields: {} })
    try {
      const answer = await api.post({
        authorName: value('authorName'),
        email: value('email'),
        body: value('body'),
        parentId: this.state.replyTo?.id ?? null,
        title,
        url: location.href.split('#')[0],
        website: value('website') || undefined,
        elapsedMs: Date.now() - this.shown,
      })
      ;(form.elements.namedItem('body') as HTMLTextAreaElement).value = ''
      const { status, ...comment } = answer.comment
      this.setState(
        (s) => ({
          outcome: answer,
          replyTo: null,
          copied: false,
          sending: false,
          ...(status === 'published' && {
            count: s.count + 1,
            comments: comment.parentId ? addReply(s.comments, comment) : [...s.comments, comment],
          }),
        }),
        // Move focus to what the reader earned, so it is read out and the code is one Tab from copying.
        () => this.card.current?.focus(),
      )
    } catch (err) {
      const body = err instanceof ApiError ? err.body : null
      const fields = body?.fields ?? {}
      this.setState({ sending: false, error: body ? (t.errors[body.code] ?? t.failed) : t.network, fields })
      const first = Object.keys(fields)[0]
      if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus()
    }
  }

  copy = async (code: string, el: HTMLElement) => {
    try {
      await navigator.clipboard.writeText(code)
    } catch {
      // No clipboard permission: select the code so Ctrl+C works.
      getSelection()?.selectAllChildren(el)
    }
    this.setState({ copied: true })
  }

  render({ t }: Props, s: State) {
    if (s.load === 'loading') return <p class="status">{t.loading}</p>
    if (s.load === 'failed') {
      return (
        <p class="status">
          {t.loadFailed}{' '}
          <button type="button" class="link" onClick={this.fetch}>
            {t.retry}
          </button>
        </p>
      )
    }
    const reward = s.config!.reward
    const outcome = s.outcome
    const heading = fmt(t.heading[this.plural.select(s.count) === 'one' ? 0 : 1]!, { n: s.count })
    return (
      <section>
        <h2>{heading}</h2>
        {s.comments.length ? (
          <CommentList comments={s.comments} t={t} date={this.date} onReply={(c) => this.setState({ replyTo: c })} />
        ) : (
          <p>{t.noComments}</p>
        )}
        {s.cursor && (
          <button type="button" class="more" onClick={this.more}>
            {t.more}
          </button>
        )}
        <div class="compose">
          {reward && (
            <aside>
              <strong>{fmt(t.offerTitle, { label: reward.label })}</strong>
              <p>
                {t.offerTerms}
                {reward.scope === 'thread' && t.perPost}
                {reward.validDays && fmt(t.validFor, { n: reward.validDays })}.
                {reward.minCommentChars > 0 && ` ${fmt(t.offerMin, { n: reward.minCommentChars })}`}
                {reward.delivery === 'email' && ` ${t.offerEmail}`}
              </p>
            </aside>
          )}
          <div aria-live="polite">
            {outcome && (
              <div>
                <p>{outcome.comment.status === 'published' ? t.published : t.held}</p>
                {outcome.reward && <RewardCard reward={outcome.reward} t={t} date={this.date} copied={s.copied} onCopy={this.copy} cardRef={this.card} />}
              </div>
            )}
          </div>
          <CommentForm
            t={t}
            replyTo={s.replyTo}
            sending={s.sending}
            error={s.error}
            fields={s.fields}
            onSubmit={this.post}
            onCancelReply={() => this.setState({ replyTo: null })}
          />
        </div>
      </section>
    )
  }
}
