/** Owner settings for the shop side: API keys, the code pool, webhooks, and the deliveries log. */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { IdParams, Ok, type Page, pageOf } from '../../../shared/admin.ts'
import { SiteParams } from '../../../shared/comments.ts'
import {
  ApiKey,
  ApiKeyBody,
  DeliveriesQuery,
  Delivery,
  NewApiKey,
  NewWebhook,
  PoolImportAnswer,
  PoolImportBody,
  PoolStatus,
  Webhook,
  WebhookBody,
} from '../../../shared/shop.ts'
import { SiteId } from '../../../shared/site.ts'
import type { Ctx } from '../../domain/context.ts'
import { DomainError } from '../../domain/errors.ts'
import { addWebhook, listDeliveries, listWebhooks, removeWebhook, retryDelivery } from '../../domain/events/manage-webhooks.ts'
import { importPool, poolStatus } from '../../domain/pool/import-pool.ts'
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/shop/api-keys.ts'
import { getSite } from '../../domain/sites/get-site.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor, requireRole } from './auth.ts'

/** A Shopify export of 100,000 codes is about 2 MB; a bigger file is imported in parts (duplicates across parts are skipped). */
export const POOL_CSV_BYTES = 4 * 1024 * 1024
const SiteAndId = SiteParams.extend(IdParams.shape)
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

export function shopRoutes(ctx: Ctx) {
  const routes = new Hono<AdminEnv>()
  const site = async (c: Context) => (await getSite(ctx, readParam(c, 'site', SiteId))).id
  const id = (c: Context) => readParam(c, 'id', IdParams.shape.id)

  routes.get(
    '/sites/:site/api-keys',
    requireRole('owner'),
    doc({
      id: 'listApiKeys',
      tag: 'Admin: shop',
      summary: 'The site’s shop API keys',
      auth: 'owner',
      params: SiteParams,
      ok: { description: 'Keys, without the keys themselves.', schema: items(ApiKey) },
      errors: ['site_not_found'],
    }),
    async (c) => c.json({ items: await listApiKeys(ctx, await site(c)) } satisfies { items: ApiKey[] }),
  )
  routes.post(
    '/sites/:site/api-keys',
    requireRole('owner'),
    doc({
      id: 'createApiKey',
      tag: 'Admin: shop',
      summary: 'Create a shop API key',
      description: 'The key is shown in this answer only; a SHA-256 of it is kept. Audited.',
      auth: 'owner',
      params: SiteParams,
      body: ApiKeyBody,
      ok: { status: 201, description: 'The new key.', schema: NewApiKey },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const { name } = await readJson(c, ApiKeyBody)
      return c.json((await createApiKey(ctx, { siteId: await site(c), name, actor: actor(c) })) satisfies NewApiKey, 201)
    },
  )
  routes.delete(
    '/sites/:site/api-keys/:id',
    requireRole('owner'),
    doc({
      id: 'revokeApiKey',
      tag: 'Admin: shop',
      summary: 'Revoke a shop API key',
      auth: 'owner',
      params: SiteAndId,
      ok: { description: 'Revoked.', schema: Ok },
      errors: ['site_not_found', 'not_found'],
    }),
    async (c) => {
      await revokeApiKey(ctx, { siteId: await site(c), id: id(c), actor: actor(c) })
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.get(
    '/sites/:site/code-pool',
    doc({
      id: 'getCodePool',
      tag: 'Admin: shop',
      summary: 'How full the code pool is',
      auth: 'session',
      params: SiteParams,
      ok: { description: 'Codes left, handed out, and readers waiting.', schema: PoolStatus },
      errors: ['site_not_found'],
    }),
    async (c) => c.json((await poolStatus(ctx, await site(c))) satisfies PoolStatus),
  )
  routes.post(
    '/sites/:site/code-pool',
    requireRole('owner'),
    doc({
      id: 'importCodePool',
      tag: 'Admin: shop',
      summary: 'Import codes made in the shop',
      description:
        'A Shopify bulk-discount export, or one code per line (header or not), as `text/csv` or as JSON `{"csv": "…"}`. Duplicates and blank lines are skipped and counted; a malformed line fails the whole import. Readers waiting for a code get theirs at once.',
      auth: 'owner',
      params: SiteParams,
      body: PoolImportBody,
      csv: true,
      ok: { description: 'What was imported.', schema: PoolImportAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const siteId = await site(c)
      const type = c.req.header('content-type') ?? ''
      let csv: string
      if (/^text\/(csv|plain)/i.test(type)) csv = await c.req.text()
      else if (/^application\/json/i.test(type)) csv = (await readJson(c, PoolImportBody)).csv
      else throw new DomainError('unsupported_media_type', 'Send the codes as text/csv.')
      return c.json((await importPool(ctx, { siteId, csv, actor: actor(c) })) satisfies PoolImportAnswer)
    },
  )

  routes.get(
    '/sites/:site/webhooks',
    requireRole('owner'),
    doc({
      id: 'listWebhooks',
      tag: 'Admin: shop',
      summary: 'The site’s webhooks',
      auth: 'owner',
      params: SiteParams,
      ok: { description: 'Receivers and their events.', schema: items(Webhook) },
      errors: ['site_not_found'],
    }),
    async (c) => c.json({ items: await listWebhooks(ctx, await site(c)) } satisfies { items: Webhook[] }),
  )
  routes.post(
    '/sites/:site/webhooks',
    requireRole('owner'),
    doc({
      id: 'addWebhook',
      tag: 'Admin: shop',
      summary: 'Add a webhook',
      description:
        'The receiver must be a public address (checked now and at every delivery) unless WEBHOOKS_ALLOW_PRIVATE. The signing secret is shown in this answer only. Audited.',
      auth: 'owner',
      params: SiteParams,
      body: WebhookBody,
      ok: { status: 201, description: 'The webhook and its secret.', schema: NewWebhook },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const body = await readJson(c, WebhookBody)
      return c.json((await addWebhook(ctx, { siteId: await site(c), ...body, actor: actor(c) })) satisfies NewWebhook, 201)
    },
  )
  routes.delete(
    '/sites/:site/webhooks/:id',
    requireRole('owner'),
    doc({
      id: 'removeWebhook',
      tag: 'Admin: shop',
      summary: 'Remove a webhook',
      auth: 'owner',
      params: SiteAndId,
      ok: { description: 'Removed.', schema: Ok },
      errors: ['site_not_found', 'not_found'],
    }),
    async (c) => {
      await removeWebhook(ctx, { siteId: await site(c), id: id(c), actor: actor(c) })
      return c.json({ ok: true } satisfies Ok)
    },
  )

  routes.get(
    '/deliveries',
    doc({
      id: 'listDeliveries',
      tag: 'Admin: shop',
      summary: 'Emails and webhook calls: sent, waiting and failed, newest first',
      auth: 'session',
      query: DeliveriesQuery,
      ok: { description: 'A page of deliveries.', schema: pageOf(Delivery) },
    }),
    async (c) => c.json((await listDeliveries(ctx, readQuery(c, DeliveriesQuery))) satisfies Page<Delivery>),
  )
  routes.post(
    '/deliveries/:id/retry',
    requireRole('owner'),
    doc({
      id: 'retryDelivery',
      tag: 'Admin: shop',
      summary: 'Send a failed delivery again, now',
      auth: 'owner',
      params: IdParams,
      ok: { description: 'Queued.', schema: Ok },
      errors: ['conflict'],
    }),
    async (c) => {
      await retryDelivery(ctx, { id: id(c), actor: actor(c) })
      return c.json({ ok: true } satisfies Ok)
    },
  )
  return routes
}
