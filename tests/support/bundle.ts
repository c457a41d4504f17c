import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a TypeScript entry into one ESM file that plain `node` runs in a child process (the tests'
 * second and third processes), inside node_modules/.cache so `pg`, `bullmq` and `ioredis` resolve from
 * the project. No `npm run build` needed.
 */
export async function bundleForNode(entry: string): Promise<string> {
  const dir = resolve('node_modules/.cache/postloan-tests');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(entry).replace(/\.ts$/, '')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['pg', 'bullmq', 'ioredis', 'json-rules-engine', 'xstate', 'zod', 'dayjs', 'dayjs/*'],
    logLevel: 'silent',
    // CommonJS packages bundled into ESM call require(); give them one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}
