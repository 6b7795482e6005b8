/**
 * Real locales to choose from, named by the browser's Intl in the admin's own
 * language: every two-letter language Intl can name, and every country. No
 * list is written out here; aliases (iw for he, ZR for CD) and ISO 3166's
 * user-assigned and grouping codes (AA, QM–QZ, XA–XZ but Kosovo's XK, ZZ, EU,
 * EZ, UN) are left out.
 */
import { CURRENCY_CODES } from '../shared/money.ts'

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const PAIRS = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b))
const UI = [navigator.language, 'en']
const canonical = (tag: string) => Intl.getCanonicalLocales(tag)[0] === tag
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)

function named(type: 'language' | 'region', codes: string[]) {
  const names = new Intl.DisplayNames(UI, { type, fallback: 'none' })
  return codes.flatMap((code) => {
    const name = names.of(code)
    return name && name !== code ? [{ code, name }] : []
  })
}

export const LANGUAGES = named(
  'language',
  PAIRS.filter((code) => canonical(code)),
).sort(byName)

export const REGIONS = named(
  'region',
  PAIRS.map((p) => p.toUpperCase()).filter((code) => (code === 'XK' || !/^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN)$/.test(code)) && canonical(`und-${code}`)),
).sort(byName)

/** ISO 4217 codes with the currency's name: "EUR — Euro". */
export const CURRENCIES = (() => {
  const names = new Intl.DisplayNames(UI, { type: 'currency', fallback: 'none' })
  return CURRENCY_CODES.map((code) => ({ code, name: names.of(code) ?? code }))
})()
