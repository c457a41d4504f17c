import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayOutput } from '../../src/engine/output';
import { runCli } from './run';

// Versioned packs (issue 5): a replay applies on each date the pack version in force that day and
// records the switch. Version 1.1.0 of cn-default moves outsourceAtDpd from 91 to 31 from 2026-03-01.

function version(version: string, effectiveFrom: string, edit: (manifest: string) => string = (m) => m): string {
  const dir = mkdtempSync(join(tmpdir(), `postloan-v${version}-`));
  cpSync('rules/cn-default', dir, { recursive: true });
  const file = join(dir, 'pack.json');
  writeFileSync(file, edit(readFileSync(file, 'utf8').replace('"version": "1.0.0"', `"version": "${version}"`).replace('"effectiveFrom": "2020-01-01"', `"effectiveFrom": "${effectiveFrom}"`)));
  return dir;
}
const v1 = 'rules/cn-default';
const v11 = version('1.1.0', '2026-03-01', (m) => m.replace('"outsourceAtDpd": 91', '"outsourceAtDpd": 31'));

function replay(asOf: string, ...packs: string[]): ReplayOutput {
  const { code, stdout, stderr } = runCli('replay', 'examples/rolls-to-outsourced.json', '--as-of', asOf, ...packs.flatMap((p) => ['--pack', p]));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ReplayOutput;
}

describe('pack versions', () => {
  it('switches mid-life: the loan in M2–M3 under 1.0.0 is outsourced on the day 1.1.0 (outsourceAtDpd 31) comes into force', () => {
    const out = replay('2026-03-10', v1, v11);
    const switched = out.timeline.filter((e) => e.kind === 'packSwitched');
    expect(switched).toMatchObject([{ on: '2026-03-01', ruleIds: ['P-CT-2'], from: { version: '1.0.0' }, to: { version: '1.1.0' } }]);
    expect(out.timeline.filter((e) => e.kind === 'stateChanged').map((e) => [e.on, e.to])).toEqual([
      ['2026-01-11', 'overdueM1'],
      ['2026-02-10', 'overdueM2M3'],
      ['2026-03-01', 'outsourced'],
    ]);
    expect(out.pack.version).toBe('1.1.0');
    expect(out.packVersions?.map((v) => [v.version, v.from])).toEqual([
      ['1.0.0', '2025-10-10'],
      ['1.1.0', '2026-03-01'],
    ]);
  });

  it('before the switch it is the single-version replay, plus the versions used', () => {
    const both = replay('2026-02-20', v1, v11);
    const one = replay('2026-02-20', v1);
    const { packVersions, ...rest } = both;
    expect(rest).toEqual(one);
    expect(packVersions?.map((v) => v.version)).toEqual(['1.0.0']);
  });

  it('the order of --pack does not matter; versions of different packs or starting the same day are refused', () => {
    expect(replay('2026-03-10', v11, v1)).toEqual(replay('2026-03-10', v1, v11));
    const same = version('1.2.0', '2026-03-01');
    const r = runCli('replay', 'examples/rolls-to-outsourced.json', '--as-of', '2026-03-10', '--pack', v11, '--pack', same);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Versions 1.1.0 and 1.2.0 both start on 2026-03-01');
    const other = version('2.0.0', '2026-04-01', (m) => m.replace('"id": "cn-default"', '"id": "cn-other"'));
    expect(runCli('replay', 'examples/rolls-to-outsourced.json', '--as-of', '2026-04-10', '--pack', v1, '--pack', other).stderr).toContain('Pack cn-other 2.0.0 is not a version of cn-default');
  });
});
