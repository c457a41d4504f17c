/**
 * The core entry (`src/index.ts`, built to `postloan`) imports no Node built-in: esbuild bundles it and
 * everything it reaches, dependencies included, for the browser. Runs on the sources, so it needs no
 * build; tests/package/entries.test.ts checks the built files.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function browserBundle(entry: string): Promise<{ errors: string[]; inputs: string[] }> {
  try {
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    return { errors: [], inputs: Object.keys(result.metafile.inputs) };
  } catch (e) {
    return { errors: ((e as { errors?: { text: string }[] }).errors ?? []).map((x) => x.text), inputs: [] };
  }
}

describe('core entry without Node built-ins', () => {
  it.each(['src/index.ts', 'src/testing/index.ts'])('%s bundles for the browser', async (entry) => {
    const { errors, inputs } = await browserBundle(entry);
    expect(errors).toEqual([]);
    expect(inputs).toContain('src/hash/sha256.ts');
    expect(inputs.filter((f) => f.startsWith('src/cli/') || f.startsWith('src/node/'))).toEqual([]);
  });

  it('src/node/index.ts does not: it reads files (the check can fail)', async () => {
    const { errors } = await browserBundle('src/node/index.ts');
    expect(errors.join('\n')).toMatch(/fs/);
  });
});
