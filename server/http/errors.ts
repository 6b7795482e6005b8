import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody, ErrorCode } from '../../shared/errors.ts'
import { DomainError } from '../domain/errors.ts'
import { log } from '../log.ts'
import { routePattern } from './route-pattern.ts'

/** The one place an error code becomes an HTTP status. */
export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_json: 400,
  invalid_input: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  origin_not_allowed: 403,
  site_not_found: 404,
  thread_not_found: 404,
  parent_not_found: 404,
  code_not_found: 404,
  comment_not_found: 404,
  not_found: 404,
  link_expired: 410,
  edit_window_closed: 403,
  thread_closed: 403,
  blocked: 403,
  conflict: 409,
  rate_limited: 429,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  unavailable: 503,
  internal: 500,
}

export function errorResponse(c: Context, code: ErrorCode, message: string, fields?: Record<string, string>) {
  // The request id (server/http/request-id.ts) lets a reader's report be found in the log.
  const requestId = c.get('requestId')
  const body: ErrorBody = { error: { code, message, ...(fields && { fields }), ...(requestId && { requestId }) } }
  return c.json(body, STATUS[code])
}

/** Hono's onError: known errors become their JSON body; anything else is logged and told apart from bad input. */
export function handleError(error: Error, c: Context) {
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds))
    return errorResponse(c, error.code, error.message, error.fields)
  }
  if (error instanceof HTTPException && error.status === 413) {
    return errorResponse(c, 'payload_too_large', 'The request body is too large.')
  }
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse(c, 'invalid_input', error.message || 'The request is not valid.')
  }
  log('error', 'unhandled', { method: c.req.method, route: routePattern(c), error: String(error.stack ?? error), requestId: c.get('requestId') })
  return errorResponse(c, 'internal', 'Something went wrong on our side. Nothing you sent was lost; please try again.')
}
