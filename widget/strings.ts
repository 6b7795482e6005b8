/**
 * Every word a reader sees, in one place. English is built in; another
 * language is a JSON file of the same keys (widget/i18n/<lang>.json, about
 * 1 KB gzip) fetched only when the page asks for it. `{name}` is filled in by
 * fmt; a pair is [one, other], chosen by the language's plural rules.
 */
import type { ErrorCode } from '../shared/errors.ts'

export const en = {
  heading: ['{n} comment', '{n} comments'],
  noComments: 'No comments yet. Be the first.',
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded.',
  retry: 'Try again',
  more: 'Show more comments',
  reply: 'Reply',
  replyingTo: 'Replying to {name}',
  cancelReply: 'Cancel reply',
  name: 'Name',
  email: 'Email',
  emailHint: 'Never shown.',
  comment: 'Comment',
  commentHint: '*emphasis*, `code` and links work.',
  submit: 'Post comment',
  sending: 'Posting…',
  offerTitle: 'Comment and get {label}',
  offerTerms: 'Every comment earns it, whatever it says, praise or criticism. One code per reader',
  perPost: ' per post',
  validFor: ', valid for {n} days',
  offerMin: 'Comments of at least {n} characters qualify.',
  offerEmail: 'The code is sent to the email address you give.',
  published: 'Thank you, your comment is posted.',
  held: 'Thank you. Your comment appears once approved.',
  yourCode: 'Your discount code',
  copy: 'Copy code',
  copied: 'Copied',
  expires: 'Valid until {date}.',
  noExpiry: 'Does not expire.',
  pendingApproval: 'Your code follows by email once your comment is approved.',
  pendingLater: 'Your code is reserved and follows by email.',
  sent: 'We sent your code for {label} to your email address.',
  already: 'You already have your code for {label}: one per reader.',
  /** The errors a reader can meet; any other code reads as `failed`. */
  errors: {
    invalid_input: 'Please check the highlighted fields.',
    payload_too_large: 'Your comment is too long.',
    origin_not_allowed: 'Comments are not enabled for this website.',
    site_not_found: 'Comments are not set up for this website.',
    parent_not_found: 'The comment you replied to is no longer there.',
    rate_limited: 'Too fast. Please wait a moment and try again.',
    unavailable: 'Briefly unavailable. Please try again in a minute.',
  } as Partial<Record<ErrorCode, string>>,
  failed: 'Something went wrong. Please try again.',
  network: 'Could not reach the server. Please try again.',
  fields: {
    required: 'Please fill this in.',
    too_long: 'This is too long.',
    invalid_email: 'Please enter a valid email address.',
    invalid: 'Please check this.',
  } as Record<string, string>,
}

export type Strings = typeof en

/** Languages with a file in widget/i18n. */
export const LANGS = ['de', 'fr']

export const fmt = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k]))
