/**
 * The API reference, generated from the same zod schemas the routes validate
 * with and answer in (hono-openapi): every route says what it takes, what it
 * answers, who may call it and which errors it can give, through `doc()`.
 * Served at /api/v1/openapi.json and rendered at /api/docs.
 */
import type { MiddlewareHandler } from 'hono'
import { describeRoute, type GenerateSpecOptions, resolver } from 'hono-openapi'
import { z } from 'zod'
import { ERROR_CODES, ErrorBody, type ErrorCode } from '../../shared/errors.ts'
import { WEBHOOK_PAYLOADS } from '../../shared/webhooks.ts'
import { STATUS } from './errors.ts'

export type Tag =
  | 'Comments'
  | 'Shop'
  | 'Admin: session'
  | 'Admin: codes'
  | 'Admin: comments'
  | 'Admin: sites'
  | 'Admin: shop'
  | 'Admin: reports'
  | 'Admin: moving'
  | 'Admin: people'
  | 'Server'

/**
 * Who may call a route: anyone; an admin session (GET); an admin session with
 * the CSRF header (a change); an owner's session with it; a shop's API key.
 */
export type Auth = 'public' | 'session' | 'change' | 'owner' | 'shop'

export interface RouteDoc {
  /** The operationId, e.g. getThreadComments: what a generated client calls the method. */
  id: string
  tag: Tag
  summary: string
  description?: string
  auth: Auth
  params?: z.ZodObject
  query?: z.ZodObject
  /** A JSON body; `csv` for a route that also takes text/csv. */
  body?: z.ZodType
  csv?: boolean
  /** A file as the raw request body (application/octet-stream), described here. */
  upload?: string
  ok: { status?: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType; type?: 'application/json' | 'text/csv' | 'text/html' | 'application/x-ndjson' }
  /** Errors beyond those the auth and the body imply. */
  errors?: ErrorCode[]
}

const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  public: [],
  session: [{ session: [] }],
  change: [{ session: [], csrf: [] }],
  owner: [{ session: [], csrf: [] }],
  shop: [{ apiKey: [] }],
}
const AUTH_ERRORS: Record<Auth, ErrorCode[]> = {
  public: [],
  session: ['unauthorized'],
  change: ['unauthorized', 'csrf_failed'],
  owner: ['unauthorized', 'csrf_failed', 'forbidden'],
  shop: ['unauthorized', 'rate_limited'],
}
const BODY_ERRORS: ErrorCode[] = ['invalid_json', 'invalid_input', 'unsupported_media_type', 'payload_too_large']

/** A zod object as OpenAPI parameters (its request-side JSON Schema, one parameter per property). */
function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return []
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property
    return { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest }
  })
}

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of new Set(codes)) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code])
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: `Error: ${list.map((c) => `\`${c}\``).join(', ')}`,
        ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } } } : {}),
        content: { 'application/json': { schema: resolver(ErrorBody) } },
      },
    ]),
  )
}

/** The OpenAPI description of one route, as a middleware that does nothing at run time. */
export function doc(d: RouteDoc): MiddlewareHandler {
  const type = d.ok.type ?? 'application/json'
  const okContent = d.ok.status === 204 ? undefined : { [type]: d.ok.schema ? { schema: resolver(d.ok.schema) } : { schema: { type: 'string' } } }
  return describeRoute({
    operationId: d.id,
    tags: [d.tag],
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    security: SECURITY[d.auth],
    parameters: [...parameters('path', d.params), ...parameters('query', d.query)] as never,
    ...(d.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: resolver(d.body) },
              ...(d.csv ? { 'text/csv': { schema: { type: 'string', description: 'The CSV file itself.' } } } : {}),
            },
          },
        }
      : d.upload
        ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary', description: d.upload } } } } }
        : {}),
    responses: {
      [d.ok.status ?? 200]: { description: d.ok.description, ...(okContent ? { content: okContent } : {}) },
      ...errorResponses([
        ...AUTH_ERRORS[d.auth],
        ...(d.body || d.upload ? BODY_ERRORS : []),
        ...(d.params || d.query ? (['invalid_input'] as const) : []),
        ...(d.errors ?? []),
      ]),
    },
  } as never)
}

const INTRO = `Inkind's HTTP API: the public comment API a widget calls, the shop's code API, and the admin API.

**Errors** are always \`{"error":{"code","message","fields"?}}\` with a fitting status; branch on \`code\` (one of ${ERROR_CODES.map((c) => `\`${c}\``).join(', ')}). Bad input is never a 500.

**Rate limits** answer \`429\` with \`Retry-After\` (seconds): comments per client network (an IPv4 address or an IPv6 /64), per reader and per site; logins; shop lookups of unknown codes.

**Auth.** Public routes need none; writes must come from one of the site's allowed origins (CORS). The admin API uses the session cookie set by \`POST /api/v1/admin/session\`, and every change carries the header \`X-CSRF-Token\` with the token that answer returned. The shop API takes a site's API key as \`Authorization: Bearer ik_…\` (create one in the admin, Shop page).

**Webhooks** (see \`webhooks\` below): one JSON POST per event with headers \`Inkind-Event\`, \`Inkind-Delivery\` (the event id, the same on every retry) and \`Inkind-Signature: t=<unix seconds>,v1=<hex>\`, where \`v1\` is HMAC-SHA256 of \`"<t>.<raw body>"\` keyed with the webhook's secret. Retried with exponential backoff (5 s doubling to an hour, 15 attempts).`

/** A payload's JSON Schema, inline (OpenAPI resolves `#` against the whole document, not the schema). */
function webhookSchema(schema: z.ZodType) {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>
  return json
}

export function documentation(version: string): GenerateSpecOptions['documentation'] {
  return {
    openapi: '3.1.0',
    info: { title: 'Inkind API', version, description: INTRO },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'inkind_session', description: 'The admin session cookie (`__Host-inkind_session` over https).' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The csrfToken of the login answer; needed by every change.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A site’s shop API key.' },
      },
    },
    webhooks: Object.fromEntries(
      Object.entries(WEBHOOK_PAYLOADS).map(([event, schema]) => [
        event,
        {
          post: {
            summary: `${event}`,
            parameters: [
              { name: 'Inkind-Event', in: 'header', required: true, schema: { type: 'string', const: event } },
              { name: 'Inkind-Delivery', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'Inkind-Signature', in: 'header', required: true, schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' } },
            ],
            requestBody: { required: true, content: { 'application/json': { schema: webhookSchema(schema) } } },
            responses: { '2XX': { description: 'Received. Any other answer (or none within 10 s) is retried.' } },
          },
        },
      ]),
    ),
  } as never
}
