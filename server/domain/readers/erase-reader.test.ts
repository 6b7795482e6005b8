/**
 * A reader's data leaves the site: every copy of their address goes (the
 * database, its file, its write-ahead log), their comments stay anonymous or
 * go as they chose, nobody else's data changes, and what they earned stays
 * earned under a pseudonym, so erasing is not a way to earn again.
 */
import { readFileSync } from 'node:fs'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { auditLog, comments, outbox, rateLimits, rewards, threads } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { postComment } from '../comments/post-comment.ts'
import type { Ctx } from '../context.ts'
import { eventPayload } from '../events/event-payload.ts'
import { addWebhook } from '../events/manage-webhooks.ts'
import { getSite } from '../sites/get-site.ts'
import { type EraseHow, eraseReader, eraseReaderByEmail } from './erase-reader.ts'
import { normalizeEmail } from './normalize-email.ts'
import { erasedReaderKey, readerPseudonym, readerSubject } from './reader-subject.ts'
import { requestDataLink } from './request-data-link.ts'

const ANN = 'annlee@gmail.com'

/**
 * Ann comments twice on cpr in two spellings (asking for replies, then for her data link), earns
 * its reward, and once on another site; Bob comments on the same post. A webhook takes every event,
 * and the bodies are stored as a first delivery attempt stores them.
 */
async function scene() {
  const t = await testCtx()
  const ctx: Ctx = { ...t.ctx, outbound: { allowPrivate: true } }
  await addSite(ctx, 'cpr')
  await addSite(ctx, 'other', { origins: ['https://other.example'] })
  await addWebhook(ctx, { siteId: 'cpr', url: 'http://127.0.0.1:9/hook', events: ['comment.created', 'reward.issued'], actor: SYSTEM })
  const write = async (comment: Record<string, unknown>, threadKey = '/p', siteId = 'cpr') =>
    postComment(ctx, { site: await getSite(ctx, siteId), threadKey, comment: aComment(comment) as never, ip: '192.0.2.200' })
  const first = await write({ authorName: 'Ann Lee', email: 'Ann.Lee+blog@gmail.com', body: 'Mine, with an answer below.', notify: true })
  await write({ authorName: 'Bob', email: 'bob@example.com', body: 'Bob answers Ann.', parentId: first.comment.id, notify: true })
  await write({ authorName: 'Ann', email: 'ann.lee@googlemail.com', body: 'Another of mine, another spelling.' }, '/a')
  await write({ authorName: 'Ann', email: 'ann.lee@gmail.com', body: 'On the other blog.' }, '/p', 'other')
  await requestDataLink(ctx, { site: await getSite(ctx, 'cpr'), email: 'ann.lee@gmail.com', network: '192.0.2.0' })
  for (const row of await ctx.db.select().from(outbox).where(eq(outbox.channel, 'webhook'))) {
    await ctx.db
      .update(outbox)
      .set({ payload: JSON.stringify(await eventPayload(ctx, row)) })
      .where(eq(outbox.id, row.id))
  }
  // Counters of an older version, keyed by the address itself.
  await ctx.db
    .insert(rateLimits)
    .values(['c-email', 'data-reader', 'resend-reader'].map((p) => ({ key: `${p}:cpr|${ANN}`, points: 1, expire: new Date(t.clock().getTime() + 3_600_000) })))
  const ghost = erasedReaderKey(await readerPseudonym(ctx, 'cpr', ANN))
  /** Every row of every table, as text. */
  const everything = async () => {
    const tables = (await ctx.db.all(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`)) as {
      name: string
    }[]
    const dump: string[] = []
    for (const { name } of tables) dump.push(JSON.stringify(await ctx.db.all(sql.raw(`select * from "${name}"`))))
    return dump.join('\n').toLowerCase()
  }
  /** What is not Ann's on cpr: other readers' rows, Ann's on the other site, and the mail and webhook bodies about Bob. */
  const notAnns = async () =>
    JSON.stringify([
      await ctx.db.all(sql`select * from comments where not (site_id = 'cpr' and reader_key in (${ANN}, ${ghost})) order by id`),
      await ctx.db.all(sql`select * from rewards where not (site_id = 'cpr' and reader_key in (${ANN}, ${ghost})) order by id`),
      await ctx.db.all(sql`select * from subscribers where not (site_id = 'cpr' and reader_key = ${ANN}) order by id`),
      await ctx.db.all(sql`select * from outbox where lower(coalesce(payload, '') || target) like '%bob%' order by id`),
    ])
  const erase = (how: EraseHow) => eraseReader(ctx, { siteId: 'cpr', readerKey: ANN, how, actor: SYSTEM })
  const mine = () => ctx.db.select().from(comments).where(eq(comments.readerKey, ghost)).orderBy(comments.id)
  const thread = async (key: string) => (await ctx.db.select().from(threads).where(sql`${threads.siteId} = 'cpr' and ${threads.key} = ${key}`))[0]!
  return { ...t, ctx, write, first, ghost, everything, notAnns, erase, mine, thread }
}

describe('eraseReader', () => {
  it('leaves no copy of the address in any table, and changes nobody else’s data', async () => {
    const { everything, notAnns, erase } = await scene()
    const before = await everything()
    for (const spelling of ['ann.lee+blog@gmail.com', 'ann.lee@googlemail.com', 'ann.lee@gmail.com', ANN]) expect(before).toContain(spelling)
    expect(before).toMatch(/"payload":"[^\n]*ann\.lee\+blog@gmail\.com/)
    const others = await notAnns()

    expect(await erase('anonymize')).toEqual({ comments: 2, rewards: 1 })
    const after = (await everything()).split('\n')
    // Only her rows on the other blog still hold her address.
    const left = after.join('\n').replaceAll(/\{[^{}]*"site_id":"other"[^{}]*\}/g, '')
    expect(left).not.toMatch(/ann\.?lee/)
    expect(await notAnns()).toBe(others)
  })

  it('anonymizes: the comments stay, without name or address, as many as before in their threads', async () => {
    const { erase, mine, thread } = await scene()
    const [p, a] = [await thread('/p'), await thread('/a')]
    await erase('anonymize')
    expect((await mine()).map((c) => [c.authorName, c.email, c.body, c.status, c.notify, c.editHash, c.networkKey])).toEqual([
      ['Anonymous', '', 'Mine, with an answer below.', 'published', false, null, null],
      ['Anonymous', '', 'Another of mine, another spelling.', 'published', false, null, null],
    ])
    // The public lists change (a new revision: no stale cached copy), their counts do not.
    expect(await thread('/p')).toMatchObject({ commentCount: p.commentCount, revision: p.revision + 1 })
    expect(await thread('/a')).toMatchObject({ commentCount: a.commentCount, revision: a.revision + 1 })
  })

  it('removes: the comments go, an empty placeholder where replies hang, and their threads count them no more', async () => {
    const { ctx, erase, mine, thread } = await scene()
    const [p, a] = [await thread('/p'), await thread('/a')]
    expect(await erase('remove')).toEqual({ comments: 2, rewards: 1 })
    expect((await mine()).map((c) => [c.authorName, c.email, c.body, c.status, c.networkKey])).toEqual([
      ['', '', '', 'deleted', null],
      ['', '', '', 'deleted', null],
    ])
    expect(await thread('/p')).toMatchObject({ commentCount: p.commentCount - 1, revision: p.revision + 1 })
    expect(await thread('/a')).toMatchObject({ commentCount: a.commentCount - 1, revision: a.revision + 1 })
    // Bob's answer still hangs under the placeholder.
    const [bob] = await ctx.db.select().from(comments).where(eq(comments.readerKey, 'bob@example.com'))
    expect(bob).toMatchObject({ body: 'Bob answers Ann.', status: 'published' })
  })

  it('for retention, takes only the address: name and words stay', async () => {
    const { ctx, erase, mine, everything } = await scene()
    expect(await erase('emails')).toEqual({ comments: 2, rewards: 1 })
    expect((await mine()).map((c) => [c.authorName, c.email, c.body, c.status])).toEqual([
      ['Ann Lee', '', 'Mine, with an answer below.', 'published'],
      ['Ann', '', 'Another of mine, another spelling.', 'published'],
    ])
    expect((await everything()).replaceAll(/\{[^{}]*"site_id":"other"[^{}]*\}/g, '')).not.toMatch(/ann\.?lee@|annlee/)
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.siteId, 'cpr')).orderBy(sql`${auditLog.id} desc`)
    expect(audit).toMatchObject({ action: 'reader.emails-expired', detail: expect.objectContaining({ how: 'emails' }) })
  })

  it('is audited under a pseudonym, the same one an export is, never the address', async () => {
    const { ctx, erase } = await scene()
    await erase('remove')
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'reader.erased'))
    const subject = readerSubject(await readerPseudonym(ctx, 'cpr', ANN))
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'system',
        siteId: 'cpr',
        subject,
        detail: { how: 'remove', comments: 2, rewards: 1, at: '2026-11-26T10:00:00.000Z' },
      }),
    ])
    // A name the audit page can show and one can search for; another reader, or another site, has another.
    expect(subject).toMatch(/^reader:[A-Za-z0-9_-]{22}$/)
    expect(readerSubject(await readerPseudonym(ctx, 'other', ANN))).not.toBe(subject)
    expect(readerSubject(await readerPseudonym(ctx, 'cpr', 'bob@example.com'))).not.toBe(subject)
  })

  it('keeps the code valid for the shop and the reward earned: the same reader earns no second one, a new reader still does', async () => {
    const { ctx, write, first, erase, ghost } = await scene()
    const code = first.reward?.status === 'issued' ? first.reward.code : ''
    await erase('anonymize')
    const [reward] = await ctx.db.select().from(rewards).where(eq(rewards.code, code))
    expect(reward).toMatchObject({ status: 'issued', email: '', emailDomain: null, readerKey: ghost })
    const again = await write({ authorName: 'Ann', email: 'Ann.Lee@GMAIL.com', body: 'Back again, hoping for another code.' }, '/b')
    expect(again.comment.status).toBe('published')
    expect(again.reward).toBeNull()
    const cy = await write({ email: 'cy@example.com', body: 'New here, and glad of it.' }, '/b')
    expect(cy.reward?.status).toBe('issued')
  })

  it('does not touch other readers’ mail or webhook bodies when one of the reader’s rows kept no address', async () => {
    const { ctx, erase } = await scene()
    // A reward brought in without its address (an import can leave one so) under Ann's key.
    await ctx.db.run(sql`update rewards set email = '' where site_id = 'cpr' and reader_key = ${ANN}`)
    const bobs = () => ctx.db.all(sql`select id, target, payload from outbox where payload like '%bob%' order by id`)
    const before = await bobs()
    expect(before.length).toBeGreaterThan(0)
    await erase('anonymize')
    expect(await bobs()).toEqual(before)
  })
})

describe('eraseReaderByEmail', () => {
  it('finds the reader by any spelling of the address, and answers site_not_found for a site that is not there', async () => {
    const { ctx, mine } = await scene()
    expect(await eraseReaderByEmail(ctx, { siteId: 'cpr', email: ' ANN.LEE+x@googlemail.com ', how: 'remove', actor: SYSTEM })).toEqual({
      comments: 2,
      rewards: 1,
    })
    expect((await mine()).map((c) => c.status)).toEqual(['deleted', 'deleted'])
    await expect(eraseReaderByEmail(ctx, { siteId: 'nope', email: 'ann@example.com', how: 'remove', actor: SYSTEM })).rejects.toMatchObject({
      code: 'site_not_found',
    })
  })
})

describe('eraseReader on a database file', () => {
  it('leaves no byte of the address in the file or its WAL', async () => {
    const { ctx, url, close } = await testCtx({ file: true })
    const site = await addSite(ctx)
    const email = 'Wanda.Gone@gmail.com'
    for (const [i, key] of ['/a', '/b'].entries()) {
      await postComment(ctx, {
        site,
        threadKey: key,
        ip: '203.0.113.9',
        comment: { authorName: 'Wanda', email, body: `Something worth erasing later, number ${i}.`, elapsedMs: 30_000 },
      })
    }
    const file = url.slice('file:'.length)
    const onDisk = () => [file, `${file}-wal`].map((f) => readFileSync(f, { flag: 'r' }).toString('latin1').toLowerCase()).join('\n')
    expect(onDisk()).toContain('wanda.gone')

    await eraseReader(ctx, { siteId: site.id, readerKey: normalizeEmail(email), how: 'anonymize', actor: SYSTEM })
    expect(onDisk()).not.toContain('wanda.gone')
    expect(onDisk()).not.toContain('wandagone')
    close()
  })
})
