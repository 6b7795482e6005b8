/** The shop's checkout: /api/v1/codes/:code, authenticated by a site's API key (Authorization: Bearer …). */
import { Hono } from 'hono'
import { LIMITS } from '../../shared/limits.ts'
import { CodeCheck, CodeParam, CodeParams, RedeemAnswer, RedeemBody } from '../../shared/shop.ts'
import { checkShopRate, recordShopMiss } from '../domain/abuse/rate-limits.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { authenticateKey } from '../domain/shop/api-keys.ts'
import { checkCode } from '../domain/shop/check-code.ts'
import { redeemForShop } from '../domain/shop/redeem-for-shop.ts'
import { getSite } from '../domain/sites/get-site.ts'
import { bodyLimit } from './body-limit.ts'
import { doc } from './openapi.ts'
import { readJson, readParam } from './validate.ts'

type ShopEnv = { Variables: { key: { id: number; siteId: string } } }

export function shopApi(ctx: Ctx) {
  const api = new Hono<ShopEnv>()
  api.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer')
      throw new DomainError('unauthorized', 'Send the site’s API key as Authorization: Bearer <key>.')
    }
    const key = await authenticateKey(ctx, match[1]!)
    const site = await getSite(ctx, key.siteId)
    await checkShopRate(ctx, site, key.id)
    c.set('key', key)
    c.header('Cache-Control', 'no-store')
    try {
      await next()
    } finally {
      // Codes cannot be enumerated: each unknown code counts against the key.
      if (c.res.status === 404 || (c.error as DomainError | undefined)?.code === 'code_not_found') await recordShopMiss(ctx, site, key.id)
    }
  })
  api.use(
    '*',
    bodyLimit({
      maxSize: LIMITS.requestBytes,
      onError: () => {
        throw new DomainError('payload_too_large', 'The request body is too large.')
      },
    }),
  )

  api.get(
    '/:code',
    doc({
      id: 'checkCode',
      tag: 'Shop',
      summary: 'Is this code valid, and for what?',
      description:
        'Matches however a customer typed it: any case, with or without dashes and spaces, O for 0, I and L for 1. Keys that ask for many unknown codes are slowed down.',
      auth: 'shop',
      params: CodeParams,
      ok: { description: 'The code, its state and its value.', schema: CodeCheck },
      errors: ['code_not_found', 'conflict'],
    }),
    async (c) => c.json((await checkCode(ctx, { siteId: c.get('key').siteId, code: readParam(c, 'code', CodeParam) })) satisfies CodeCheck),
  )

  api.post(
    '/:code/redeem',
    doc({
      id: 'redeemCode',
      tag: 'Shop',
      summary: 'Redeem a code for an order',
      description:
        'Single use and atomic across any number of server processes. The same orderRef again answers the same 200 with `replay: true`, so a checkout may retry; any other order gets 409 with `fields.status` saying why (`redeemed`, `revoked`, `expired`). With `orderTotal` and `currency`, the sale is counted in the admin’s revenue stats and carried by the `code.redeemed` webhook.',
      auth: 'shop',
      params: CodeParams,
      body: RedeemBody,
      ok: { description: 'Redeemed (or this order had already redeemed it).', schema: RedeemAnswer },
      errors: ['code_not_found', 'conflict'],
    }),
    async (c) => {
      const code = readParam(c, 'code', CodeParam)
      const { orderRef, orderTotal, currency } = await readJson(c, RedeemBody)
      const key = c.get('key')
      const order = orderTotal !== undefined && currency ? { total: orderTotal, currency } : undefined
      return c.json((await redeemForShop(ctx, { siteId: key.siteId, code, orderRef, order, keyId: key.id })) satisfies RedeemAnswer)
    },
  )
  return api
}
