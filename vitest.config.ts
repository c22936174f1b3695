import { defineConfig } from 'vitest/config';

// Node tests for the engine, emulator, shell logic and headless server; the renderer's component
// tests run in happy-dom (selected per file with a `// @vitest-environment happy-dom` comment).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'renderer/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    // Read by .ci/run to print the plain "N passed, N failed" summary line.
    outputFile: { json: 'test-output/vitest.json' },
  },
});
