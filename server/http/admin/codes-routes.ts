import { stringify } from 'csv-stringify/sync'
import { type Context, Hono } from 'hono'
import { stream } from 'hono/streaming'
import { CodeActionQuery, CodeChangeAnswer, CodesPage, CodesQuery, RedeemByAdminBody, RevokeByAdminBody } from '../../../shared/admin.ts'
import { orderTotalOf } from '../../../shared/money.ts'
import { CodeParam, CodeParams } from '../../../shared/shop.ts'
import { redeemCode, revokeCode } from '../../domain/codes/change-code.ts'
import { listCodes } from '../../domain/codes/list-codes.ts'
import type { Ctx } from '../../domain/context.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor } from './auth.ts'

const CsvQuery = CodesQuery.omit({ cursor: true, limit: true })
const CSV_PAGE = 1000
const CSV_COLUMNS = [
  'code',
  'status',
  'label',
  'readerName',
  'email',
  'siteId',
  'thread',
  'threadTitle',
  'commentId',
  'createdAt',
  'issuedAt',
  'expiresAt',
  'redeemedAt',
  'orderRef',
  'orderTotal',
  'orderCurrency',
] as const

/** An optional JSON body: none sent (no type, or empty). */
const hasBody = (c: Context) => c.req.header('content-length') !== '0' && Boolean(c.req.header('content-type'))

export function codesRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()

  routes.get(
    '/codes',
    doc({
      id: 'listCodes',
      tag: 'Admin: codes',
      summary: 'Issued codes, newest first',
      description:
        'With the reader, their email, the post and the comment. `q` forgives: part of a code (prefix or not), of an email (any spelling), of a name (accents ignored) or of an order reference.',
      auth: 'session',
      query: CodesQuery,
      ok: { description: 'A page of codes, and on the first page how many match.', schema: CodesPage },
    }),
    async (c) => c.json((await listCodes(ctx, readQuery(c, CodesQuery))) satisfies CodesPage),
  )

  // Streamed a keyset page at a time, waiting for the client to take each: a million codes never sit in memory at once.
  // Cells starting with = + - @ are escaped so a spreadsheet never runs them as formulas.
  routes.get(
    '/codes.csv',
    doc({
      id: 'exportCodes',
      tag: 'Admin: codes',
      summary: 'The same codes as CSV (streamed)',
      auth: 'session',
      query: CsvQuery,
      ok: { description: 'A CSV file with a header row.', type: 'text/csv' },
    }),
    (c) => {
      const query = readQuery(c, CsvQuery)
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="inkind-codes${query.site ? `-${query.site}` : ''}.csv"`)
      return stream(c, async (out) => {
        let cursor: string | undefined
        let header = true
        do {
          const page = await listCodes(ctx, { ...query, cursor, limit: CSV_PAGE })
          const rows = page.items.map((r) => ({ ...r, thread: r.thread.key, threadTitle: r.thread.title ?? '' }))
          await out.write(stringify(rows, { header, columns: [...CSV_COLUMNS], escape_formulas: true }))
          header = false
          cursor = page.nextCursor ?? undefined
        } while (cursor && !out.aborted)
      })
    },
  )

  routes.post(
    '/codes/:code/revoke',
    doc({
      id: 'revokeCode',
      tag: 'Admin: codes',
      summary: 'Revoke a code',
      description: 'The shop will refuse it. The body (a reason for the audit log) is optional. Audited.',
      auth: 'change',
      params: CodeParams,
      query: CodeActionQuery,
      body: RevokeByAdminBody,
      ok: { description: 'The code’s new state.', schema: CodeChangeAnswer },
      errors: ['code_not_found', 'conflict'],
    }),
    async (c) => {
      const { site } = readQuery(c, CodeActionQuery)
      const body = hasBody(c) ? await readJson(c, RevokeByAdminBody) : {}
      const row = await revokeCode(ctx, { code: readParam(c, 'code', CodeParam), siteId: site, actor: actor(c), reason: body.reason || undefined })
      return c.json({ code: row.code, status: row.status } satisfies CodeChangeAnswer)
    },
  )

  routes.post(
    '/codes/:code/redeem',
    doc({
      id: 'markCodeRedeemed',
      tag: 'Admin: codes',
      summary: 'Mark a code redeemed by hand',
      description:
        'For an order the shop did not report; overrides expiry. The body is optional; with `orderTotal` and `currency` the sale counts in the revenue stats. Audited.',
      auth: 'change',
      params: CodeParams,
      query: CodeActionQuery,
      body: RedeemByAdminBody,
      ok: { description: 'The code’s new state.', schema: CodeChangeAnswer },
      errors: ['code_not_found', 'conflict'],
    }),
    async (c) => {
      const { site } = readQuery(c, CodeActionQuery)
      const body = hasBody(c) ? await readJson(c, RedeemByAdminBody) : {}
      const { reward } = await redeemCode(ctx, {
        code: readParam(c, 'code', CodeParam),
        siteId: site,
        actor: actor(c),
        orderRef: body.orderRef,
        order: body.orderTotal !== undefined && body.currency ? { total: body.orderTotal, currency: body.currency } : undefined,
        // An admin marking a code by hand overrides expiry; the shop API does not.
        allowExpired: true,
      })
      return c.json({
        code: reward.code,
        status: reward.status,
        redeemedAt: reward.redeemedAt,
        orderRef: reward.orderRef,
        ...orderTotalOf(reward),
      } satisfies CodeChangeAnswer)
    },
  )

  return routes
}
