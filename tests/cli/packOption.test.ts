import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

/** A copy of rules/cn-default with some parameters changed: the policy readings P-LC-4 must support by parameter alone. */
function packWith(parameters: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'postloan-pack-'));
  cpSync('rules/cn-default', dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
  manifest.parameters = { ...manifest.parameters, ...parameters };
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const bullet = join(mkdtempSync(join(tmpdir(), 'postloan-h-')), 'bullet.json');
writeFileSync(
  bullet,
  JSON.stringify({
    loan: { id: 'L-B', borrower: { id: 'B', kind: 'retail' }, principal: '50000.00', annualRate: '0.0500', disbursedOn: '2025-12-31', termMonths: 3, repayment: 'bullet' },
  }),
);
const states = (pack: string | undefined, asOf: string) => {
  const { code, stdout, stderr } = runCli('replay', bullet, ...(pack === undefined ? [] : ['--pack', pack]), '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const out = JSON.parse(stdout);
  return out.timeline.filter((e: { kind: string }) => e.kind === 'stateChanged').map((e: { on: string; to: string }) => `${e.on} ${e.to}`);
};

describe('--pack and the outsourcing threshold (P-LC-4)', () => {
  it('the directory form of cn-default gives the same output as the built-in pack', () => {
    const builtIn = runCli('replay', 'examples/rolls-to-outsourced.json', '--as-of', '2026-04-20').stdout;
    expect(runCli('replay', 'examples/rolls-to-outsourced.json', '--pack', 'rules/cn-default', '--as-of', '2026-04-20').stdout).toBe(builtIn);
  });

  it('default 91: normal → M1 → M2–M3 → outsourced', () => {
    expect(states(undefined, '2026-12-31')).toEqual(['2026-04-01 overdueM1', '2026-05-01 overdueM2M3', '2026-06-30 outsourced']);
  });

  it('31 (source 001): M2–M3 is skipped, the loan goes from M1 straight to outsourced', () => {
    expect(states(packWith({ outsourceAtDpd: 31 }), '2026-12-31')).toEqual(['2026-04-01 overdueM1', '2026-05-01 outsourced']);
  });

  it('121 and 181 (source 000): four to six months of internal collection', () => {
    expect(states(packWith({ outsourceAtDpd: 121 }), '2026-12-31')).toEqual(['2026-04-01 overdueM1', '2026-05-01 overdueM2M3', '2026-07-30 outsourced']);
    expect(states(packWith({ outsourceAtDpd: 181 }), '2026-12-31')).toEqual(['2026-04-01 overdueM1', '2026-05-01 overdueM2M3', '2026-09-28 outsourced']);
  });

  it('a broken pack is reported with its file and JSON path, together with history problems', () => {
    const dir = packWith({ outsourceAtDpd: '91' });
    const { code, stderr } = runCli('replay', 'tests/fixtures/bad/money-number.json', '--pack', dir, '--as-of', '2026-04-20');
    expect(code).toBe(1);
    expect(stderr).toContain(`${dir}/pack.json: parameters.outsourceAtDpd`);
    expect(stderr).toContain(`Parameter "outsourceAtDpd" is "91", but rules compare it with fact "dpd", which needs a whole number`);
    expect(stderr).toContain('tests/fixtures/bad/money-number.json: events[0].amount');
  });
});
