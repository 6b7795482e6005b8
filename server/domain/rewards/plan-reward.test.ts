/** Whether a comment earns the reward and what code and expiry it gets: the edges of each rule. */
import { describe, expect, it } from 'vitest'
import { RewardSettings } from '../../../shared/reward.ts'
import { codeFor, earnsReward, expiryFor } from './plan-reward.ts'

const settings = (over: Record<string, unknown> = {}) => RewardSettings.parse({ label: '10% off', ...over })

describe('earnsReward', () => {
  it('needs the reward on and a comment that is not spam', () => {
    expect(earnsReward(settings(), { status: 'published', body: 'Thanks.' })).toBe(true)
    expect(earnsReward(settings(), { status: 'pending', body: 'Thanks.' })).toBe(true)
    expect(earnsReward(settings(), { status: 'spam', body: 'Thanks.' })).toBe(false)
    expect(earnsReward(settings({ enabled: false }), { status: 'published', body: 'Thanks.' })).toBe(false)
  })

  it('counts the minimum length in characters a reader sees, from exactly the minimum on', () => {
    const s = settings({ minCommentChars: 5 })
    expect(earnsReward(s, { status: 'published', body: 'abcd' })).toBe(false)
    expect(earnsReward(s, { status: 'published', body: 'abcde' })).toBe(true)
    // Five emoji are five characters (ten UTF-16 units); four are not enough.
    expect(earnsReward(s, { status: 'published', body: '🙂🙂🙂🙂🙂' })).toBe(true)
    expect(earnsReward(s, { status: 'published', body: '🙂🙂🙂🙂' })).toBe(false)
  })
})

describe('codeFor and expiryFor', () => {
  it('hands out the static code, or a fresh code with the prefix', () => {
    expect(codeFor(settings({ kind: 'static', staticCode: 'CPR10' }))).toBe('CPR10')
    expect(codeFor(settings({ codePrefix: 'CPR-' }))).toMatch(/^CPR-[0-9A-HJKMNP-TV-Z]{12}$/)
    expect(codeFor(settings({ codePrefix: 'CPR-' }))).not.toBe(codeFor(settings({ codePrefix: 'CPR-' })))
    // A static code left in the settings after switching to generated codes is not handed out.
    expect(codeFor(settings({ kind: 'generated', staticCode: 'OLD10' }))).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/)
  })

  it('expires after the valid days, or never', () => {
    const at = new Date('2026-11-26T10:00:00.000Z')
    expect(expiryFor(settings({ validDays: 30 }), at)).toBe('2026-12-26T10:00:00.000Z')
    expect(expiryFor(settings({ validDays: 1 }), at)).toBe('2026-11-27T10:00:00.000Z')
    expect(expiryFor(settings({ validDays: null }), at)).toBeNull()
  })
})
