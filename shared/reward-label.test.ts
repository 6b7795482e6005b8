import { describe, expect, it } from 'vitest'
import { labelIsCustom, offerLabel } from './reward-label.ts'

describe('offerLabel', () => {
  it('words a percent or an amount in the site’s language and format', () => {
    expect(offerLabel({ percentOff: 15 }, 'en')).toBe('15% off your next order')
    expect(offerLabel({ percentOff: 15 }, 'de')).toBe('15 % Rabatt auf Ihre nächste Bestellung')
    expect(offerLabel({ percentOff: 15 }, 'fr-CA')).toBe('15 % de réduction sur votre prochaine commande')
    expect(offerLabel({ amountOff: 5, currency: 'EUR' }, 'en')).toBe('€5 off your next order')
    expect(offerLabel({ amountOff: 7.5, currency: 'EUR' }, 'de-AT')).toBe('€ 7,50 Rabatt auf Ihre nächste Bestellung')
    expect(offerLabel({ amountOff: 500, currency: 'JPY' }, 'ja')).toBe('￥500 off your next order')
  })

  it('has no wording for no value, or for a percent and an amount together', () => {
    expect(offerLabel({}, 'en')).toBeNull()
    expect(offerLabel({ percentOff: 10, amountOff: 5, currency: 'EUR' }, 'en')).toBeNull()
    expect(offerLabel({ amountOff: 5 }, 'en')).toBeNull()
  })

  it('tells the owner’s own words from the worded value, also for rewards saved before the flag', () => {
    expect(labelIsCustom({ label: '10% off your next order', percentOff: 10 }, 'en')).toBe(false)
    expect(labelIsCustom({ label: 'A free tote bag', percentOff: 10 }, 'en')).toBe(true)
    expect(labelIsCustom({ label: '10% off your next order', percentOff: 10, labelCustom: true }, 'en')).toBe(true)
  })
})
