/**
 * The pages a reader reaches from a link in an email, on this server: confirm
 * reply notifications, unsubscribe (RFC 8058: the mail's one-click POST lands
 * here too), and see, download and delete their data. Plain HTML forms, no
 * script, a CSP that allows only their own stylesheet; never indexed, never
 * cached, no referrer. A GET only shows: every change is a POST, so a mail
 * scanner that follows links changes nothing.
 */
import { createHash } from 'node:crypto'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { z } from 'zod'
import type { ReaderExport } from '../../shared/moving.ts'
import { ERASE_MODES } from '../../shared/values.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { confirmReplies } from '../domain/notifications/ask-for-replies.ts'
import { readUnsubscribeToken, unsubscribe } from '../domain/notifications/unsubscribe.ts'
import { eraseReader } from '../domain/readers/erase-reader.ts'
import { exportReader } from '../domain/readers/export-reader.ts'
import { openReaderLink } from '../domain/readers/reader-links.ts'
import { findSite } from '../domain/sites/get-site.ts'
import { STATUS } from './errors.ts'

const Token = z.object({ t: z.string().min(10).max(200) })
const EraseForm = z.object({ how: z.enum(ERASE_MODES), sure: z.literal('yes') })

const STYLE = `body{font:17px/1.55 system-ui,sans-serif;max-width:42em;margin:2em auto;padding:0 1em;color:#1d1d1f}
h1{font-size:1.5em}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4em;border-bottom:1px solid #ddd;vertical-align:top}
button{font:inherit;padding:.5em 1em;border-radius:.4em;border:1px solid #888;background:#fff;cursor:pointer}button.danger{background:#b3261e;color:#fff;border:0}
fieldset{border:1px solid #ddd;border-radius:.5em;margin:1em 0}.muted{color:#5c5c66}blockquote{margin:.3em 0;white-space:pre-wrap}
@media (prefers-color-scheme:dark){body{background:#15161a;color:#ececf1}button{background:#26272d;color:inherit}td,th{border-color:#333}.muted{color:#a6a7b3}}`
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

function page(c: Context, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>, status: 200 | 400 | 403 | 404 | 410 | 413 = 200) {
  c.header('Content-Security-Policy', `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`)
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Robots-Tag', 'noindex')
  return c.html(
    html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${raw(STYLE)}</style></head><body><h1>${title}</h1>${body}</body></html>`,
    status,
  )
}

/** A link that does not work (any more) is said in words, not JSON. */
async function readerPage(c: Context, run: () => Promise<Response>) {
  try {
    return await run()
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const status = STATUS[error.code] as 400 | 403 | 404 | 410
    // The request id (server/http/request-id.ts), as in every JSON error: it finds this request in the owner's log.
    const id = c.get('requestId')
    return page(
      c,
      'This link does not work',
      html`<p>${error.message}</p>${id ? html`<p class="muted">If you write to the site about it, quote: <code>${id}</code></p>` : ''}`,
      [400, 403, 404, 410].includes(status) ? status : 400,
    )
  }
}

function token(c: Context): string {
  const parsed = Token.safeParse(c.req.query())
  if (!parsed.success) throw new DomainError('not_found', 'This link is incomplete: copy the whole address from the email.')
  return parsed.data.t
}

const action = (path: string, t: string) => `${path}?t=${encodeURIComponent(t)}`

function dataTable(d: ReaderExport) {
  return html`
    <h2>Your comments (${d.comments.length})</h2>
    ${
      d.comments.length
        ? html`<table><tr><th>Post</th><th>Written</th><th>Comment</th></tr>${d.comments.map(
            (cm) =>
              html`<tr><td>${cm.thread.title ?? cm.thread.key}</td><td>${cm.createdAt.slice(0, 10)}<br><span class="muted">${cm.status}</span></td><td><strong>${cm.authorName}</strong><blockquote>${cm.body}</blockquote></td></tr>`,
          )}</table>`
        : html`<p class="muted">None.</p>`
    }
    <h2>Your discount codes (${d.rewards.length})</h2>
    ${
      d.rewards.length
        ? html`<table><tr><th>Code</th><th>For</th><th>Status</th></tr>${d.rewards.map(
            (r) =>
              html`<tr><td><code>${r.code ?? '—'}</code></td><td>${r.label}</td><td>${r.status}${r.expiresAt ? html`, until ${r.expiresAt.slice(0, 10)}` : ''}</td></tr>`,
          )}</table>`
        : html`<p class="muted">None.</p>`
    }
    <h2>Reply notifications</h2>
    <p>${
      d.notifications.status === 'off'
        ? 'Off.'
        : d.notifications.status === 'pending'
          ? 'Asked for, not confirmed: nothing is sent.'
          : `On, for ${d.notifications.posts.length} ${d.notifications.posts.length === 1 ? 'post' : 'posts'}.`
    }</p>`
}

export function readerPages(ctx: Ctx) {
  const pages = new Hono()
  // A form of two fields: nothing larger is read.
  pages.use(
    '/reader/*',
    bodyLimit({ maxSize: 4096, onError: (c) => page(c, 'This request is too large', html`<p>Go back to the link in the email and try again.</p>`, 413) }),
  )

  pages.get('/reader/confirm', (c) =>
    readerPage(c, async () => {
      const t = token(c)
      await openReaderLink(ctx, t, 'confirm')
      return page(
        c,
        'Email me replies?',
        html`<p>Confirm that this address should get an email when someone replies to your comments. Every email has a link to stop.</p>
        <form method="post" action="${action('/reader/confirm', t)}"><button type="submit">Yes, email me replies</button></form>`,
      )
    }),
  )
  pages.post('/reader/confirm', (c) =>
    readerPage(c, async () => {
      const link = await openReaderLink(ctx, token(c), 'confirm')
      await confirmReplies(ctx, link)
      const site = await findSite(ctx, link.siteId)
      return page(c, 'Confirmed', html`<p>You will get an email when someone replies to your comments on ${site?.name ?? link.siteId}.</p>`)
    }),
  )

  pages.get('/reader/unsubscribe', (c) =>
    readerPage(c, async () => {
      const t = token(c)
      const scope = await readUnsubscribeToken(ctx, t)
      return page(
        c,
        scope.threadId ? 'No more replies on this post?' : 'No more emails?',
        html`<form method="post" action="${action('/reader/unsubscribe', t)}"><button type="submit">${scope.threadId ? 'Stop replies on this post' : 'Stop all reply emails from this site'}</button></form>`,
      )
    }),
  )
  // The form above, and a mail client's one-click (List-Unsubscribe-Post: List-Unsubscribe=One-Click).
  pages.post('/reader/unsubscribe', (c) =>
    readerPage(c, async () => {
      const done = await unsubscribe(ctx, await readUnsubscribeToken(ctx, token(c)))
      return page(c, 'Unsubscribed', html`<p>${done.scope === 'thread' ? 'No more reply emails for that post.' : 'No more reply emails from this site.'}</p>`)
    }),
  )

  pages.get('/reader/data', (c) =>
    readerPage(c, async () => {
      const t = token(c)
      const link = await openReaderLink(ctx, t, 'data')
      const data = await exportReader(ctx, { siteId: link.siteId, email: link.readerKey })
      const site = await findSite(ctx, link.siteId)
      return page(
        c,
        `Your data on ${site?.name ?? link.siteId}`,
        html`<p class="muted">Everything ${site?.name ?? link.siteId} keeps about ${link.readerKey}. This link works for 24 hours.</p>
        <p><a href="${action('/reader/data.json', t)}" download="inkind-data.json">Download it all (JSON)</a></p>
        ${dataTable(data)}
        <h2>Delete it</h2>
        <form method="post" action="${action('/reader/data/erase', t)}">
          <fieldset><legend>Your comments</legend>
            <label><input type="radio" name="how" value="anonymize" checked> Keep them, without my name</label><br>
            <label><input type="radio" name="how" value="remove"> Take them down</label>
          </fieldset>
          <p class="muted">Your address is erased everywhere, notifications stop. A discount code you were given stays valid at the shop, no longer linked to you.</p>
          <label><input type="checkbox" name="sure" value="yes" required> I understand this cannot be undone</label>
          <p><button type="submit" class="danger">Delete my data</button></p>
        </form>`,
      )
    }),
  )
  pages.get('/reader/data.json', (c) =>
    readerPage(c, async () => {
      const link = await openReaderLink(ctx, token(c), 'data')
      const data = await exportReader(ctx, { siteId: link.siteId, email: link.readerKey })
      c.header('Cache-Control', 'no-store')
      c.header('Content-Disposition', 'attachment; filename="inkind-data.json"')
      return c.json(data satisfies ReaderExport)
    }),
  )
  pages.post('/reader/data/erase', (c) =>
    readerPage(c, async () => {
      const link = await openReaderLink(ctx, token(c), 'data')
      const form = EraseForm.safeParse(await c.req.parseBody().catch(() => null))
      if (!form.success) throw new DomainError('invalid_input', 'Choose what happens to your comments, and tick the box to confirm.')
      const done = await eraseReader(ctx, { ...link, how: form.data.how, actor: { kind: 'system' } })
      return page(
        c,
        'Deleted',
        html`<p>Your address is gone from this site${done.comments ? html`, and your ${done.comments} ${done.comments === 1 ? 'comment is' : 'comments are'} ${form.data.how === 'remove' ? 'taken down' : 'kept without your name'}` : ''}. This link no longer works.</p>`,
      )
    }),
  )
  return pages
}
