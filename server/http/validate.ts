/**
 * Requests in, typed values out: every route reads its input through these,
 * with the shared zod schemas, so every bad input gets the same JSON error.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { DomainError } from '../domain/errors.ts'

/** zod issue → a short reason code the widget can put into words. */
function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_big':
      return 'too_long'
    case 'too_small':
      return issue.minimum === 1 ? 'required' : 'too_short'
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid'
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : issue.format === 'url' ? 'invalid_url' : 'invalid'
    case 'custom':
      // A rule across fields names its reason (params.reason), e.g. `percent_or_amount`.
      return typeof issue.params?.reason === 'string' ? issue.params.reason : 'invalid'
    default:
      return 'invalid'
  }
}

export function check<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  // reportInput: an issue carries what was sent, so a wrong type reads `invalid` and only a missing value `required`.
  const parsed = schema.safeParse(input, { reportInput: true })
  if (parsed.success) return parsed.data
  const fields: Record<string, string> = {}
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || what] ??= reason(issue)
  throw new DomainError('invalid_input', `Some of the ${what} is not valid.`, fields)
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError('unsupported_media_type', 'Send the request body as application/json.')
  }
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch {
    throw new DomainError('invalid_json', 'The request body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('invalid_json', 'The request body must be a JSON object.')
  }
  return check(schema, body, 'request')
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return check(schema, c.req.query(), 'query')
}

/** A path parameter, decoded once (the thread key arrives URL-encoded). */
export function readParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.output<S> {
  return check(schema, c.req.param(name), name)
}
