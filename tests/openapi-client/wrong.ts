/** Calls the API the way it is not: tests/openapi.test.ts checks that each line here fails to compile. */
import createClient from 'openapi-fetch'
import type { paths } from './inkind-api.d.ts'

const api = createClient<paths>({ baseUrl: 'http://127.0.0.1' })
// @ts-expect-error: the comment body needs an email
await api.POST('/api/v1/sites/{site}/threads/{thread}/comments', { params: { path: { site: 'demo', thread: '/p' } }, body: { authorName: 'A', body: 'x' } })
// @ts-expect-error: there is no such route
await api.GET('/api/v1/sites/{site}/everything', { params: { path: { site: 'demo' } } })
// @ts-expect-error: redeeming needs an orderRef
await api.POST('/api/v1/codes/{code}/redeem', { params: { path: { code: 'X' } }, body: {} })
// @ts-expect-error: an order total is a decimal string ("49.90"), not a number
await api.POST('/api/v1/codes/{code}/redeem', { params: { path: { code: 'X' } }, body: { orderRef: '#1', orderTotal: 49.9, currency: 'EUR' } })
