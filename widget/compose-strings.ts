/** The words of the form and the reward card: English, built into widget-compose.js (another language's file overrides them). */
import type { ErrorCode } from '../shared/errors.ts'

export const composeEn = {
  replyingTo: 'Replying to {name}',
  cancelReply: 'Cancel reply',
  name: 'Name',
  email: 'Email',
  emailHint: 'Never shown.',
  comment: 'Comment',
  commentHint: '*emphasis*, `code` and links work.',
  submit: 'Post comment',
  sending: 'Posting…',
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
  resend: 'Email it to me again',
  resent: 'If this address earned a code here, it is on its way to it.',
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

export type ComposeStrings = typeof composeEn
