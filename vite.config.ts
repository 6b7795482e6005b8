/**
 * Builds what browsers load.
 *   vite build --mode widget   dist/widget.js: one IIFE with its CSS inside (the embed is one file)
 *   vite build --mode admin    dist/admin/: the admin app, served at /admin
 */
import { defineConfig, type UserConfig } from 'vite'

const shared: UserConfig = {
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
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
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          cssTarget: 'chrome111',
          minify: true,
          reportCompressedSize: false,
          lib: { entry: 'widget/main.tsx', formats: ['iife'], name: 'Inkind', fileName: () => 'widget.js' },
        },
      },
)
