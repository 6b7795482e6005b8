// Single numbers, so the widget's bundle inlines the three it needs.
export const MAX_NAME = 80
export const MAX_EMAIL = 254
export const MAX_BODY = 5000
/** An admin's password: at least this long (the CLI, the first start and the admin app say the same). */
export const MIN_ADMIN_PASSWORD = 12

/** Sizes the server enforces and the widget mirrors in its form. */
export const LIMITS = {
  authorName: MAX_NAME,
  email: MAX_EMAIL,
  body: MAX_BODY,
  title: 300,
  url: 2000,
  threadKey: 500,
  siteId: 64,
  /** Largest request body any public route reads, in bytes. */
  requestBytes: 32 * 1024,
  pageSize: { default: 50, max: 100 },
  countsThreads: 100,
  /** How long a reader may edit or delete their comment, from the browser that posted it. */
  editWindowMs: 15 * 60_000,
} as const

/** Counting the codes a search matches stops here: the Codes page then says "10,000 or more". */
export const CODES_COUNT_CAP = 10_000
