import type { Hono } from 'hono'
import { saveAdminUser } from '../../server/domain/admin/save-admin-user.ts'
import type { Ctx } from '../../server/domain/context.ts'
import { PUBLIC_URL } from './test-app.ts'

export const PASSWORD = 'correct horse battery staple'

export interface AdminClient {
  cookie: string
  csrf: string
  get: (path: string) => Promise<Response>
  send: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>
}

/** Creates an admin and logs in through the API, as the admin app does. */
export async function loginAs(app: Hono, ctx: Ctx, role: 'owner' | 'moderator' = 'owner', email = `${role}@example.com`): Promise<AdminClient> {
  await saveAdminUser(ctx, { email, password: PASSWORD, role })
  const res = await app.request('/api/v1/admin/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC_URL, 'x-forwarded-for': `10.0.0.${role === 'owner' ? 1 : 2}` },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = await res.json()
  return {
    cookie,
    csrf: csrfToken,
    get: async (path) => app.request(path, { headers: { cookie } }),
    send: async (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  }
}
