/**
 * The built entries as a user's Node loads them (`postloan`, `postloan/testing`, `postloan/node`, through
 * the package's own `exports`): one engine and one PostloanError class across entries, in CommonJS and
 * in ESM; and a core entry that imports no Node built-in, so it bundles for a browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { skipNote } from '../support/skipNote';

const ENTRIES = ['dist/index.js', 'dist/index.cjs', 'dist/testing.js', 'dist/testing.cjs', 'dist/node.js', 'dist/node.cjs'];
const built = ENTRIES.every((f) => existsSync(f));

it.runIf(process.env['POSTLOAN_REQUIRE_BUILD'] === '1')('finds the built entries where CI built them', () => {
  expect(built, 'POSTLOAN_REQUIRE_BUILD=1 but dist/ lacks an entry: run `npm run build` first').toBe(true);
});

/** Runs a script in a plain Node process from the repository root, so `postloan` resolves to this package. */
function node(args: readonly string[], script: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...args, script], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// What each script checks: an error thrown by postloan/testing and one returned by postloan/node are
// instances of the PostloanError the main entry exports, and a pack from postloan/node replays with the
// main entry's replay.
const CHECKS = `
const checks = {};
try { testing.replayHistory({ loan: 'not a contract', events: [] }, { asOf: '2026-04-20' }); checks.testingThrew = false; }
catch (e) { checks.testingThrew = true; checks.testingInstance = e instanceof core.PostloanError; }
try { nodeEntry.loadPackDirOrThrow('no/such/pack'); checks.nodeThrew = false; }
catch (e) { checks.nodeThrew = true; checks.nodeInstance = e instanceof core.PostloanError; checks.nodeCode = e.issues[0].code; }
const pack = nodeEntry.loadPackDirOrThrow('rules/cn-default');
checks.samePack = pack.hash === core.cnDefaultPack().hash;
console.log(JSON.stringify(checks));
`;

const EXPECTED = { testingThrew: true, testingInstance: true, nodeThrew: true, nodeInstance: true, nodeCode: 'cli.io', samePack: true };

describe.skipIf(skipNote(!built, 'package entries: these tests load dist/; run `npm run build` first'))('built entries', () => {
  it('CommonJS: postloan/testing and postloan/node throw the PostloanError of postloan', () => {
    const run = node(['-e'], `const core = require('postloan'); const testing = require('postloan/testing'); const nodeEntry = require('postloan/node');${CHECKS}`);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(EXPECTED);
  });

  it('ESM: postloan/testing and postloan/node throw the PostloanError of postloan', () => {
    const run = node(
      ['--input-type=module', '-e'],
      `import * as core from 'postloan'; import * as testing from 'postloan/testing'; import * as nodeEntry from 'postloan/node';${CHECKS}`,
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(EXPECTED);
  });

  it('the CommonJS testing entry carries no second copy of the engine', () => {
    // Before the shared chunks, dist/testing.cjs held the whole engine (≈ 320 kB) with its own PostloanError.
    const text = readFileSync('dist/testing.cjs', 'utf8');
    expect(text).not.toMatch(/class PostloanError/);
    expect(text.length).toBeLessThan(20_000);
  });

  /** Every file of dist/ the entry loads, following relative imports and requires. */
  function closure(entry: string): string[] {
    const seen = new Set<string>();
    const todo = [entry];
    while (todo.length > 0) {
      const file = todo.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s*|require\(\s*|import\(\s*)["'](\.\/[^"']+)["']/g)) todo.push(join(dirname(file), m[1] as string));
    }
    return [...seen].sort();
  }

  it.each(['dist/index.js', 'dist/index.cjs'])('%s and the chunks it loads import no Node built-in', (entry) => {
    const files = closure(entry);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/(?:from\s*|require\(\s*|import\(\s*)["']([^"'.][^"']*)["']/g)].map((m) => m[1] as string);
      const builtins = imports.filter((name) => name.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'worker_threads', 'child_process', 'readline', 'util', 'stream'].includes(name));
      expect(builtins, `${file} imports Node built-ins`).toEqual([]);
    }
  });

  it.each(['dist/index.js', 'dist/index.cjs'])('%s bundles for the browser with esbuild (platform browser)', async (entry) => {
    // A Node built-in anywhere in the core or its dependencies fails this build ("Could not resolve").
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain('PostloanError');
  });

  it('the node entry is the one that reads files', () => {
    const files = closure('dist/node.js').map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(files).toMatch(/from\s*["'](?:node:)?fs["']/);
  });
});
