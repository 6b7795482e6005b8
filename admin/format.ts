const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

export const fmtDateTime = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—')
export const fmtDate = (iso: string | null) => (iso ? date.format(new Date(iso)) : '—')
export const fmtTime = (iso: string) => time.format(new Date(iso))
export const fmtPercent = (n: number) => percent.format(n)

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' })
/** "2026-11" → "Nov 2026" in the admin's language. */
export const fmtMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`))

/** A decimal amount in its currency, in the admin's language: "49.90" EUR → "€49.90". */
export const fmtMoney = (amount: string, currency: string) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(amount))

/** Revenue in several currencies, never added together: "€49.90 · $15.00"; a dash for none. */
export const fmtRevenue = (revenue: { currency: string; amount: string }[]) =>
  revenue.length ? revenue.map((r) => fmtMoney(r.amount, r.currency)).join(' · ') : '—'
