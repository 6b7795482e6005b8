import { z } from 'zod'

/**
 * Every error the API can answer, by code. The server maps a code to its HTTP
 * status in one place (server/http/errors.ts); the widget and the admin app
 * turn the same codes into words (widget/strings.ts). Never branch on message text.
 */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_input',
  'unsupported_media_type',
  'payload_too_large',
  'origin_not_allowed',
  'site_not_found',
  'thread_not_found',
  'parent_not_found',
  'code_not_found',
  'comment_not_found',
  'not_found',
  'link_expired',
  'edit_window_closed',
  'thread_closed',
  'blocked',
  'conflict',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'unavailable',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The JSON body of every error answer: `{"error":{code,message,fields?,requestId?}}`. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().meta({ description: 'For people: what went wrong and what to do. Branch on `code`, never on this text.' }),
      fields: z.record(z.string(), z.string()).optional().meta({
        description: 'Per-field problems, keyed by the request field (a dotted path), valued by a reason code such as `required`, `too_long`, `invalid_email`.',
      }),
      requestId: z.string().optional().meta({
        description: 'The id of this request, also in the `X-Request-Id` header and the server log: quote it when asking the owner about an error.',
      }),
    }),
  })
  .meta({ id: 'ErrorBody' })
export type ErrorBody = z.infer<typeof ErrorBody>
