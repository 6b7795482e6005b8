/**
 * Inkind-Signature as the README documents it for receivers: an HMAC of
 * "<t>.<body>" with the webhook's secret, refused when stale, tampered with or
 * signed with another secret.
 */
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhook } from './sign-webhook.ts'

const SECRET = 'whsec_test'
const BODY = '{"id":"evt_1","type":"reward.issued"}'
const T = 1_790_000_000

describe('signWebhook', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as a receiver recomputes it', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex')
    expect(signWebhook(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`)
  })

  it('differs with the secret, the body and the time', () => {
    const header = signWebhook(SECRET, BODY, T)
    expect(signWebhook('whsec_other', BODY, T)).not.toBe(header)
    expect(signWebhook(SECRET, `${BODY} `, T)).not.toBe(header)
    expect(signWebhook(SECRET, BODY, T + 1)).not.toBe(header)
  })
})

describe('verifyWebhook', () => {
  const header = signWebhook(SECRET, BODY, T)

  it('accepts the header it was signed with, up to five minutes either way', () => {
    expect(verifyWebhook(SECRET, BODY, header, T)).toBe(true)
    expect(verifyWebhook(SECRET, BODY, header, T + 300)).toBe(true)
    expect(verifyWebhook(SECRET, BODY, header, T - 300)).toBe(true)
  })

  it('refuses a stale or future timestamp: a captured call cannot be replayed later', () => {
    expect(verifyWebhook(SECRET, BODY, header, T + 301)).toBe(false)
    expect(verifyWebhook(SECRET, BODY, header, T - 301)).toBe(false)
    expect(verifyWebhook(SECRET, BODY, header, T + 10, 5)).toBe(false)
  })

  it('refuses another body, another secret, a forged v1 and a replayed v1 under a fresh t', () => {
    expect(verifyWebhook(SECRET, `${BODY} `, header, T)).toBe(false)
    expect(verifyWebhook('whsec_other', BODY, header, T)).toBe(false)
    const v1 = header.split('v1=')[1]!
    const flipped = (v1[0] === 'a' ? 'b' : 'a') + v1.slice(1)
    expect(verifyWebhook(SECRET, BODY, `t=${T},v1=${flipped}`, T)).toBe(false)
    expect(verifyWebhook(SECRET, BODY, `t=${T + 60},v1=${v1}`, T + 60)).toBe(false)
  })

  it('refuses headers that are not a signature', () => {
    for (const bad of ['', `t=${T}`, `v1=${header.split('v1=')[1]}`, `t=soon,v1=${header.split('v1=')[1]}`, `t=${T},v1=`, `t=${T},v1=abc`]) {
      expect(verifyWebhook(SECRET, BODY, bad, T), bad).toBe(false)
    }
  })
})
