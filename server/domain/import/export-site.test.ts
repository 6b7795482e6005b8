/**
 * Moving out and back in: a seeded site exported, imported into an empty
 * server, exported again gives the same file (apart from the order of its
 * lines, which the format leaves free); importing it where it came from adds
 * nothing.
 */
import { describe, expect, it } from 'vitest'
import { EXPORT_FORMAT } from '../../../shared/moving.ts'
import { fixtureBytes, importBytes } from '../../../tests/helpers/import.ts'
import { aComment, postJson, testApp, testCtx, threadPath } from '../../../tests/helpers/test-app.ts'
import { codePool, comments, rewards, sites, threads } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { redeemCode } from '../codes/change-code.ts'
import type { Ctx } from '../context.ts'
import { moderateComment } from '../moderation/moderate-comment.ts'
import { importPool } from '../pool/import-pool.ts'
import { addPosts } from '../posts/add-post.ts'
import { exportSite, exportText } from './export-site.ts'

async function exported(ctx: Ctx, format: 'ndjson' | 'json' = 'ndjson', siteId = 'cpr'): Promise<string> {
  let text = ''
  for await (const piece of exportText(exportSite(ctx, { siteId, actor: SYSTEM }), format)) text += piece
  return text
}
const sortedLines = (ndjson: string) => ndjson.trimEnd().split('\n').sort()

/** A site with a bit of everything: replies, moderation, codes issued and redeemed, a pool, an imported past, a post without comments. */
async function seededSite() {
  const { ctx, app } = await testApp()
  const post = async (path: string, over: Record<string, unknown> = {}) => (await postJson(app, threadPath(path), aComment(over))).json()
  const first = await post('/blog/give-first', { email: 'ann@example.com', body: 'Give first.\n\nThen ask.' })
  const reply = await post('/blog/give-first', { parentId: first.comment.id, body: 'Agreed!' })
  await post('/blog/give-first', { parentId: reply.comment.id, email: 'ann@example.com', body: 'Two deep.' })
  const spam = await post('/blog/other')
  await moderateComment(ctx, { id: spam.comment.id, action: 'spam', actor: SYSTEM })
  const gone = await post('/blog/other')
  await moderateComment(ctx, { id: gone.comment.id, action: 'delete', actor: SYSTEM })
  await redeemCode(ctx, { code: first.reward.code, siteId: 'cpr', actor: SYSTEM, orderRef: '#1001', order: { total: '49.90', currency: 'EUR' } })
  await importPool(ctx, { siteId: 'cpr', csv: 'CPR-POOL-1\nCPR-POOL-2\n', actor: SYSTEM })
  await addPosts(ctx, { siteId: 'cpr', actor: SYSTEM, posts: [{ path: '/blog/no-comments-yet', title: 'Soon' }] })
  await importBytes(ctx, 'disqus', fixtureBytes('disqus.xml'), { countAsRewarded: true })
  return ctx
}

describe('exportSite', () => {
  it('gives back the same file after an import into an empty server', async () => {
    const ctx = await seededSite()
    const a = await exported(ctx)
    const lines = a
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ type: 'header', format: EXPORT_FORMAT, version: 1, site: { id: 'cpr', name: 'CPR Blog' } })
    const count = (type: string) => lines.filter((l) => l.type === type).length
    expect([count('thread'), count('comment'), count('reward'), count('pool-code')]).toEqual([5, 12, 9, 2])
    expect(lines.find((l) => l.type === 'reward' && l.orderRef === '#1001')).toMatchObject({
      status: 'redeemed',
      redeemedAt: expect.any(String),
      orderTotal: 4990,
      orderCurrency: 'EUR',
    })
    // Keys, never row ids: a reply names its parent by key.
    expect(lines.find((l) => l.type === 'comment' && l.body === 'Two deep.')?.parent).toBe(lines.find((l) => l.type === 'comment' && l.body === 'Agreed!')?.id)

    const { ctx: fresh } = await testCtx()
    const report = await importBytes(fresh, 'inkind', Buffer.from(a))
    expect(report).toMatchObject({
      siteCreated: true,
      threads: { total: 5, created: 5 },
      comments: { imported: 12, present: 0 },
      rewards: { restored: 9 },
      poolCodes: 2,
      skipped: {},
    })
    expect(sortedLines(await exported(fresh))).toEqual(sortedLines(a))
    expect(await fresh.db.$count(sites)).toBe(1)

    // Again into the new server, and back into the one it came from: nothing added.
    for (const target of [fresh, ctx]) {
      const again = await importBytes(target, 'inkind', Buffer.from(a))
      expect(again).toMatchObject({ siteCreated: false, comments: { imported: 0, present: 12 }, rewards: { restored: 0 }, poolCodes: 0 })
    }
    expect([await ctx.db.$count(comments), await ctx.db.$count(rewards), await ctx.db.$count(threads), await ctx.db.$count(codePool)]).toEqual([12, 9, 5, 2])
  })

  it('reads its JSON form back the same', async () => {
    const ctx = await seededSite()
    const json = await exported(ctx, 'json')
    expect(JSON.parse(json)).toHaveLength(29)
    const { ctx: fresh } = await testCtx()
    expect((await importBytes(fresh, 'inkind', Buffer.from(json))).comments.imported).toBe(12)
    expect(sortedLines(await exported(fresh))).toEqual(sortedLines(await exported(ctx)))
  })

  it('refuses a file that is not an Inkind export, naming the line', async () => {
    const { ctx } = await testCtx()
    await expect(importBytes(ctx, 'inkind', fixtureBytes('remark42.json'))).rejects.toMatchObject({ code: 'invalid_input', fields: { line: '1' } })
    const header = (await exported(await seededSite())).split('\n')[0]
    await expect(importBytes(ctx, 'inkind', Buffer.from(`${header}\n{"type":"comment","id":"x"}\n`))).rejects.toMatchObject({
      message: expect.stringContaining('Line 2 of the Inkind export is not a valid record'),
    })
  })
})
