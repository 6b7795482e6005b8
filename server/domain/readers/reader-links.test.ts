/**
 * The links mailed to a reader (confirm replies, open one's data): a token that
 * opens exactly one purpose for one reader on one site, until it expires; a
 * token changed by one character, or made up, opens nothing; the database
 * holds only the token's hash, so a copy of it opens nothing either.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ReaderLinkPurpose } from '../../../shared/values.ts'
import { testCtx } from '../../../tests/helpers/test-app.ts'
import { readerLinks } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'
import { DomainError } from '../errors.ts'
import { newReaderLink, openReaderLink } from './reader-links.ts'

const HOUR = 3_600_000

async function mint(ctx: Ctx, purpose: ReaderLinkPurpose, siteId = 'cpr', readerKey = 'ann@example.com') {
  const link = newReaderLink(ctx, { purpose, siteId, readerKey })
  await link.statement
  return link.token
}

/** Whose link it is, or the code of the refusal. */
async function open(ctx: Ctx, token: string, purpose: ReaderLinkPurpose) {
  try {
    return await openReaderLink(ctx, token, purpose)
  } catch (error) {
    if (error instanceof DomainError) return error.code
    throw error
  }
}

describe('reader links', () => {
  it('open for the reader and site they were made for, and a link in a URL needs no escaping', async () => {
    const { ctx } = await testCtx()
    const ann = await mint(ctx, 'data', 'cpr', 'ann@example.com')
    const bob = await mint(ctx, 'data', 'other', 'bob@example.com')
    expect(ann).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(ann).not.toBe(bob)
    expect(await open(ctx, ann, 'data')).toEqual({ siteId: 'cpr', readerKey: 'ann@example.com' })
    expect(await open(ctx, bob, 'data')).toEqual({ siteId: 'other', readerKey: 'bob@example.com' })
    // Opening is not using up: the data page, its download and its erase form all open the same link.
    expect(await open(ctx, ann, 'data')).toEqual({ siteId: 'cpr', readerKey: 'ann@example.com' })
  })

  it('are single-purpose: a confirmation link does not open data, nor a data link confirm', async () => {
    const { ctx } = await testCtx()
    const confirm = await mint(ctx, 'confirm')
    const data = await mint(ctx, 'data')
    expect(await open(ctx, confirm, 'data')).toBe('not_found')
    expect(await open(ctx, data, 'confirm')).toBe('not_found')
    expect(await open(ctx, confirm, 'confirm')).toMatchObject({ readerKey: 'ann@example.com' })
    expect(await open(ctx, data, 'data')).toMatchObject({ readerKey: 'ann@example.com' })
  })

  it('refuse a made-up token, an altered one, and what the database stores', async () => {
    const { ctx } = await testCtx()
    const token = await mint(ctx, 'data')
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    expect(await open(ctx, altered, 'data')).toBe('not_found')
    expect(await open(ctx, `${token}x`, 'data')).toBe('not_found')
    expect(await open(ctx, 'A'.repeat(32), 'data')).toBe('not_found')
    const [row] = await ctx.db.select().from(readerLinks)
    expect(JSON.stringify(row)).not.toContain(token)
    expect(await open(ctx, row!.tokenHash, 'data')).toBe('not_found')
    expect(await open(ctx, token, 'data')).toMatchObject({ siteId: 'cpr' })
  })

  it('to a reader’s data work for 24 hours, to confirm replies for 7 days, and not a moment longer', async () => {
    const { ctx, clock } = await testCtx()
    const data = await mint(ctx, 'data')
    const confirm = await mint(ctx, 'confirm')
    clock.advance(24 * HOUR - 1)
    expect(await open(ctx, data, 'data')).toMatchObject({ readerKey: 'ann@example.com' })
    clock.advance(1)
    expect(await open(ctx, data, 'data')).toBe('link_expired')
    expect(await open(ctx, confirm, 'confirm')).toMatchObject({ readerKey: 'ann@example.com' })
    clock.advance(6 * 24 * HOUR - 1)
    expect(await open(ctx, confirm, 'confirm')).toMatchObject({ readerKey: 'ann@example.com' })
    clock.advance(1)
    expect(await open(ctx, confirm, 'confirm')).toBe('link_expired')
  })

  it('are gone once their row is (an erasure, the sweep): what a used-up link hears', async () => {
    const { ctx } = await testCtx()
    const token = await mint(ctx, 'data')
    await ctx.db.delete(readerLinks).where(eq(readerLinks.siteId, 'cpr'))
    expect(await open(ctx, token, 'data')).toBe('not_found')
  })
})
