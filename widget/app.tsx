/**
 * The widget's one stateful component. A class, not hooks: the hooks module
 * would cost a sixth of the widget's size budget for what one component needs.
 */
import { Component, createRef } from 'preact'
import type { PostCommentAnswer, PublicComment, ThreadView } from '../shared/comments.ts'
import type { ErrorBody } from '../shared/errors.ts'
import type { SiteConfigAnswer } from '../shared/site.ts'
import { type Api, ApiError } from './api.ts'
import { CommentList } from './comment-list.tsx'
import { type Compose, loadChunk, type Reader } from './load-chunk.ts'
import { fmt, type Strings } from './strings.ts'

export interface Props {
  api: Api
  /** The Inkind server: widget-compose.js comes from there. */
  origin: string
  t: Strings
  lang: string
  /** Our "N comments" heading; off when the blog has its own (data-heading="none"). */
  heading: boolean
  /** The settings and first page, asked for once the widget neared the viewport (nothing is fetched before). */
  first: Promise<ThreadView>
  onLoaded: () => void
}

export interface State {
  load: 'loading' | 'failed' | 'ready'
  /** Why loading failed, in the owner's terms (a page on an origin the site does not allow). */
  ownerNote?: string
  config?: SiteConfigAnswer
  comments: PublicComment[]
  count: number
  /** The post takes no new comments. */
  closed: boolean
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
  /** Editing and a reader's data (widget-reader.js), once asked for. */
  r?: Reader
  /** The comment its author is editing. */
  editing: number | null
  /** The reader asked what the blog keeps about them. */
  data: boolean
  /**
   * This browser's edit keys may be read: only once the comments are on
   * screen, since a page's first touch of localStorage can block for tens of ms.
   */
  mine?: boolean
}

/** A comment of the page by id, at any depth. */
function find(list: PublicComment[], id: number): PublicComment | undefined {
  for (const c of list) {
    const hit = c.id === id ? c : find(c.replies ?? [], id)
    if (hit) return hit
  }
}

export class App extends Component<Props, State> {
  override state: State = {
    load: 'loading',
    comments: [],
    count: 0,
    closed: false,
    cursor: null,
    replyTo: null,
    outcome: null,
    writing: true,
    me: { name: '', email: '' },
    sending: false,
    failure: null,
    fields: {},
    editing: null,
    data: false,
  }
  plural = new Intl.PluralRules(this.props.lang)
  /** When the form appeared: the server holds comments sent faster than a person types as spam. */
  shown = 0
  card = createRef<HTMLDivElement>()

  override componentDidMount() {
    // The form comes once the comments are in: it does not compete with them for the first paint.
    this.fetch(this.props.first).then(() =>
      loadChunk(this.props.origin, 'compose').then((c) => {
        // Its looks, into this widget's shadow root.
        const root = (this.base as Node).getRootNode() as ShadowRoot
        const sheet = new CSSStyleSheet()
        sheet.replaceSync(c.css)
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
        this.setState({ c })
      }, console.error),
    )
  }

  /** Loads the thread (the first view given, else asked for); `true` reloads it in place (after an edit) without the loading state. */
  fetch = async (how?: unknown) => {
    const { api, onLoaded } = this.props
    if (how !== true) this.setState({ load: 'loading' })
    try {
      const { config, page } = await (how instanceof Promise ? how : api.view())
      this.shown ||= Date.now()
      this.setState(
        {
          load: 'ready',
          config,
          comments: page.comments,
          count: page.thread.commentCount,
          closed: page.thread.closed,
          cursor: page.nextCursor,
          editing: null,
        },
        () => requestAnimationFrame(() => setTimeout(() => this.setState({ mine: true }))),
      )
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

  /** Sends the form (widget-compose.js does it: only a page with the form needs it). */
  post = (form: HTMLFormElement) => this.state.c!.post(this, form)

  /** widget-reader.js, then `then` with the state it brings. */
  more2 = (then: Partial<State>) => loadChunk(this.props.origin, 'reader').then((r) => this.setState({ r, ...then }))

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
    const { api } = this.props
    const reward = s.config!.reward
    const outcome = s.outcome
    const C = s.c
    const R = s.r
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
        canNotify={s.config!.site.emails}
        onData={() => this.more2({ data: true })}
      />
    )
    const editing = s.editing && R && (
      <R.Edit
        c={find(s.comments, s.editing)!}
        token={api.own(s.editing)!}
        api={api}
        t={t}
        onDone={(c) => (c ? this.fetch(true) : this.setState({ editing: null }))}
      />
    )
    return (
      <section>
        {s.count ? heading && <h2>{fmt(t.heading[this.plural.select(s.count) === 'one' ? 0 : 1]!, { n: s.count })}</h2> : !s.closed && <p>{t.noComments}</p>}
        {s.comments.length > 0 && (
          <CommentList
            comments={s.comments}
            t={t}
            lang={lang}
            onReply={this.reply}
            closed={s.closed}
            replyTo={s.replyTo}
            replyForm={form}
            own={(c) => !!s.mine && !!api.own(c.id)}
            onEdit={(c) => this.more2({ editing: c.id })}
            editing={s.editing}
            editForm={editing}
          />
        )}
        {s.cursor && (
          <button type="button" class="more" onClick={this.more}>
            {t.more}
          </button>
        )}
        {s.closed ? (
          <p class="status">{t.closed}</p>
        ) : (
          <div class="compose">
            <div aria-live="polite">{outcome && C && <C.Outcome outcome={outcome} t={t} lang={lang} api={api} email={s.me.email} cardRef={this.card} />}</div>
            {reward && !outcome && C && <C.Offer reward={reward} t={t} lang={lang} />}
            {s.writing
              ? !s.replyTo && form
              : !s.replyTo && (
                  <button type="button" class="more" onClick={() => this.setState({ writing: true })}>
                    {t.another}
                  </button>
                )}
            {s.data && R && <R.Data api={api} t={t} />}
          </div>
        )}
      </section>
    )
  }
}
