/**
 * The tests Stryker runs for each mutant: the in-process tests of the mutated
 * folders and the shop's routes over them. The files that start the compiled server
 * (tests/*.test.ts) cannot see a mutant, and the rest test other code.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    root: resolve(import.meta.dirname, '..'),
    include: [
      'server/domain/{rewards,shop,readers,abuse,events,codes,comments}/**/*.test.ts',
      // The shop's and the public routes over them (in-process, no login). The admin routes' suite logs in with argon2
      // in every test and covers every comment: each surviving mutant there would cost it whole, tens of seconds.
      'server/http/{shop-api,public-api}.test.ts',
      'shared/**/*.test.ts',
    ],
    // One module graph for every file: importing it anew per file is most of a mutant's run.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
