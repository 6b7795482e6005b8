/** Owner settings for the shop side: API keys, the code pool, webhooks, and the deliveries log. */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { ApiKeyBody, WebhookBody } from '../../../shared/shop.ts'
import { SiteId } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { addWebhook, listDeliveries, listWebhooks, removeWebhook, retryDelivery } from '../../domain/events/manage-webhooks.ts'
import { importPool, poolStatus } from '../../domain/pool/import-pool.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/shop/api-keys.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { check, readJson, readParam } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

const Id = z.coerce.number().int().positive()
const DeliveriesQuery = z.object({
  site: SiteId.optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
/** A Shopify export of 100,000 codes is about 2 MB. */
export const POOL_CSV_BYTES = 10 * 1024 * 1024

export function shopRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  const site = async (c: Context) => (await getSite(ctx, readParam(c, 'site', SiteId))).id

  routes.get('/sites/:site/api-keys', requireRole('owner'), async (c) => c.json({ items: await listApiKeys(ctx, await site(c)) }))
  routes.post('/sites/:site/api-keys', requireRole('owner'), async (c) => {
    const { name } = await readJson(c, ApiKeyBody)
    return c.json(await createApiKey(ctx, { siteId: await site(c), name, actor: actor(c) }), 201)
  })
  routes.delete('/sites/:site/api-keys/:id', requireRole('owner'), async (c) => {
    await revokeApiKey(ctx, { siteId: await site(c), id: readParam(c, 'id', Id), actor: actor(c) })
    return c.json({ ok: true })
  })

  routes.get('/sites/:site/code-pool', async (c) => c.json(await poolStatus(ctx, await site(c))))
  // text/csv as the body, or JSON {"csv": "..."} from the admin app.
  routes.post('/sites/:site/code-pool', requireRole('owner'), async (c) => {
    const siteId = await site(c)
    const type = c.req.header('content-type') ?? ''
    let csv: string
    if (/^text\/(csv|plain)/i.test(type)) csv = await c.req.text()
    else if (/^application\/json/i.test(type)) csv = (await readJson(c, z.object({ csv: z.string().max(POOL_CSV_BYTES) }))).csv
    else throw new DomainError('unsupported_media_type', 'Send the codes as text/csv.')
    return c.json(await importPool(ctx, { siteId, csv, actor: actor(c) }))
  })

  routes.get('/sites/:site/webhooks', requireRole('owner'), async (c) => c.json({ items: await listWebhooks(ctx, await site(c)) }))
  routes.post('/sites/:site/webhooks', requireRole('owner'), async (c) => {
    const body = await readJson(c, WebhookBody)
    return c.json(await addWebhook(ctx, { siteId: await site(c), ...body, actor: actor(c) }), 201)
  })
  routes.delete('/sites/:site/webhooks/:id', requireRole('owner'), async (c) => {
    await removeWebhook(ctx, { siteId: await site(c), id: readParam(c, 'id', Id), actor: actor(c) })
    return c.json({ ok: true })
  })

  routes.get('/deliveries', async (c) => c.json(await listDeliveries(ctx, check(DeliveriesQuery, c.req.query(), 'query'))))
  routes.post('/deliveries/:id/retry', requireRole('owner'), async (c) => {
    await retryDelivery(ctx, { id: readParam(c, 'id', Id), actor: actor(c) })
    return c.json({ ok: true })
  })
  return routes
}
