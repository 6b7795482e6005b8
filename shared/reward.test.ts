import { describe, expect, expectTypeOf, it } from 'vitest'
import { REWARD_DEFAULTS } from './defaults.ts'
import { RewardSettings } from './reward.ts'

describe('REWARD_DEFAULTS', () => {
  it('is a valid reward, and what the schema fills in', () => {
    expectTypeOf(REWARD_DEFAULTS).toExtend<RewardSettings>()
    expect(RewardSettings.parse(REWARD_DEFAULTS)).toEqual(REWARD_DEFAULTS)
    const { label, percentOff } = REWARD_DEFAULTS
    expect(RewardSettings.parse({ label, percentOff })).toEqual(REWARD_DEFAULTS)
  })
})
