/**
 * A thread as an HTML fragment, for a static-site build to include where the
 * widget will load (search engines and readers without JavaScript see the
 * conversation), with no script and every value escaped by hono/html.
 */
import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { ListCommentsAnswer, PublicComment } from '../../shared/comments.ts'

function paragraphs(body: string) {
  return body.split(/\n{2,}/).map((p) => html`<p>${p.split('\n').map((line, i) => (i ? html`<br>${line}` : line))}</p>`)
}

function comment(c: PublicComment): HtmlEscapedString | Promise<HtmlEscapedString> {
  const article = c.deleted
    ? html`<article><p><em>Comment deleted</em></p></article>`
    : html`<article><header><strong>${c.authorName}</strong>${c.byAuthor ? html` <small>Author</small>` : ''} <time datetime="${c.createdAt}">${c.createdAt.slice(0, 10)}</time>${c.edited ? html` <small>edited</small>` : ''}</header>${paragraphs(c.body)}</article>`
  return html`<li id="inkind-c${c.id}">${article}${c.replies?.length ? html`<ol>${c.replies.map(comment)}</ol>` : ''}</li>`
}

export function threadFragment(list: ListCommentsAnswer) {
  const n = list.thread.commentCount
  return html`<section class="inkind-static" data-inkind-thread="${list.thread.key}"><h2>${n} ${n === 1 ? 'comment' : 'comments'}</h2><ol>${list.comments.map(comment)}</ol>${list.thread.closed ? html`<p>Comments are closed.</p>` : ''}</section>`
}
