/**
 * A shop's and a blog's client, typed only by the published OpenAPI document
 * (openapi-typescript writes ./inkind-api.d.ts from it; tests/openapi.test.ts
 * then type-checks this file). If a route or a schema changes shape, this
 * stops compiling.
 */
import createClient from 'openapi-fetch'
import type { components, paths } from './inkind-api.d.ts'

type ErrorBody = components['schemas']['ErrorBody']

export function inkind(baseUrl: string, apiKey: string) {
  const api = createClient<paths>({ baseUrl })
  const shop = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } })

  return {
    /** A widget's first request: the site's settings and the thread. */
    async thread(site: string, thread: string) {
      const config = await api.GET('/api/v1/sites/{site}/config', { params: { path: { site } } })
      const page = await api.GET('/api/v1/sites/{site}/threads/{thread}/comments', { params: { path: { site, thread }, query: { limit: 20 } } })
      if (config.error || page.error) return (config.error ?? page.error) satisfies ErrorBody | undefined
      const offer: string | undefined = config.data.reward?.label
      return { offer, count: page.data.thread.commentCount, first: page.data.comments[0]?.authorName, next: page.data.nextCursor }
    },

    /** A reader comments; the answer says what they get. */
    async comment(site: string, thread: string, email: string) {
      const res = await api.POST('/api/v1/sites/{site}/threads/{thread}/comments', {
        params: { path: { site, thread } },
        body: { authorName: 'Ada', email, body: 'Giving first works.', elapsedMs: 12_000 },
      })
      if (res.error) return res.error.error.code
      const reward = res.data.reward
      return reward?.status === 'issued' ? reward.code : (reward?.status ?? null)
    },

    /** A checkout: check a code, then redeem it for an order, saying what the order came to. */
    async checkout(code: string, orderRef: string, total?: { orderTotal: string; currency: string }) {
      const check = await shop.GET('/api/v1/codes/{code}', { params: { path: { code } } })
      if (check.error) return check.error.error.code
      if (!check.data.valid) return check.data.status
      const redeemed = await shop.POST('/api/v1/codes/{code}/redeem', { params: { path: { code } }, body: { orderRef, ...total } })
      if (redeemed.error) return redeemed.error.error.fields?.status ?? redeemed.error.error.code
      const sale: string | null = redeemed.data.orderTotal && `${redeemed.data.orderTotal} ${redeemed.data.orderCurrency}`
      return redeemed.data.replay ? 'already redeemed by this order' : (sale ?? redeemed.data.redeemedAt)
    },
  }
}
