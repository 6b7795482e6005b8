// Where the Inkind server is and which site this blog is. An owner writes their own values here;
// the tests build the blog against a server of their own (INKIND_ORIGIN, INKIND_SITE at build time).
export const INKIND_ORIGIN = (process.env.INKIND_ORIGIN || 'https://comments.example.com').replace(/\/$/, '')
export const INKIND_SITE = process.env.INKIND_SITE || 'demo'
