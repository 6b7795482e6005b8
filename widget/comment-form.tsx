import type { JSX } from 'preact'
import type { PublicComment } from '../shared/comments.ts'
import type { ErrorBody } from '../shared/errors.ts'
import { MAX_BODY, MAX_EMAIL, MAX_NAME } from '../shared/limits.ts'
import type { ComposeStrings } from './compose-strings.ts'
import { fmt, type Strings } from './strings.ts'

interface Props {
  /** Name and email as the reader last gave them. */
  me: { name: string; email: string }
  replyTo: PublicComment | null
  sending: boolean
  /** Why the last post failed: the server's error, or the network. */
  failure: ErrorBody['error'] | 'network' | null
  /** Field name → reason code from the server's error answer. */
  fields: Record<string, string>
  onSubmit: (form: HTMLFormElement) => void
  onCancelReply: () => void
  /** The server can email: replies can be notified. */
  canNotify: boolean
  /** The reader asks what the blog keeps about them. */
  onData: () => void
}

export function CommentForm({
  t: words,
  me,
  replyTo,
  sending,
  failure,
  fields,
  onSubmit,
  onCancelReply,
  canNotify,
  onData,
}: Props & { t: Strings & ComposeStrings }) {
  const t = words
  const error = failure && (failure === 'network' ? t.network : (t.errors[failure.code] ?? t.failed))
  const field = (name: string, label: string, control: (p: Record<string, unknown>) => JSX.Element, hint?: string, more?: JSX.Element) => {
    const reason = fields[name]
    return (
      <div class={`field ${name}`}>
        <label for={`inkind-${name}`}>{label}</label>
        {control({
          id: `inkind-${name}`,
          name,
          required: true,
          'aria-invalid': reason ? 'true' : undefined,
          'aria-describedby': reason ? `inkind-${name}-error` : hint && `inkind-${name}-hint`,
        })}
        {hint && (
          <small id={`inkind-${name}-hint`}>
            {hint} {more}
          </small>
        )}
        {reason && (
          <small id={`inkind-${name}-error`} class="error">
            {t.fields[reason] ?? t.fields.invalid}
          </small>
        )}
      </div>
    )
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit(e.currentTarget)
      }}
    >
      {replyTo && (
        <p class="replying">
          {fmt(t.replyingTo, { name: replyTo.authorName })}{' '}
          <button type="button" class="link" onClick={onCancelReply}>
            {t.cancelReply}
          </button>
        </p>
      )}
      {field(
        'body',
        t.comment,
        (p) => (
          <textarea {...p} rows={4} maxLength={MAX_BODY} />
        ),
        t.commentHint,
      )}
      <div class="row">
        {field('authorName', t.name, (p) => (
          <input {...p} autoComplete="name" maxLength={MAX_NAME} defaultValue={me.name} />
        ))}
        {field(
          'email',
          t.email,
          (p) => (
            <input {...p} type="email" autoComplete="email" maxLength={MAX_EMAIL} defaultValue={me.email} />
          ),
          t.emailHint,
          canNotify ? (
            <button type="button" class="link" onClick={onData}>
              {t.yourData}
            </button>
          ) : undefined,
        )}
      </div>
      {canNotify && (
        <label class="check">
          <input type="checkbox" name="notify" /> {t.notify}
        </label>
      )}
      {/* Honeypot: invisible to people and to assistive technology; bots fill it in. */}
      <div class="hp" aria-hidden="true">
        <label>
          Website <input name="website" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={sending}>
        {sending ? t.sending : t.submit}
      </button>
    </form>
  )
}
