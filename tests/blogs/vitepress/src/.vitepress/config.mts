import { defineConfig } from 'vitepress'

// INKIND_ORIGIN is read at build time (no trailing slash)
const origin = (process.env.INKIND_ORIGIN || 'http://127.0.0.1:4100').replace(/\/$/, '')
const site = process.env.INKIND_SITE || 'demo'

export default defineConfig({
  title: 'VitePress Blog',
  description: 'A test blog for Inkind',
  outDir: process.env.VP_OUT_DIR || '../dist', // -> vitepress/dist
  cacheDir: '../.vp-cache',
  cleanUrls: true, // /posts/hello-world (server must map it to hello-world.html)
  // appearance: true (default) = "auto": follows prefers-color-scheme until the switch is used,
  // then localStorage['vitepress-theme-appearance'] = 'dark' | 'light'; <html class="dark"> when dark
  head: [
    // Loaded once per full page load. VitePress does NOT re-run these on client-side navigation:
    // widget.js must notice new #inkind containers itself (and count.js new [data-inkind-count] links).
    ['script', { src: `${origin}/widget.js`, 'data-site': site, async: '' }],
    ['script', { src: `${origin}/count.js`, 'data-site': site, async: '' }],
  ],
  themeConfig: {
    nav: [{ text: 'Home', link: '/' }],
    sidebar: [
      {
        text: 'Posts',
        items: [
          { text: 'Hello, world', link: '/posts/hello-world' },
          { text: 'A second post', link: '/posts/second-post' },
        ],
      },
    ],
  },
})
