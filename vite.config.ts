/**
 * Builds what browsers load: `vite build --mode widget` makes dist/widget.js,
 * one IIFE with its CSS inside (the embed must be a single file).
 */
import { defineConfig } from 'vite'

export default defineConfig(({ mode }) => ({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    cssTarget: 'chrome111',
    minify: true,
    reportCompressedSize: false,
    lib:
      mode === 'widget'
        ? { entry: 'widget/main.tsx', formats: ['iife'], name: 'Inkind', fileName: () => 'widget.js' }
        : undefined,
  },
}))
