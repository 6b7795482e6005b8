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
  'not_found',
  'conflict',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'unavailable',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The JSON body of every error answer: `{"error":{code,message,fields?}}`. */
export interface ErrorBody {
  error: {
    code: ErrorCode
    message: string
    /** Per-field problems, keyed by the request field's name, valued by a reason code. */
    fields?: Record<string, string>
  }
}
