/**
 * What readers get, worded from the reward's value in the site's language:
 * "15% off your next order", "5 € Rabatt auf Ihre nächste Bestellung". The
 * owner may write their own words instead (labelCustom); otherwise the label
 * follows the value, so the offer never advertises one value and issues
 * another. No zod here: the admin app words the label as the owner types.
 */

import { cleanLine } from './text.ts'

/** The words around the value, per language the widget speaks; others get English words, formatted for their locale. */
const WORDING: Record<string, (value: string) => string> = {
  en: (v) => `${v} off your next order`,
  de: (v) => `${v} Rabatt auf Ihre nächste Bestellung`,
  fr: (v) => `${v} de réduction sur votre prochaine commande`,
}

export interface RewardValue {
  percentOff?: number
  amountOff?: number
  currency?: string
}

/** The label worded from the value (cleaned as a label is stored: Intl's no-break spaces are plain ones), or null when the value does not say one thing (none, or both a percent and an amount). */
export function offerLabel(value: RewardValue, locale: string): string | null {
  const words = WORDING[locale.slice(0, 2)] ?? WORDING.en!
  const format = (options: Intl.NumberFormatOptions) => {
    try {
      return new Intl.NumberFormat(locale, options)
    } catch {
      return new Intl.NumberFormat('en', options)
    }
  }
  const { percentOff, amountOff, currency } = value
  if (percentOff !== undefined && amountOff === undefined)
    return cleanLine(words(format({ style: 'percent', maximumFractionDigits: 2 }).format(percentOff / 100)))
  if (amountOff !== undefined && percentOff === undefined && currency) {
    const whole = Number.isInteger(amountOff) ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}
    return cleanLine(words(format({ style: 'currency', currency, ...whole }).format(amountOff)))
  }
  return null
}

/**
 * Whether a saved reward's label is the owner's own words. Said by
 * labelCustom when the reward was saved with it; before that flag existed, a
 * label that differs from the worded value was the owner's.
 */
export function labelIsCustom(reward: RewardValue & { label: string; labelCustom?: boolean }, locale: string): boolean {
  return reward.labelCustom ?? reward.label !== offerLabel(reward, locale)
}
