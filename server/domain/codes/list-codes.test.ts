/**
 * The codes an admin reviews: each filter on its own, expiry to the
 * millisecond (no cron: an issued code past its date reads as expired), a
 * search that is a code, an address or part of a name, and keyset pages.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { CodesQuery } from '../../../shared/admin.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { rewards } from '../../db/schema.ts'
import { SYSTEM } from '../audit/actor.ts'
import { postComment } from '../comments/post-comment.ts'
import { importPool } from '../pool/import-pool.ts'
import { getSite } from '../sites/get-site.ts'
import { redeemCode } from './change-code.ts'
import { codeStatus, listCodes } from './list-codes.ts'

async function codes() {
  const t = await testCtx()
  await addSite(t.ctx, 'cpr')
  await addSite(t.ctx, 'two')
  const earn = async (over: Record<string, unknown>, siteId = 'cpr', threadKey = '/p', ip = '192.0.2.1') => {
    const { reward } = await postComment(t.ctx, { site: await getSite(t.ctx, siteId), threadKey, comment: aComment(over) as never, ip })
    return (reward as { code: string }).code
  }
  const list = async (q: Partial<CodesQuery>) => (await listCodes(t.ctx, { limit: 50, ...q })).items.map((c) => c.code)
  return { ...t, earn, list }
}

describe('codeStatus', () => {
  it('reads an issued code as expired from its expiry on, and leaves every other status as it is', () => {
    const at = '2026-12-26T10:00:00.000Z'
    expect(codeStatus({ status: 'issued', expiresAt: at }, '2026-12-26T09:59:59.999Z')).toBe('issued')
    expect(codeStatus({ status: 'issued', expiresAt: at }, at)).toBe('expired')
    expect(codeStatus({ status: 'issued', expiresAt: null }, '2099-01-01T00:00:00.000Z')).toBe('issued')
    for (const status of ['redeemed', 'revoked', 'pending']) expect(codeStatus({ status, expiresAt: at }, '2027-01-01T00:00:00.000Z')).toBe(status)
  })
})

describe('listCodes', () => {
  it('filters by status, expiry to the millisecond, newest first', async () => {
    const { earn, list, clock, ctx } = await codes()
    const a = await earn({})
    clock.advance(1000)
    const b = await earn({})
    const c = await earn({})
    await ctx.db.update(rewards).set({ status: 'revoked' }).where(eq(rewards.code, c))
    // a expires a second before b.
    clock.advance(30 * 86_400_000 - 1000)
    expect(await list({ status: 'expired' })).toEqual([a])
    expect(await list({ status: 'issued' })).toEqual([b])
    expect(await list({ status: 'revoked' })).toEqual([c])
    expect(await list({})).toEqual([c, b, a])
    const [first] = (await listCodes(ctx, { limit: 50 })).items.slice(-1)
    expect(first).toMatchObject({ code: a, status: 'expired', siteId: 'cpr', thread: { key: '/p' } })
    clock.advance(1000)
    expect(await list({ status: 'expired' })).toEqual([b, a])
    expect(await list({ status: 'issued' })).toEqual([])
  })

  it('filters by site, thread, day, network and email domain', async () => {
    const { earn, list, clock, ctx } = await codes()
    const a = await earn({ email: 'a@farm.example' }, 'cpr', '/a', '192.0.2.1')
    clock.advance(86_400_000)
    const b = await earn({ email: 'b@other.example' }, 'cpr', '/b', '198.51.100.1')
    const c = await earn({ email: 'c@farm.example' }, 'two', '/a', '198.51.100.2')
    expect(await list({ site: 'cpr' })).toEqual([b, a])
    expect(await list({ thread: '/a' })).toEqual([c, a])
    expect(await list({ from: '2026-11-27' })).toEqual([c, b])
    expect(await list({ to: '2026-11-26' })).toEqual([a])
    expect(await list({ from: '2026-11-26', to: '2026-11-26' })).toEqual([a])
    expect(await list({ domain: 'farm.example' })).toEqual([c, a])
    const [row] = await ctx.db.select().from(rewards).where(eq(rewards.code, b))
    expect(await list({ network: row!.networkKey! })).toEqual([b])
    // The wide network (the /24) finds both rewards from 198.51.100.x.
    expect(await list({ network: row!.wideNetworkKey! })).toEqual([c, b])
  })

  it('takes a search as a code however typed, as any spelling of an address, or else as part of a name', async () => {
    const { earn, list } = await codes()
    const ann = await earn({ authorName: 'Annabelle Stone', email: 'Ann.Lee+shop@gmail.com' })
    const bob = await earn({ authorName: 'Bob 100% Real_Name', email: 'bob@example.com' })
    expect(await list({ q: ann.toLowerCase().replace('-', ' ').replace(/0/g, 'o') })).toEqual([ann])
    expect(await list({ q: 'annlee@googlemail.com' })).toEqual([ann])
    expect(await list({ q: 'Annabelle' })).toEqual([ann])
    expect(await list({ q: 'stone' })).toEqual([ann])
    // A name that looks like a code is still found as a name.
    expect(await list({ q: 'Bob 100' })).toEqual([bob])
    // LIKE's wildcards are taken literally.
    expect(await list({ q: '100%' })).toEqual([bob])
    expect(await list({ q: '%' })).toEqual([bob])
    expect(await list({ q: 'Bob_100' })).toEqual([])
    expect(await list({ q: 'Real_Name' })).toEqual([bob])
    expect(await list({ q: 'nobody@example.com' })).toEqual([])
  })

  it('pages through a name search, and shows the start of each comment', async () => {
    const { earn, ctx } = await codes()
    const long = `${'x'.repeat(150)}END`
    const anns = [await earn({ authorName: 'Ann One', body: long }), await earn({ authorName: 'Ann Two' }), await earn({ authorName: 'Ann Three' })]
    await earn({ authorName: 'Bob' })
    const first = await listCodes(ctx, { limit: 2, q: 'Ann' })
    const second = await listCodes(ctx, { limit: 2, q: 'Ann', cursor: first.nextCursor! })
    expect([...first.items, ...second.items].map((c) => c.code)).toEqual([...anns].reverse())
    expect(second.nextCursor).toBeNull()
    expect(second.items[0]!.commentExcerpt).toBe('x'.repeat(140))
  })

  it('pages with a cursor, a code search too', async () => {
    const { earn, ctx } = await codes()
    const all: string[] = []
    for (let i = 0; i < 5; i++) all.unshift(await earn({}))
    const first = await listCodes(ctx, { limit: 2 })
    const second = await listCodes(ctx, { limit: 2, cursor: first.nextCursor! })
    const third = await listCodes(ctx, { limit: 2, cursor: second.nextCursor! })
    expect([first, second, third].map((p) => p.items.map((c) => c.code))).toEqual([all.slice(0, 2), all.slice(2, 4), all.slice(4)])
    expect(third.nextCursor).toBeNull()
    // Past the only match of a code search, the next page is empty, not a name search.
    const one = await listCodes(ctx, { limit: 1, q: all[4]!, cursor: String(Number.MAX_SAFE_INTEGER) })
    expect(one.items.map((c) => c.code)).toEqual([all[4]])
    const past = await listCodes(ctx, { limit: 1, q: all[4]!, cursor: '1' })
    expect(past.items).toEqual([])
  })
})

describe('listCodes: what a search finds', () => {
  /** A pool site whose readers get the owner's own codes, each reader the next code of the pool. */
  async function pool(csv: string) {
    const t = await codes()
    await addSite(t.ctx, 'pol', { reward: { kind: 'pool', label: '15% off' } })
    await importPool(t.ctx, { siteId: 'pol', csv, actor: SYSTEM })
    return t
  }

  it('takes a whole address as that reader only, not the addresses that contain it; part of one finds them all', async () => {
    const { earn, list, ctx } = await codes()
    const ann = await earn({ authorName: 'First', email: 'ann@example.com' })
    const joann = await earn({ authorName: 'Second', email: 'joann@example.com' })
    const lee = await earn({ authorName: 'Third', email: 'Ann.Lee+shop@gmail.com' })
    expect(await list({ q: 'ann@example.com' })).toEqual([ann])
    expect(await list({ q: 'ANN@Example.com' })).toEqual([ann])
    expect((await listCodes(ctx, { limit: 50, q: 'ann@example.com' })).total).toBe(1)
    expect(await list({ q: 'nn@example.com' })).toEqual([joann, ann])
    expect((await listCodes(ctx, { limit: 50, q: 'nn@example.com' })).total).toBe(2)
    // The address as the reader typed it says "Ann.Lee+shop"; the reader is annlee@gmail.com.
    expect(await list({ q: 'annlee' })).toEqual([lee])
  })

  it('takes a whole code as that code only, not the longer codes that start with it; part of a code finds them all', async () => {
    const { earn, list, ctx } = await pool('WELCOME1\nWELCOME12\nAB12\nAB123\n')
    const got = new Map<string, string>()
    for (const name of ['Uno', 'Dos', 'Tres', 'Cuatro']) {
      const code = await earn({ authorName: name, email: `${name.toLowerCase()}@example.net` }, 'pol')
      got.set(code, code)
    }
    expect([...got.keys()].sort()).toEqual(['AB12', 'AB123', 'WELCOME1', 'WELCOME12'])
    expect(await list({ q: 'welcome1' })).toEqual(['WELCOME1'])
    expect((await listCodes(ctx, { limit: 50, q: 'welcome1' })).total).toBe(1)
    expect(await list({ q: 'ab12' })).toEqual(['AB12'])
    // Four characters of a code are a part to look for; O and 0 are one.
    expect((await list({ q: 'c0me' })).sort()).toEqual(['WELCOME1', 'WELCOME12'])
    expect((await list({ q: 'b123' })).sort()).toEqual(['AB123'])
    // Three are too few: they would match random codes by chance.
    expect(await list({ q: 'b12' })).toEqual([])
  })

  it('finds a pool code with an underscore, whole or in part, and a three-character pool code typed in full', async () => {
    const { earn, list } = await pool('SUMMER_25\nXY7\n')
    const codesOut = [await earn({ authorName: 'Uno', email: 'uno@example.net' }, 'pol'), await earn({ authorName: 'Dos', email: 'dos@example.net' }, 'pol')]
    expect(codesOut.sort()).toEqual(['SUMMER_25', 'XY7'])
    expect(await list({ q: 'summer_25' })).toEqual(['SUMMER_25'])
    expect(await list({ q: 'MER_2' })).toEqual(['SUMMER_25'])
    expect(await list({ q: 'xy7' })).toEqual(['XY7'])
  })

  it('counts every match on the first page, not just the page', async () => {
    const { earn, ctx } = await codes()
    for (let i = 0; i < 3; i++) await earn({ authorName: `Ann ${i}` })
    await earn({ authorName: 'Bob' })
    expect((await listCodes(ctx, { limit: 1 })).total).toBe(4)
    expect((await listCodes(ctx, { limit: 1, q: 'ann' })).total).toBe(3)
    expect((await listCodes(ctx, { limit: 1, q: 'nobody' })).total).toBe(0)
  })

  it('shows what a redeemed order came to', async () => {
    const { earn, ctx } = await codes()
    const code = await earn({})
    await redeemCode(ctx, { code, actor: SYSTEM, orderRef: '#77', order: { total: '12.5', currency: 'EUR' } })
    const [item] = (await listCodes(ctx, { limit: 50 })).items
    expect(item).toMatchObject({ code, status: 'redeemed', orderRef: '#77', orderTotal: '12.50', orderCurrency: 'EUR' })
  })

  it('finds a name whatever accents and case either side has', async () => {
    const { earn, list } = await codes()
    const jose = await earn({ authorName: 'José Jiménez' })
    const upper = await earn({ authorName: 'ZOË NGUYỄN' })
    const greek = await earn({ authorName: 'ΑΛΕΞΗΣ' })
    expect(await list({ q: 'jimenez' })).toEqual([jose])
    expect(await list({ q: 'JIMÉNEZ' })).toEqual([jose])
    expect(await list({ q: 'zoë' })).toEqual([upper])
    expect(await list({ q: 'zoe nguyen' })).toEqual([upper])
    expect(await list({ q: 'αλεξης' })).toEqual([greek])
  })

  it('takes * ? [ ] in a name search as the characters themselves', async () => {
    const { earn, list } = await codes()
    const star = await earn({ authorName: 'Ann*Lee' })
    await earn({ authorName: 'Annabelle Lee' })
    const question = await earn({ authorName: 'Who? Me' })
    await earn({ authorName: 'Whom' })
    const bracket = await earn({ authorName: 'Bob [admin]' })
    await earn({ authorName: 'Bob a' })
    expect(await list({ q: 'ann*lee' })).toEqual([star])
    expect(await list({ q: 'who?' })).toEqual([question])
    expect(await list({ q: '[admin]' })).toEqual([bracket])
    expect(await list({ q: '[a' })).toEqual([bracket])
  })
})
