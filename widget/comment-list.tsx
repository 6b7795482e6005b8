import type { PublicComment } from '../shared/comments.ts'
import { Body } from './render-body.tsx'
import type { Strings } from './strings.ts'

/** A stable colour per name, so readers can follow a conversation at a glance. */
function hue(name: string): number {
  let h = 0
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360
  return h
}

interface Props {
  comments: PublicComment[]
  t: Strings
  date: Intl.DateTimeFormat
  onReply: (c: PublicComment) => void
  depth?: number
}

export function CommentList({ comments, t, date, onReply, depth = 0 }: Props) {
  return (
    <ol>
      {comments.map((c) => (
        <li key={c.id} id={`inkind-${c.id}`}>
          <article aria-label={c.authorName}>
            <header>
              <span class="avatar" aria-hidden="true" style={{ '--h': hue(c.authorName) }}>
                {[...c.authorName][0]?.toUpperCase()}
              </span>
              <strong>{c.authorName}</strong>
              <time dateTime={c.createdAt}>{date.format(new Date(c.createdAt))}</time>
            </header>
            <div class="text">
              <Body text={c.body} />
            </div>
            <button type="button" class="link" onClick={() => onReply(c)}>
              {t.reply}
            </button>
          </article>
          {c.replies?.length ? <CommentList comments={c.replies} t={t} date={date} onReply={onReply} depth={depth + 1} /> : null}
        </li>
      ))}
    </ol>
  )
}
