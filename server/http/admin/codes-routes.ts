import { stringify } from 'csv-stringify'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import { CodeActionQuery, CodesQuery, RedeemByAdminBody } from '../../../shared/admin.ts'
import { redeemCode, revokeCode } from '../../domain/codes/change-code.ts'
import { listCodes } from '../../domain/codes/list-codes.ts'
import type { Ctx } from '../../domain/context.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor } from './auth.ts'

const CodeParam = z.string().trim().min(1).max(80)
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
] as const

export function codesRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()

  routes.get('/codes', async (c) => c.json(await listCodes(ctx, readQuery(c, CodesQuery))))

  // Streamed a keyset page at a time: a million codes never sit in memory at once.
  // Cells starting with = + - @ are escaped so a spreadsheet never runs them as formulas.
  routes.get('/codes.csv', (c) => {
    const query = readQuery(c, CodesQuery.omit({ cursor: true, limit: true }))
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="inkind-codes${query.site ? `-${query.site}` : ''}.csv"`)
    return stream(c, async (out) => {
      const csv = stringify({ header: true, columns: [...CSV_COLUMNS], escape_formulas: true })
      csv.on('data', (chunk: Buffer) => void out.write(chunk))
      let cursor: string | undefined
      do {
        const page = await listCodes(ctx, { ...query, cursor, limit: CSV_PAGE })
        for (const r of page.items) {
          csv.write({ ...r, thread: r.thread.key, threadTitle: r.thread.title ?? '' })
        }
        cursor = page.nextCursor ?? undefined
        // Let the socket drain before the next page.
        await new Promise((resolve) => setImmediate(resolve))
      } while (cursor)
      csv.end()
      await new Promise((resolve) => csv.on('end', resolve))
    })
  })

  routes.post('/codes/:code/revoke', async (c) => {
    const { site } = readQuery(c, CodeActionQuery)
    const row = await revokeCode(ctx, { code: readParam(c, 'code', CodeParam), siteId: site, actor: actor(c) })
    return c.json({ code: row.code, status: row.status })
  })

  routes.post('/codes/:code/redeem', async (c) => {
    const { site } = readQuery(c, CodeActionQuery)
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await readJson(c, RedeemByAdminBody)
    const { reward } = await redeemCode(ctx, {
      code: readParam(c, 'code', CodeParam),
      siteId: site,
      actor: actor(c),
      orderRef: body.orderRef,
      // An admin marking a code by hand overrides expiry; the shop API does not.
      allowExpired: true,
    })
    return c.json({ code: reward.code, status: reward.status, redeemedAt: reward.redeemedAt, orderRef: reward.orderRef })
  })

  return routes
}
