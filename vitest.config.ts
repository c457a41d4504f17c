import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    // Real PostgreSQL and Redis for tests/store and tests/queue, started once per run (skipped when missing).
    globalSetup: ['tests/support/servers.ts'],
    // The JSON report lets .ci/run print one exact "N passed, N failed" line for both TZ runs.
    reporters: ['default', ['json', { outputFile: `.vitest/results-${(process.env['TZ'] ?? 'local').replace(/[^\w-]/g, '_')}.json` }]],
  },
});
