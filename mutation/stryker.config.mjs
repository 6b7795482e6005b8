// @ts-check
/**
 * Mutation testing of the rules that protect money and data: `npm run test:mutation`
 * (not part of `npm test`). Stryker changes one thing at a time in these files
 * (a condition, an operator, a value) and runs the tests that cover it; a
 * change no test notices is a survivor. mutation/score.mjs prints the score
 * per folder and fails under `thresholds.break` in any of them; the survivors
 * we accept, and why, are in mutation/survivors.md.
 */

/** The folders (and one file) whose score is reported and held to the floor. */
export const FOLDERS = [
  'server/domain/rewards',
  'server/domain/shop',
  'server/domain/readers',
  'server/domain/abuse',
  'server/domain/events',
  'server/domain/codes',
  'server/domain/comments/post-comment.ts',
]

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  testRunner: 'vitest',
  // The in-process tests only (real libSQL, Hono's app.request): the ones that spawn the compiled server cannot see a mutant.
  vitest: { configFile: 'mutation/vitest.config.ts' },
  mutate: [...FOLDERS.map((f) => (f.endsWith('.ts') ? f : `${f}/**/*.ts`)), '!**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // Module-level values (lists, constants) would re-run every test for each mutant; their tests are the behaviour tests anyway.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 5_000,
  // Results are kept (reports/stryker-incremental.json): a later run tests only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowEmojis: false, reportScoreTable: true, reportMutants: false },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // The floor: the whole run and every folder above (score.mjs checks the folders).
  thresholds: { high: 90, low: 85, break: 80 },
}
