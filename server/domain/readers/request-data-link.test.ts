/**
 * A reader asks for the link to their data: it goes by email to the address
 * the site has for them (never to the one typed now), only if the site has
 * something, and the answer is the same either way. Limited per client
 * network and per reader, each on its own, on the test's clock.
 */
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { aComment, addSite, limitsOnClock, testCtx } from '../../../tests/helpers/test-app.ts'
import { outbox, readerLinks } from '../../db/schema.ts'
import { postComment } from '../comments/post-comment.ts'
import { DomainError } from '../errors.ts'
import { getSite } from '../sites/get-site.ts'
import { openReaderLink } from './reader-links.ts'
import { DATA_LINKS, requestDataLink } from './request-data-link.ts'

async function site(canEmail = true) {
  const t = await testCtx()
  const ctx = { ...t.ctx, canEmail }
  await addSite(ctx, 'cpr')
  await addSite(ctx, 'other', { origins: ['https://other.example'] })
  const write = async (email: string, siteId = 'cpr') =>
    postComment(ctx, { site: await getSite(ctx, siteId), threadKey: '/p', comment: aComment({ email }) as never, ip: '192.0.2.200' })
  /** Asks for the link; answers 'queued' or the refusal's code. */
  const ask = async (email: string, network = '192.0.2.1', siteId = 'cpr') => {
    try {
      return (await requestDataLink(ctx, { site: await getSite(ctx, siteId), email, network })).status
    } catch (error) {
      if (error instanceof DomainError) return error.code
      throw error
    }
  }
  const mailed = async () => await ctx.db.select().from(outbox).where(eq(outbox.event, 'reader.data-link')).orderBy(outbox.id)
  const tokenOf = (row: { payload: string | null }) => (JSON.parse(row.payload!) as { token: string }).token
  return { ...t, ctx, write, ask, mailed, tokenOf }
}

describe('requestDataLink', () => {
  it('mails a link to the address the site has, as last typed, whichever spelling asks; the link opens that reader’s data on this site', async () => {
    const { ctx, clock, write, ask, mailed, tokenOf } = await site()
    await write('Ann.Lee@gmail.com')
    clock.advance(60_000)
    await write('ann.lee+blog@gmail.com')
    clock.advance(60_000)
    expect(await ask('ANNLEE@googlemail.com')).toBe('queued')
    const [row, ...more] = await mailed()
    expect(more).toEqual([])
    expect(row).toMatchObject({
      siteId: 'cpr',
      channel: 'email',
      target: 'ann.lee+blog@gmail.com',
      subject: 'reader',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-11-26T10:02:00.000Z',
      createdAt: '2026-11-26T10:02:00.000Z',
    })
    expect(await openReaderLink(ctx, tokenOf(row!), 'data')).toEqual({ siteId: 'cpr', readerKey: 'annlee@gmail.com' })
    await expect(openReaderLink(ctx, tokenOf(row!), 'confirm')).rejects.toMatchObject({ code: 'not_found' })
  })

  it('answers the same and mails nothing for an address the site does not know, nor for one known only on another site', async () => {
    const { ctx, write, ask, mailed } = await site()
    await write('bob@example.com', 'other')
    expect(await ask('nobody@example.com')).toBe('queued')
    expect(await ask('bob@example.com', '192.0.2.2')).toBe('queued')
    expect(await mailed()).toEqual([])
    expect(await ctx.db.select().from(readerLinks)).toEqual([])
    // Asked on the site that knows the address, it goes, and opens only there.
    expect(await ask('bob@example.com', '192.0.2.3', 'other')).toBe('queued')
    expect((await mailed()).map((r) => [r.siteId, r.target])).toEqual([['other', 'bob@example.com']])
  })

  it('is unavailable on a server that sends no email', async () => {
    const { write, ask, mailed } = await site(false)
    await write('ann@example.com')
    expect(await ask('ann@example.com')).toBe('unavailable')
    expect(await mailed()).toEqual([])
  })

  it(`lets one reader ask ${DATA_LINKS.perReaderPerDay} times a day, from any network, and says when to ask again`, async () => {
    const { ctx, clock, write, ask, mailed } = await site()
    const advance = limitsOnClock(clock)
    await write('ann@example.com')
    await write('bob@example.com')
    const asks = []
    for (let i = 0; i < DATA_LINKS.perReaderPerDay + 1; i++) asks.push(await ask('ANN@example.com', `198.51.100.${i}`))
    expect(asks).toEqual([...Array(DATA_LINKS.perReaderPerDay).fill('queued'), 'rate_limited'])
    expect(await mailed()).toHaveLength(DATA_LINKS.perReaderPerDay)
    const refusal = await requestDataLink(ctx, { site: await getSite(ctx, 'cpr'), email: 'ann@example.com', network: '198.51.100.99' }).catch((e: unknown) => e)
    expect(refusal).toMatchObject({ code: 'rate_limited' })
    expect((refusal as DomainError).retryAfterSeconds).toBeGreaterThan(86_000)
    expect((refusal as DomainError).retryAfterSeconds).toBeLessThanOrEqual(86_400)
    // Another reader is not held up by this one, nor is the same reader on another site.
    expect(await ask('bob@example.com', '198.51.100.50')).toBe('queued')
    expect(await ask('ann@example.com', '198.51.100.51', 'other')).toBe('queued')
    advance(23 * 3_600_000)
    expect(await ask('ann@example.com', '198.51.100.60')).toBe('rate_limited')
    advance(3_600_000)
    expect(await ask('ann@example.com', '198.51.100.61')).toBe('queued')
  })

  it(`lets one network ask ${DATA_LINKS.perNetworkPerHour} times an hour, for any readers, and says when to ask again`, async () => {
    const { ctx, clock, ask } = await site()
    const advance = limitsOnClock(clock)
    const asks = []
    for (let i = 0; i < DATA_LINKS.perNetworkPerHour + 1; i++) asks.push(await ask(`reader${i}@example.com`, '203.0.113.9'))
    expect(asks).toEqual([...Array(DATA_LINKS.perNetworkPerHour).fill('queued'), 'rate_limited'])
    const refusal = await requestDataLink(ctx, { site: await getSite(ctx, 'cpr'), email: 'late@example.com', network: '203.0.113.9' }).catch((e: unknown) => e)
    expect((refusal as DomainError).retryAfterSeconds).toBeGreaterThan(3_000)
    expect((refusal as DomainError).retryAfterSeconds).toBeLessThanOrEqual(3_600)
    // Another network, or the same one on another site, is not held up.
    expect(await ask('someone@example.com', '203.0.113.10')).toBe('queued')
    expect(await ask('someone@example.com', '203.0.113.9', 'other')).toBe('queued')
    advance(3_600_000)
    expect(await ask('late@example.com', '203.0.113.9')).toBe('queued')
  })

  it('fails as an error, not as a rate limit, when the counters cannot be read', async () => {
    const { ctx } = await site()
    await ctx.db.run(sql`drop table rate_limits`)
    const failure = await requestDataLink(ctx, { site: await getSite(ctx, 'cpr'), email: 'ann@example.com', network: '192.0.2.1' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(Error)
    expect(failure).not.toBeInstanceOf(DomainError)
  })
})
