import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { guardedFetch, outboundError } from './guarded-fetch.ts'
import type { Resolve } from './public-address.ts'

/** A name server that answers what an attacker's would: a private address for a public-looking name. */
const hostile =
  (address: string, family = 4): Resolve =>
  (_host, _options, callback) =>
    callback(null, [{ address, family }])

describe('guardedFetch', () => {
  it('refuses a name that resolves to a private or metadata address at connect time, without connecting', async () => {
    for (const address of ['10.0.0.1', '169.254.169.254', '127.0.0.1']) {
      const fetchPublic = guardedFetch({ allowPrivate: false, resolve: hostile(address) })
      const error = await fetchPublic('http://hooks.example.com/', { signal: AbortSignal.timeout(5000) }).catch((e) => e)
      expect(outboundError(error), address).toBe('refused: not a public address')
    }
    const v6 = guardedFetch({ allowPrivate: false, resolve: hostile('fd00::1', 6) })
    expect(outboundError(await v6('http://hooks.example.com/').catch((e) => e))).toBe('refused: not a public address')
  })

  it('refuses a private literal before any lookup, and reaches it when private networks are allowed', async () => {
    let hits = 0
    const server = createServer((_req, res) => {
      hits++
      res.end('ok')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    try {
      const refused = await guardedFetch({ allowPrivate: false })(url).catch((e) => e)
      expect(outboundError(refused)).toBe('refused: not a public address')
      expect(hits).toBe(0)
      const res = await guardedFetch({ allowPrivate: true })(url)
      expect(await res.text()).toBe('ok')
      expect(hits).toBe(1)
    } finally {
      server.close()
    }
  })

  it('says why a request failed without saying what is behind it', () => {
    expect(outboundError(Object.assign(new Error('connect ECONNREFUSED 93.184.216.34:8443'), { code: 'ECONNREFUSED' }))).toBe('could not connect')
    expect(outboundError(new DOMException('timed out', 'TimeoutError'))).toBe('timed out')
  })
})
