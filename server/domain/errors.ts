import type { ErrorCode } from '../../shared/errors.ts'

/**
 * A rule said no. Carries a shared error code; the HTTP edge turns the code
 * into a status (server/http/errors.ts), the widget turns it into words.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** For rate_limited: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}
