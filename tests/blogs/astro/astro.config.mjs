// @ts-check
import { defineConfig } from 'astro/config'

// A blog as Astro's own starter sets it up: static pages, view transitions in the layout (src/layouts/Base.astro).
export default defineConfig({
  // The blog's public address, for its canonical links (the widget's thread is the canonical URL's path).
  site: 'https://blog.example',
  output: 'static',
  // No telemetry, no update check: the build reaches no network.
  devToolbar: { enabled: false },
})
