const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

export const fmtDateTime = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—')
export const fmtDate = (iso: string | null) => (iso ? date.format(new Date(iso)) : '—')
export const fmtPercent = (n: number) => percent.format(n)
