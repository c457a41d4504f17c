import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

/** A copy of rules/cn-default in a temp directory, with `edit` applied to one JSON file. */
function packWith(file: string, edit: (doc: Record<string, unknown>) => void, dir = mkdtempSync(join(tmpdir(), 'postloan-validate-'))): string {
  cpSync('rules/cn-default', dir, { recursive: true, force: false });
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  edit(doc);
  writeFileSync(join(dir, file), JSON.stringify(doc, null, 2));
  return dir;
}
/** cn-default with its P-CS-10 rule filed under another policy id: P-CS-10 is no longer covered (one warning). */
const withoutCollectorDay = (): string =>
  packWith('collection.json', (doc) => {
    for (const r of doc['rules'] as { name: string }[]) if (r.name === 'P-CS-10') r.name = 'P-CS-4';
  });
/** cn-default without its policy declaration: no coverage warnings, so no findings at all. */
const clean = (): string => packWith('pack.json', (m) => delete m['policy']);
/** Without its policy declaration, and DPD 31–32 in no bucket. */
const gap = (): string =>
  packWith(
    'buckets.json',
    (doc) => {
      ((doc['rules'] as { conditions: { all: { value: unknown }[] } }[])[2]?.conditions.all[0] ?? { value: 0 }).value = 33;
    },
    clean(),
  );

describe('postloan validate', () => {
  it('the built-in pack is valid and covers its whole policy: P-CS-10 (the collector’s day) is no longer reported uncovered', () => {
    expect(runCli('validate', 'rules/cn-default')).toEqual({ code: 0, stdout: '✔ rules/cn-default is valid: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('its warnings name uncovered policy ids: without a rule named P-CS-10, P-CS-10 is reported', () => {
    const dir = withoutCollectorDay();
    const { code, stdout, stderr } = runCli('validate', dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n✔ .* is valid: 0 errors, 1 warning\n$/);
    expect(stdout).toContain(`⚠ Policy rule P-CS-10 is listed in policy.ids, but no rule encodes it ("name": "P-CS-10") and policy.outsideRules does not say where it is implemented (lint.policyNotCovered)\n  → at ${dir}/pack.json: policy.ids[`);
  });

  it('a pack without findings prints the summary only', () => {
    const dir = clean();
    expect(runCli('validate', dir)).toEqual({ code: 0, stdout: `✔ ${dir} is valid: 0 errors, 0 warnings\n`, stderr: '' });
    expect(runCli('validate', `${dir}/`).stdout).toBe(`✔ ${dir}/ is valid: 0 errors, 0 warnings\n`);
  });

  it('--strict fails on warnings', () => {
    const dir = withoutCollectorDay();
    const { code, stdout } = runCli('validate', dir, '--strict');
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n✖ .* fails --strict: 0 errors, 1 warning\n$/);
    expect(runCli('validate', 'rules/cn-default', '--strict').code).toBe(0);
    expect(runCli('validate', '--strict', clean()).code).toBe(0);
  });

  it('errors exit 1 with every finding, file, JSON path, message and hint', () => {
    const dir = gap();
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout.replaceAll(dir, '<pack>')).toMatchInlineSnapshot(`
      "✖ No bucket rule holds for DPD 31–32: a loan there keeps its previous bucket (lint.dpdGap)
        → at <pack>/buckets.json: rules
        hint: add a bucket rule for these days or widen a neighbouring range: every DPD needs exactly one bucket

      ✖ <pack> is invalid: 1 error, 0 warnings
      "
    `);
  });

  it('--json prints the findings as a JSON array', () => {
    const dir = gap();
    const { code, stdout } = runCli('validate', dir, '--json');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as { severity: string; code: string; file: string; path: string; message: string; hint: string }[];
    expect(findings.filter((f) => f.severity === 'error')).toEqual([
      {
        severity: 'error',
        code: 'lint.dpdGap',
        file: `${dir}/buckets.json`,
        path: 'rules',
        message: 'No bucket rule holds for DPD 31–32: a loan there keeps its previous bucket',
        hint: 'add a bucket rule for these days or widen a neighbouring range: every DPD needs exactly one bucket',
      },
    ]);
    expect(findings).toHaveLength(1);
    expect(JSON.parse(runCli('validate', clean(), '--json').stdout)).toEqual([]);
  });

  it('schema problems of every file at once, as errors', () => {
    const dir = packWith('buckets.json', (doc) => {
      const rules = doc['rules'] as { conditions: { all: Record<string, unknown>[] }; event: { params: Record<string, unknown> } }[];
      const first = rules[0]?.conditions.all[0];
      if (first !== undefined) first['fact'] = 'dpdd';
      const second = rules[1];
      if (second !== undefined) second.event.params['bucket'] = 'M11';
    });
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((l) => l.startsWith('  → at')).map((l) => l.replace(dir, '<pack>'))).toEqual([
      '  → at <pack>/buckets.json: rules[0].conditions.all[0].fact',
      '  → at <pack>/buckets.json: rules[1].event.params.bucket',
    ]);
    expect(stdout).toContain(`✖ ${dir} is invalid: 2 errors, 0 warnings`);
  });

  it('a missing pack directory', () => {
    const { code, stdout } = runCli('validate', 'no/such/pack');
    expect(code).toBe(1);
    expect(stdout).toMatchInlineSnapshot(`
      "✖ Cannot read no/such/pack/pack.json: no such file (cli.io)
        → at no/such/pack/pack.json
        hint: check the path

      ✖ no/such/pack is invalid: 1 error, 0 warnings
      "
    `);
  });

  it('usage errors exit 2; --help exits 0', () => {
    expect(runCli('validate').code).toBe(2);
    expect(runCli('validate', 'a', 'b').code).toBe(2);
    expect(runCli('validate', 'rules/cn-default', '--bogus').code).toBe(2);
    const help = runCli('validate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('postloan validate <packDir> [--json] [--strict]');
  });
});
