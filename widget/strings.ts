/**
 * Every word a reader sees, in two places: what widget.js shows (here) and
 * what the form and the reward card show (compose-strings.ts, in
 * widget-compose.js). English is built in; another language is one JSON file
 * of all the keys (widget/i18n/<lang>.json) fetched only when the page asks for it. `{name}` is filled in by
 * fmt; a pair is [one, other], chosen by the language's plural rules.
 */
import type { composeEn } from './compose-strings.ts'

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
  offerTitle: 'Comment and get {label}',
  offerTerms: 'Every comment earns it, whatever it says, praise or criticism. One code per reader',
  perPost: ' per post',
  validFor: ', valid for {n} days',
  offerMin: 'Comments of at least {n} characters qualify.',
  offerEmail: 'The code is sent to the email address you give.',
  another: 'Write another comment',
}

/** Every key: widget.js's and widget-compose.js's (a language file holds them all). */
export type Strings = typeof en & Partial<typeof composeEn>

/** Languages with a file in widget/i18n. */
export const LANGS = ['de', 'fr']

export const fmt = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k]))
