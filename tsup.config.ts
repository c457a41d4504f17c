import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // One build for the three library entries with shared chunks, in both formats: `postloan/testing`
    // and `postloan/node` use the same engine and the same PostloanError class as `postloan`, so
    // `instanceof` holds across entries (decision 92). The core entry stays free of `node:` imports.
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', node: 'src/node/index.ts', postgres: 'src/store/postgres/index.ts', bullmq: 'src/queue/bullmq/index.ts' },
    format: ['esm', 'cjs'],
    splitting: true,
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
