import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

type Status = 'passed' | 'failed' | 'skipped' | 'pending';

function report(files: Record<string, Record<string, Status>>): unknown {
  return {
    testResults: Object.entries(files).map(([name, tests]) => ({
      name: resolve(name),
      status: Object.values(tests).includes('failed') ? 'failed' : 'passed',
      assertionResults: Object.entries(tests).map(([fullName, status]) => ({ fullName, status })),
    })),
  };
}

function summarise(runs: Record<string, unknown>): { status: number | null; lines: string[] } {
  const dir = join(mkdtempSync(join(tmpdir(), 'postloan-summary-')), '.vitest');
  mkdirSync(dir);
  for (const [name, r] of Object.entries(runs)) writeFileSync(join(dir, `results-${name}.json`), JSON.stringify(r));
  const run = spawnSync(process.execPath, ['scripts/test-summary.mjs', dir], { encoding: 'utf8' });
  return { status: run.status, lines: `${run.stdout}${run.stderr}`.trimEnd().split('\n') };
}

describe('scripts/test-summary.mjs', () => {
  it('prints each run, then counts a test re-run under another TZ once', () => {
    const local = report({ 'tests/a.test.ts': { one: 'passed', two: 'passed', chromium: 'skipped' }, 'tests/b.test.ts': { three: 'passed' } });
    const la = report({ 'tests/a.test.ts': { one: 'passed', two: 'passed', chromium: 'skipped' } });
    const r = summarise({ local, America_Los_Angeles: la });
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([
      'run America_Los_Angeles: 2 passed, 0 failed, 1 skipped',
      'run local: 3 passed, 0 failed, 1 skipped',
      'skipped in every run: tests/a.test.ts › chromium',
      'tests: 3 passed, 0 failed, 1 skipped',
    ]);
  });

  it('a test that fails in one run only is one failure, and the summary exits 1', () => {
    const local = report({ 'tests/a.test.ts': { one: 'passed', two: 'passed' } });
    const la = report({ 'tests/a.test.ts': { one: 'failed', two: 'passed' } });
    const r = summarise({ local, LA: la });
    expect(r.status).toBe(1);
    expect(r.lines.at(-1)).toBe('tests: 1 passed, 1 failed');
  });

  it('a test skipped in one run but run in another is not skipped', () => {
    const r = summarise({ local: report({ 'tests/a.test.ts': { one: 'skipped' } }), LA: report({ 'tests/a.test.ts': { one: 'passed' } }) });
    expect(r.lines.at(-1)).toBe('tests: 1 passed, 0 failed');
  });

  it('no results is an error, not "0 passed"', () => {
    const r = summarise({});
    expect(r.status).toBe(1);
    expect(r.lines.at(-1)).toMatch(/^no test results found/);
  });
});
