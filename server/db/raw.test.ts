/** Raw batches on a local file: each all or nothing, concurrent ones sharing one commit. */
import { describe, expect, it } from 'vitest'
import { testCtx } from '../../tests/helpers/test-app.ts'
import { q, rawBatch, rawRows, toDrizzle } from './raw.ts'

const put = (key: string, value: string) => q`insert into instance (key, value) values (${key}, ${value})`
const keys = async (ctx: Awaited<ReturnType<typeof testCtx>>['ctx']) =>
  (await rawRows<{ key: string }>(ctx.db, q`select key from instance where key like ${'t:%'} order by key`)).map((r) => r.key)

describe('raw batches', () => {
  it('commit together when asked for at once, yet a failing one takes back only its own writes', async () => {
    const { ctx } = await testCtx({ file: true })
    const [a, b, c] = await Promise.allSettled([
      rawBatch(ctx.db, [put('t:a', '1')]),
      // Its second statement breaks the primary key: its first must not stay.
      rawBatch(ctx.db, [put('t:b', '1'), put('t:a', '2')]),
      // Sees the first batch's row, as if it had committed before.
      rawBatch(ctx.db, [q`insert into instance (key, value) select ${'t:c'}, value from instance where key = ${'t:a'} returning key, value`]),
    ])
    expect(a.status).toBe('fulfilled')
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_PRIMARYKEY', statementIndex: 1 } })
    expect(c).toMatchObject({ status: 'fulfilled', value: [{ rows: [{ key: 't:c', value: '1' }] }] })
    expect(await keys(ctx)).toEqual(['t:a', 't:c'])
  })

  it('give the same text and arguments to drizzle', async () => {
    const { ctx } = await testCtx()
    const nested = q`select ${1} as one, (${q`select ${'x'}`}) as x`
    expect(nested).toEqual({ sql: 'select ? as one, (select ?) as x', args: [1, 'x'] })
    expect(await ctx.db.all(toDrizzle(nested))).toEqual([{ one: 1, x: 'x' }])
  })
})
