import { describe, expect, it } from 'vitest'
import { ListCache } from './list-cache.ts'

describe('ListCache', () => {
  it('stays within its entries and bytes whatever is put in', () => {
    const cache = new ListCache({ maxEntries: 1000, maxBytes: 200_000 })
    for (let i = 0; i < 100_000; i++) cache.set('s', `/t-${i % 5000}`, `${i}/50`, { etag: `W/"${i}"`, body: 'x'.repeat(i % 700) })
    expect(cache.stats.entries).toBeLessThanOrEqual(1000)
    expect(cache.stats.bytes).toBeLessThanOrEqual(200_000)
  })

  it('serves an entry until its thread is written to through this process', () => {
    const cache = new ListCache()
    cache.set('s', '/a', '0/50', { etag: 'e1', body: '{}' })
    cache.set('s', '/b', '0/50', { etag: 'e2', body: '{}' })
    expect(cache.get('s', '/a', '0/50')?.etag).toBe('e1')
    cache.forget('s', '/a')
    expect(cache.get('s', '/a', '0/50')).toBeUndefined()
    expect(cache.get('s', '/b', '0/50')?.etag).toBe('e2')
    cache.set('s', '/a', '0/50', { etag: 'e3', body: '{}' })
    expect(cache.get('s', '/a', '0/50')?.etag).toBe('e3')
  })
})
