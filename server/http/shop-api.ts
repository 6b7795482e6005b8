/** The shop's checkout: /api/v1/codes/:code, authenticated by a site's API key (Authorization: Bearer …). */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { LIMITS } from '../../shared/limits.ts'
import { RedeemBody } from '../../shared/shop.ts'
import { checkShopRate, recordShopMiss } from '../domain/abuse/rate-limits.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { authenticateKey } from '../domain/shop/api-keys.ts'
import { checkCode } from '../domain/shop/check-code.ts'
import { redeemForShop } from '../domain/shop/redeem-for-shop.ts'
import { getSite } from '../domain/sites/get-site.ts'
import { readJson, readParam } from './validate.ts'

type ShopEnv = { Variables: { key: { id: number; siteId: string } } }
const CodeParam = z.string().trim().min(1).max(80)

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

  api.get('/:code', async (c) => c.json(await checkCode(ctx, { siteId: c.get('key').siteId, code: readParam(c, 'code', CodeParam) })))

  api.post('/:code/redeem', async (c) => {
    const code = readParam(c, 'code', CodeParam)
    const { orderRef } = await readJson(c, RedeemBody)
    const key = c.get('key')
    return c.json(await redeemForShop(ctx, { siteId: key.siteId, code, orderRef, keyId: key.id }))
  })
  return api
}
