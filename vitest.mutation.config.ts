import { defineConfig } from 'vitest/config';

// `npm run mutation` only: the suites that exercise the five mutated modules (stryker.config.mjs), so each
// mutant run stays short. The full suite (vitest.config.ts) is unchanged.
export default defineConfig({
  test: {
    include: [
      'test/tray/normalize.test.ts',
      'test/tray/normalize-edges.test.ts',
      'test/property/normalize.test.ts',
      'test/property/required-fields.test.ts',
      'test/store/outbox.test.ts',
      'test/store/outbox-requeue-errors.test.ts',
      'test/store/outbox-edges.test.ts',
      'test/sync/push-regressions.test.ts',
      'test/sync/engine.e2e.test.ts',
      'test/sync/pure.test.ts',
      'test/sync/stock-push.test.ts',
      'test/sync/push-requests.test.ts',
      'test/sync/push-edges.test.ts',
      'test/sync/push-mutants.test.ts',
      'test/sync/outbox-lease.test.ts',
      'test/crash/order-pull-ack.test.ts',
      'test/sync/order-pull-progress.test.ts',
      'test/sync/order-pull-clock.test.ts',
      'test/sync/order-pull-outcomes.test.ts',
      'test/rest/order-pull-ack.test.ts',
      'test/rest/order-pull-clock.test.ts',
      'test/rest/order-pull-progress.test.ts',
      'test/crash/engine-regressions.test.ts',
      'test/sync/wedding-lists.test.ts',
      'test/sync/price-hold.test.ts',
      'test/sync/merchant-setup.test.ts',
      'test/sync/catalog-push-first-sync.test.ts',
      'test/sync/catalog-push-changes.test.ts',
      'test/sync/catalog-push-outcomes.test.ts',
      'test/sync/catalog-push-mutants.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
