/**
 * The pages the approve and spam links of a held-comment email open (see
 * domain/moderation/email-actions.ts): a GET shows the comment and a button,
 * and changes nothing, so a mail scanner that follows links decides nothing;
 * the button's POST decides, as the admin the mail went to, once. Plain HTML
 * under the reader pages' strict CSP, never cached or indexed.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { html } from 'hono/html'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { actOnModerationLink, openModerationLink } from '../domain/moderation/email-actions.ts'
import { STATUS } from './errors.ts'
import type { ListCache } from './list-cache.ts'
import { action, page, token } from './reader-pages.ts'

const WHAT = { approve: { ask: 'Approve this comment?', button: 'Approve and publish' }, spam: { ask: 'Mark this comment as spam?', button: 'Mark as spam' } }

async function moderationPage(c: Context, run: () => Promise<Response>) {
  try {
    return await run()
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const status = STATUS[error.code] as 400 | 403 | 404 | 409 | 410
    const title = error.code === 'conflict' ? 'Nothing to do' : 'This link does not work'
    return page(
      c,
      title,
      html`<p>${error.message}</p><p><a href="/admin/comments">Open the moderation queue</a></p>`,
      [404, 409, 410].includes(status) ? status : 400,
    )
  }
}

export function moderationPages(ctx: Ctx, opts: { lists: ListCache }) {
  const pages = new Hono()
  pages.get('/moderate', (c) =>
    moderationPage(c, async () => {
      const t = token(c)
      const link = await openModerationLink(ctx, t)
      if (link.used) throw new DomainError('conflict', 'This link was used already.')
      const decided = link.comment.status !== 'pending'
      return page(
        c,
        decided ? 'Decided already' : WHAT[link.action].ask,
        html`<p class="muted">${link.siteName} · ${link.post}</p>
        <p><strong>${link.comment.authorName}</strong> wrote:</p>
        <blockquote>${link.comment.body}</blockquote>
        ${
          decided
            ? html`<p>This comment is ${link.comment.status === 'published' ? 'published' : `marked ${link.comment.status}`} already: nothing to do.</p>`
            : html`<form method="post" action="${action('/moderate', t)}"><button type="submit"${link.action === 'spam' ? html` class="danger"` : ''}>${WHAT[link.action].button}</button></form>
        <p class="muted">As ${link.admin.name}. The link works once.</p>`
        }
        <p><a href="/admin/comments?id=${link.comment.id}">Open it in the admin</a></p>`,
      )
    }),
  )
  pages.post('/moderate', (c) =>
    moderationPage(c, async () => {
      const done = await actOnModerationLink(ctx, token(c))
      opts.lists.forget(done.thread.siteId, done.thread.key)
      const issued = done.reward?.status === 'issued' && done.reward.code ? done.reward.code : null
      return page(
        c,
        done.link.action === 'approve' ? 'Approved' : 'Marked as spam',
        html`<p>${done.link.comment.authorName}’s comment on ${done.link.post} is ${done.link.action === 'approve' ? 'published' : 'marked as spam'}.</p>
        ${issued ? html`<p>Their reward is issued: <code>${issued}</code>, on its way to them by email.</p>` : ''}
        <p><a href="/admin/comments">Open the moderation queue</a></p>`,
      )
    }),
  )
  return pages
}
