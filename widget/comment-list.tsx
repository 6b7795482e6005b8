import type { ComponentChildren } from 'preact'
import type { PublicComment } from '../shared/comments.ts'
import { Body } from './render-body.tsx'
import type { Strings } from './strings.ts'

/** A stable colour per name, so readers can follow a conversation at a glance. */
function hue(name: string): number {
  let h = 0
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360
  return h
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

const formats: Record<string, Intl.RelativeTimeFormat> = {}

/**
 * "3 days ago" in a language, made once per language (one costs more than
 * rendering a comment; the page's first use of Intl costs tens of ms, which
 * main.tsx spends while the comments are on their way).
 */
export const relative = (lang: string) => (formats[lang] ??= new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }))

/** "3 days ago" in the reader's language; the exact date and time is the element's title. */
function when(iso: string, lang: string) {
  const date = new Date(iso)
  const seconds = (date.getTime() - Date.now()) / 1000
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1]
  return (
    <time dateTime={iso} title={date.toLocaleString(lang)}>
      {relative(lang).format(Math.round(seconds / size), unit)}
    </time>
  )
}

interface Props {
  comments: PublicComment[]
  t: Strings
  lang: string
  onReply: (c: PublicComment) => void
  /** The post takes no new comments: no Reply buttons. */
  closed: boolean
  /** The comment being replied to: the reply form opens right under it. */
  replyTo: PublicComment | null
  replyForm: ComponentChildren
  /** This browser posted it, and may still change it. */
  own: (c: PublicComment) => boolean
  onEdit: (c: PublicComment) => void
  /** The comment being edited, and its form (in place of its text). */
  editing: number | null
  editForm: ComponentChildren
}

export function CommentList(p: Props) {
  return (
    <ol>
      {p.comments.map((c) => (
        <li key={c.id} id={`inkind-c${c.id}`}>
          {c.deleted ? (
            <p class="gone">{p.t.deleted}</p>
          ) : (
            <article aria-label={c.authorName}>
              <header>
                <span class="avatar" aria-hidden="true" style={{ '--h': hue(c.authorName) }}>
                  {[...c.authorName][0]?.toUpperCase()}
                </span>
                <span class="who">
                  <strong>{c.authorName}</strong> {c.byAuthor && <span class="badge">{p.t.author}</span>} {when(c.createdAt, p.lang)}
                  {c.edited && <small> · {p.t.edited}</small>}
                </span>
              </header>
              {p.editing === c.id ? (
                p.editForm
              ) : (
                <div class="text">
                  <Body text={c.body} />
                </div>
              )}
              {!p.closed && (
                <button type="button" class="reply" onClick={() => p.onReply(c)}>
                  {p.t.reply}
                </button>
              )}
              {p.own(c) && (
                <button type="button" class="reply" onClick={() => p.onEdit(c)}>
                  {p.t.edit}
                </button>
              )}
            </article>
          )}
          {p.replyTo?.id === c.id && p.replyForm}
          {c.replies?.length ? <CommentList {...p} comments={c.replies} /> : null}
        </li>
      ))}
    </ol>
  )
}
