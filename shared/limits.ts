/** Sizes the server enforces and the widget mirrors in its form. */
export const LIMITS = {
  authorName: 80,
  email: 254,
  body: 5000,
  title: 300,
  url: 2000,
  threadKey: 500,
  siteId: 64,
  /** Largest request body any public route reads, in bytes. */
  requestBytes: 32 * 1024,
  pageSize: { default: 50, max: 100 },
  countsThreads: 100,
} as const
