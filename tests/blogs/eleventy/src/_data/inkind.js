// INKIND_ORIGIN is substituted at build time (no trailing slash), e.g. http://127.0.0.1:4100
export default {
  origin: (process.env.INKIND_ORIGIN || 'http://127.0.0.1:4100').replace(/\/$/, ''),
  site: process.env.INKIND_SITE || 'demo',
}
