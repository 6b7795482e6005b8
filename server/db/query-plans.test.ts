/**
 * Every statement the app runs, collected while a realistic workload runs,
 * must find its rows through an index: no full scan of a table that grows
 * with readers (comments, rewards, threads, the pool, the outbox, sessions).
 */
import type { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs } from '../../tests/helpers/admin.ts'
import { aComment, postJson, testApp, threadPath } from '../../tests/helpers/test-app.ts'
import { firstPrepares } from './statement-cache.ts'

const GROWING = ['comments', 'rewards', 'threads', 'code_pool', 'outbox', 'admin_sessions', 'rate_limits', 'audit_log', 'api_keys']
/** Scans we accept, and why. */
const ALLOWED = [
  // Searching names, words, parts of addresses, codes, order numbers and post paths is a substring match:
  // it reads the site's rows (admin only, paged; an exact address or code is an index lookup first).
  /author_name" like|"body" like|"author_name" glob|"email" like|"order_ref" like|"code_key" like|"key" like/i,
  // How many codes a filter matches: counting stops at CODES_COUNT_CAP matches, and, like the page of codes
  // itself, walks the table when they are rare (admin only, first page only).
  /^select count\(\*\) from \(select 1 from "rewards"/i,
  // The outbox worker's due rows: status+next_attempt_at index; the planner may scan a tiny table.
  /from outbox where status = 'pending'/i,
]

const seen = new Set<string>()
const observe = (sql: string) => seen.add(sql)
beforeAll(() => void firstPrepares.add(observe))
afterAll(() => void firstPrepares.delete(observe))

describe('query plans', () => {
  it('use an index for every statement of a day’s work', async () => {
    const { app, ctx } = await testApp({ moderation: 'auto' })
    const owner = await loginAs(app, ctx)
    const { key } = await (await owner.send('POST', '/api/v1/admin/sites/cpr/api-keys', { name: 'k' })).json()
    await owner.send('POST', '/api/v1/admin/sites/cpr/webhooks', { url: 'http://127.0.0.1:9/x', events: ['comment.created', 'reward.issued', 'code.redeemed'] })
    const first = await (await postJson(app, threadPath('/a'), aComment({ email: 'ann@example.com' }))).json()
    await postJson(app, threadPath('/a'), aComment({ parentId: first.comment.id }))
    await postJson(app, threadPath('/a'), aComment({ email: 'ann@example.com' }))
    await app.request(threadPath('/a'))
    await app.request(`${threadPath('/a')}?cursor=1`)
    await app.request('/api/v1/sites/cpr/counts?threads=/a,/b')
    await app.request(`/api/v1/codes/${first.reward.code}`, { headers: { authorization: `Bearer ${key}` } })
    await app.request(`/api/v1/codes/${first.reward.code}/redeem`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: '{"orderRef":"o1"}',
    })
    for (const q of [
      '',
      '?q=ann%40example.com',
      '?q=CPR-ABC123',
      '?q=Jimenez',
      '?status=expired',
      '?site=cpr&thread=%2Fa',
      '?from=2026-01-01&to=2027-01-01',
      '?site=cpr&status=redeemed',
    ])
      await owner.get(`/api/v1/admin/codes${q}`)
    await owner.get('/api/v1/admin/codes.csv')
    await owner.get('/api/v1/admin/comments?site=cpr&status=published')
    await owner.send('POST', `/api/v1/admin/comments/${first.comment.id}/spam`)
    await owner.send('POST', `/api/v1/admin/comments/${first.comment.id}/approve`)
    await owner.get('/api/v1/admin/stats?site=cpr')
    await owner.get('/api/v1/admin/audit?site=cpr')
    for (const q of ['', '?actor=admin%3A1', '?action=code.', '?action=code.revoked', '?from=2026-01-01&to=2027-01-01', '?cursor=5'])
      await owner.get(`/api/v1/admin/audit${q}`)
    await owner.get('/api/v1/admin/audit/facets')
    await owner.get('/api/v1/admin/attention')
    await owner.get('/api/v1/admin/admins')
    await owner.get('/api/v1/admin/deliveries?site=cpr')
    const { deliverDue } = await import('../domain/events/deliver-outbox.ts')
    await deliverDue(ctx, { sendMail: null, fetch: (async () => new Response(null, { status: 204 })) as typeof fetch })
    await owner.send('POST', '/api/v1/admin/sites/cpr/code-pool', { csv: 'P-0001\nP-0002\n' })

    expect(seen.size).toBeGreaterThan(40)
    const client = (ctx.db as unknown as { $client: ReturnType<typeof createClient> }).$client
    const scans: string[] = []
    for (const sql of seen) {
      if (!/^\s*(select|update|delete|insert|with)/i.test(sql) || ALLOWED.some((a) => a.test(sql))) continue
      const plan = (await client.execute(`explain query plan ${sql}`)).rows.map((r) => String(r.detail))
      for (const step of plan) {
        const scan = /^SCAN (\w+)(?! USING (?:COVERING )?INDEX)/.exec(step)
        // A newest-first keyset page walks the primary key and stops at LIMIT: that is the index.
        const pkWalk = scan && new RegExp(`order by "${scan[1]}"\\."id" desc limit \\?$`, 'i').test(sql.trim())
        if (scan && GROWING.includes(scan[1]!) && !pkWalk)
          scans.push(`${step}\n    in: ${sql.replace(/\s+/g, ' ').replace(/^select .*? from /i, 'select … from ')}`)
      }
    }
    expect(scans, scans.join('\n')).toEqual([])
  })
})
