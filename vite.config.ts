/**
 * Builds what browsers load.
 *   vite build --mode widget   dist/widget.js: one IIFE with its CSS inside (the embed is one file)
 *   vite build --mode compose  dist/widget-compose.js: the form and the reward card, loaded by widget.js
 *   vite build --mode reader   dist/widget-reader.js: editing one's comment and one's data, loaded when asked for
 *   vite build --mode count    dist/count.js: comment counts for index pages, no framework
 *   vite build --mode admin    dist/admin/: the admin app, served at /admin
 */
import { defineConfig, type UserConfig } from 'vite'

const shared: UserConfig = {
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
}

/**
 * The widget: classic createElement calls, smaller than the automatic runtime's jsx() in the
 * size-budgeted bundle. The factory gets a name no code uses (a variable `h` in scope once broke
 * a page that way).
 */
const classicJsx: UserConfig = {
  oxc: { jsx: { runtime: 'classic', pragma: '_h', pragmaFrag: '_Fragment' }, jsxInject: "import { h as _h, Fragment as _Fragment } from 'preact'" },
}

export default defineConfig(({ mode }) =>
  mode === 'admin'
    ? {
        ...shared,
        // The admin app is not size-budgeted: the automatic runtime, as in tsconfig.json.
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        root: 'admin',
        base: '/admin/',
        build: { outDir: '../dist/admin', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
      }
    : {
        ...shared,
        ...classicJsx,
        // count.js has no JSX and must not pull Preact in.
        ...(mode === 'count' && { oxc: {} }),
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          // light-dark() in the widget's CSS: Chrome 123, Safari 17.5, Firefox 120.
          cssTarget: ['chrome123', 'safari17.5', 'firefox120'],
          minify: true,
          reportCompressedSize: false,
          lib:
            mode === 'count'
              ? { entry: 'widget/count.ts', formats: ['iife'], name: 'InkindCount', fileName: () => 'count.js' }
              : mode === 'compose' || mode === 'reader'
                ? { entry: `widget/${mode}.tsx`, formats: ['iife'], name: `Inkind_${mode}`, fileName: () => `widget-${mode}.js` }
                : { entry: 'widget/main.tsx', formats: ['iife'], name: 'Inkind', fileName: () => 'widget.js' },
          // The chunks use the Preact that widget.js hands them (Inkind._p): one Preact per page.
          ...((mode === 'compose' || mode === 'reader') && { rollupOptions: { external: ['preact'], output: { globals: { preact: 'Inkind._p' } } } }),
        },
      },
)
