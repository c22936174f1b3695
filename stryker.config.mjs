// Mutation testing of the engine's exactly-once core (issue 12): `npm run mutation`.
// Not part of `npm test` (minutes, not seconds). One file: `npm run mutation -- --mutate <file>`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  // Cheapest first, so a full run reports early.
  mutate: [
    'electron/engine/tray/normalize.ts',
    'electron/engine/store/outbox.ts',
    'electron/engine/sync/jobs/push.ts',
    'electron/engine/sync/jobs/catalog-push.ts',
    'electron/engine/sync/jobs/order-pull.ts',
  ],
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // The machine (and CI) is small: two runners at most.
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
  reporters: ['clear-text', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Re-runs only mutants whose code or tests changed; the file lives in the git-ignored .cache/.
  incremental: true,
  incrementalFile: '.cache/stryker-incremental.json',
  tempDirName: '.cache/stryker-tmp',
  timeoutMS: 20000,
};
