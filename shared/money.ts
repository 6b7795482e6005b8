/**
 * Money as a shop reports it: a currency of ISO 4217 (the list and each
 * currency's minor unit from the currency-codes package, kept to the ISO
 * list), an amount as a decimal string in the major unit ("49.90" euros,
 * "4990" yen), stored as an integer count of minor units so that sums are
 * exact. No zod here: the admin app imports this too.
 */
import { data } from 'currency-codes'

const DIGITS = new Map(data.map((c) => [c.code, c.digits]))

/** Every ISO 4217 code, alphabetical. */
export const CURRENCY_CODES: readonly string[] = data.map((c) => c.code).sort()

export const isCurrency = (code: string) => DIGITS.has(code)

/** Decimals of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export const currencyDigits = (code: string) => DIGITS.get(code) ?? 2

/** A decimal amount as the API takes it: digits, and a point with decimals if any. Never negative. */
export const DECIMAL_AMOUNT = /^\d{1,12}(\.\d{1,4})?$/

/**
 * "49.90" EUR → 4990 minor units; null when it is not a decimal amount, has
 * more decimals than the currency (trailing zeros aside), or is too large to
 * count exactly.
 */
export function toMinorUnits(amount: string, currency: string): number | null {
  const m = DECIMAL_AMOUNT.exec(amount)
  if (!m) return null
  const digits = currencyDigits(currency)
  const fraction = (m[1]?.slice(1) ?? '').replace(/0+$/, '')
  if (fraction.length > digits) return null
  const whole = amount.split('.')[0]!
  const minor = Number(whole + fraction.padEnd(digits, '0'))
  return Number.isSafeInteger(minor) ? minor : null
}

/** 4990 minor units of EUR → "49.90"; of JPY → "4990". */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = currencyDigits(currency)
  const sign = minor < 0 ? '-' : ''
  const s = String(Math.abs(minor)).padStart(digits + 1, '0')
  return digits ? `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}` : `${sign}${s}`
}

/** A stored order total (minor units and currency) as answers and webhooks carry it: a decimal string, or both null. */
export function orderTotalOf(row: { orderTotal: number | null; orderCurrency: string | null }) {
  return row.orderTotal !== null && row.orderCurrency
    ? { orderTotal: fromMinorUnits(row.orderTotal, row.orderCurrency), orderCurrency: row.orderCurrency }
    : { orderTotal: null, orderCurrency: null }
}
