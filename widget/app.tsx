/**
 * The widget's one stateful component. A class, not hooks: the hooks module
 * would cost a sixth of the widget's size budget for what one component needs.
 */
import { Component, createRef } from 'preact'
import type { PostCommentAnswer, PublicComment } from '../shared/comments.ts'
import type { ErrorBody } from '../shared/errors.ts'
import type { SiteConfigAnswer } from '../shared/site.ts'
import { type Api, ApiError } from './api.ts'
import { CommentList } from './comment-list.tsx'
import { type Compose, loadCompose } from './load-compose.ts'
import { fmt, type Strings } from './strings.ts'

interface Props {
  api: Api
  /** The Inkind server: widget-compose.js comes from there. */
  origin: string
  t: Strings
  lang: string
  /** Our "N comments" heading; off when the blog has its own (data-heading="none"). */
  heading: boolean
  /** Resolves when the widget nears the viewport: nothing is fetched before. */
  visible: Promise<void>
  onLoaded: () => void
}

interface State {
  load: 'loading' | 'failed' | 'ready'
  /** Why loading failed, in the owner's terms (a page on an origin the site does not allow). */
  ownerNote?: string
  config?: SiteConfigAnswer
  comments: PublicComment[]
  count: number
  cursor: string | null
  replyTo: PublicComment | null
  outcome: PostCommentAnswer | null
  /** The form is folded away after a comment was posted, until the reader wants another. */
  writing: boolean
  /** Name and email as last given: a second comment starts with them. */
  me: { name: string; email: string }
  sending: boolean
  failure: ErrorBody['error'] | 'network' | null
  fields: Record<string, string>
  /** The form and the reward card (widget-compose.js), once loaded. */
  c?: Compose
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
    writing: true,
    me: { name: '', email: '' },
    sending: false,
    failure: null,
    fields: {},
  }
  plural = new Intl.PluralRules(this.props.lang)
  /** When the form appeared: the server holds comments sent faster than a person types as spam. */
  shown = 0
  card = createRef<HTMLDivElement>()

  override componentDidMount() {
    this.props.visible.then(() => {
      this.fetch()
      loadCompose(this.props.origin).then((c) => {
        // Its looks, into this widget's shadow root.
        const root = (this.base as Node).getRootNode() as ShadowRoot
        const sheet = new CSSStyleSheet()
        sheet.replaceSync(c.css)
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
        this.setState({ c })
      }, console.error)
    })
  }

  fetch = async () => {
    const { api, onLoaded } = this.props
    this.setState({ load: 'loading' })
    try {
      const { config, page } = await api.view()
      this.shown = Date.now()
      this.setState({ load: 'ready', config, comments: page.comments, count: page.thread.commentCount, cursor: page.nextCursor })
    } catch (e) {
      const body = e instanceof ApiError ? e.body : null
      // Said to whoever looks closer (the owner); readers see a neutral line.
      if (body?.code === 'origin_not_allowed') console.warn(`Inkind: ${body.message}`)
      this.setState({ load: 'failed', ownerNote: body?.code === 'origin_not_allowed' || body?.code === 'site_not_found' ? body.message : undefined })
    }
    onLoaded()
  }

  more = async () => {
    const page = await this.props.api.comments(this.state.cursor!)
    this.setState((s) => ({ comments: [...s.comments, ...page.comments], cursor: page.nextCursor }))
  }

  post = async (form: HTMLFormElement) => {
    const { api } = this.props
    const value = (k: string) => (form.elements.namedItem(k) as HTMLInputElement).value
    const me = { name: value('authorName'), email: value('email') }
    this.setState({ sending: true, failure: null, fields: {}, me })
    try {
      const answer = await api.post({
        authorName: me.name,
        email: me.email,
        body: value('body'),
        parentId: this.state.replyTo?.id ?? null,
        url: location.href.split('#')[0],
        website: value('website') || undefined,
        elapsedMs: Date.now() - this.shown,
      })
      const { status, ...comment } = answer.comment
      this.setState(
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
        // Move focus to what the reader earned, so it is read out and the code is one Tab from copying.
        () => this.card.current?.focus(),
      )
    } catch (err) {
      const body = err instanceof ApiError ? err.body : null
      const fields = body?.fields ?? {}
      this.setState({ sending: false, failure: body ?? 'network', fields })
      const first = Object.keys(fields)[0]
      if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus()
    }
  }

  /** Opens the form under the comment replied to (or back at the end), and takes the reader there. */
  reply = (c: PublicComment | null) => {
    this.setState({ replyTo: c, writing: true, failure: null, fields: {} }, () => {
      const body = (this.base as Element | undefined)?.querySelector('textarea')
      body?.focus({ preventScroll: true })
      body?.scrollIntoView({ block: 'center' })
    })
  }

  render({ t, lang, heading }: Props, s: State) {
    if (s.load === 'loading') return <p class="status">{t.loading}</p>
    if (s.load === 'failed') {
      return s.ownerNote ? (
        <div class="status">
          <p>{t.notHere}</p>
          <details>
            <summary>{t.forOwner}</summary>
            <p>{s.ownerNote}</p>
          </details>
        </div>
      ) : (
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
    const offer = reward && (reward.offerText?.[lang.slice(0, 2)] ?? reward.offerText?.en ?? t.offerTitle)
    const C = s.c
    const form = C && (
      <C.Form
        t={t}
        me={s.me}
        replyTo={s.replyTo}
        sending={s.sending}
        failure={s.failure}
        fields={s.fields}
        onSubmit={this.post}
        onCancelReply={() => this.reply(null)}
      />
    )
    return (
      <section>
        {s.count ? heading && <h2>{fmt(t.heading[this.plural.select(s.count) === 'one' ? 0 : 1]!, { n: s.count })}</h2> : <p>{t.noComments}</p>}
        {s.comments.length > 0 && <CommentList comments={s.comments} t={t} lang={lang} onReply={this.reply} replyTo={s.replyTo} replyForm={form} />}
        {s.cursor && (
          <button type="button" class="more" onClick={this.more}>
            {t.more}
          </button>
        )}
        <div class="compose">
          <div aria-live="polite">
            {outcome && C && <C.Outcome outcome={outcome} t={t} lang={lang} api={this.props.api} email={s.me.email} cardRef={this.card} />}
          </div>
          {reward && !outcome && (
            <aside>
              <strong>{fmt(offer!, { label: reward.label })}</strong>
              <p>
                {t.offerTerms}
                {reward.scope === 'thread' && t.perPost}
                {reward.validDays && fmt(t.validFor, { n: reward.validDays })}.
                {reward.minCommentChars > 0 && ` ${fmt(t.offerMin, { n: reward.minCommentChars })}`}
                {reward.delivery === 'email' && ` ${t.offerEmail}`}
              </p>
            </aside>
          )}
          {s.writing
            ? !s.replyTo && form
            : !s.replyTo && (
                <button type="button" class="more" onClick={() => this.setState({ writing: true })}>
                  {t.another}
                </button>
              )}
        </div>
      </section>
    )
  }
}
