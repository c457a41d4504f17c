import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', postgres: 'src/store/postgres/index.ts', bullmq: 'src/queue/bullmq/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
  },
  {
    // batchWorker.js sits next to cli.js: `postloan batch` starts its worker threads from it.
    entry: { cli: 'src/cli/bin.ts', batchWorker: 'src/cli/batchWorker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
