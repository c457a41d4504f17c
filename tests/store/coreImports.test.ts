import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every file the bundle of an entry reads, node_modules included. */
async function inputsOf(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(r.metafile.inputs);
}

describe('the core stays free of the adapters', () => {
  it('postloan (src/index.ts) loads neither pg, bullmq, ioredis nor the store and queue code', async () => {
    const inputs = await inputsOf('src/index.ts');
    expect(inputs.filter((f) => /node_modules\/(pg|pg-[\w-]+|bullmq|ioredis)\//.test(f) || /src\/(store|queue)\//.test(f))).toEqual([]);
  });
  it('postloan/postgres needs no pg at run time (the host passes its Pool), postloan/queue/bullmq no store code', async () => {
    const postgres = await inputsOf('src/store/postgres/index.ts');
    expect(postgres.filter((f) => /node_modules\/(pg|bullmq|ioredis)\//.test(f))).toEqual([]);
    const r = await build({ entryPoints: ['src/queue/bullmq/index.ts'], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent', external: ['bullmq'] });
    expect(Object.keys(r.metafile.inputs).filter((f) => /src\/store\//.test(f))).toEqual([]);
  });
});
