import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['tests/support/tempRoot.ts'],
    // The CLIs the tests start print English whatever the machine's locale; the locale tests set their own.
    env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' },
    // Real PostgreSQL and Redis for tests/store and tests/queue, started once per run (skipped when missing).
    globalSetup: ['tests/support/servers.ts'],
    // One JSON report per run (local TZ, then America/Los_Angeles): scripts/test-summary.mjs prints each and
    // counts distinct tests once.
    reporters: ['default', ['json', { outputFile: `.vitest/results-${(process.env['TZ'] ?? 'local').replace(/[^\w-]/g, '_')}.json` }]],
  },
});
