/**
 * Builds what browsers load.
 *   vite build --mode widget   dist/widget.js: one IIFE with its CSS inside (the embed is one file)
 *   vite build --mode count    dist/count.js: comment counts for index pages, no framework
 *   vite build --mode admin    dist/admin/: the admin app, served at /admin
 */
import { defineConfig, type UserConfig } from 'vite'

const shared: UserConfig = {
  // Classic h() calls: smaller than the automatic runtime's jsx() in the size-budgeted widget.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' }, jsxInject: "import { h, Fragment } from 'preact'" },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
}

export default defineConfig(({ mode }) =>
  mode === 'admin'
    ? {
        ...shared,
        root: 'admin',
        base: '/admin/',
        build: { outDir: '../dist/admin', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
      }
    : {
        ...shared,
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
              : { entry: 'widget/main.tsx', formats: ['iife'], name: 'Inkind', fileName: () => 'widget.js' },
        },
      },
)
