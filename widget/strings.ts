/**
 * Every word a reader sees, in three places: what widget.js shows (here),
 * what the form, the offer and the reward card show (compose-strings.ts, in
 * widget-compose.js), and editing and a reader's data (reader-strings.ts). English is built in; another language is one JSON file
 * of all the keys (widget/i18n/<lang>.json) fetched only when the page asks for it. `{name}` is filled in by
 * fmt; a pair is [one, other], chosen by the language's plural rules.
 */
import type { composeEn } from './compose-strings.ts'
import type { readerEn } from './reader-strings.ts'

export const en = {
  heading: ['{n} comment', '{n} comments'],
  noComments: 'No comments yet. Be the first.',
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded.',
  notHere: 'Comments are not available on this page.',
  forOwner: 'For the site’s owner',
  retry: 'Try again',
  more: 'Show more comments',
  reply: 'Reply',
  edit: 'Edit',
  edited: 'edited',
  author: 'Author',
  deleted: 'Comment deleted',
  another: 'Write another comment',
  closed: 'Comments are closed.',
}

/** Every key: widget.js's, widget-compose.js's and widget-reader.js's (a language file holds them all). */
export type Strings = typeof en & Partial<typeof composeEn> & Partial<typeof readerEn>

/** Languages with a file in widget/i18n. */
export const LANGS = ['de', 'fr']

export const fmt = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k]))
