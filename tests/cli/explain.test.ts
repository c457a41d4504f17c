import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExplainReport } from '../../src/cli/explainCommand';
import type { ConditionExplanation } from '../../src/rules/explainDecision';
import { runCli } from './run';

// postloan explain: every decision in force at a date, with the rules, conditions and fact values behind it.

const dir = mkdtempSync(join(tmpdir(), 'postloan-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function historyFile(name: string, loan: Record<string, unknown>, events: readonly Record<string, unknown>[] = []): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ loan, events }));
  return path;
}

/** 60,000.00 retail bullet loan maturing 2026-03-31, never repaid: DPD 91 on 2026-06-30, 100 on 2026-07-09. */
const bulletLoan = { id: 'L-X', borrower: { id: 'B-X', kind: 'retail' }, principal: '60000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 3, repayment: 'bullet' };
const bullet = historyFile('bullet', bulletLoan);

/**
 * 12,000.00 over 12 equal instalments of 1,032.80 due on the 15th from 2026-02-15. Nothing paid until
 * 2026-05-20 (DPD 94: substandard, outsourced), when the four instalments due (4 × 1,032.80 = 4,131.20)
 * are paid: cured, but a non-performing class waits for the upgrade permit (P-CL-7).
 */
const cured = historyFile(
  'cured',
  { id: 'L-N', borrower: { id: 'B-N', kind: 'retail' }, principal: '12000.00', annualRate: '0.0600', disbursedOn: '2026-01-15', termMonths: 12, repayment: 'equalInstallment' },
  [{ id: 'pay', type: 'payment', on: '2026-05-20', amount: '4131.20' }],
);

function explain(...args: string[]): string {
  const { code, stdout, stderr } = runCli('explain', ...args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

function explainJson(...args: string[]): ExplainReport {
  return JSON.parse(explain(...args, '--json')) as ExplainReport;
}

/** The block of one decision in the text output: its heading line up to the next blank line. */
function block(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}`);
  expect(start, `no block "${heading}" in\n${text}`).toBeGreaterThan(-1);
  const end = text.indexOf('\n\n', start + 1);
  return text.slice(start + 1, end < 0 ? undefined : end + 1);
}

describe('postloan explain', () => {
  const text = explain(bullet, '--as-of', '2026-07-09');

  it('names the loan, the date and the pack, and says what the marks mean', () => {
    expect(text.split('\n').slice(0, 2)).toEqual(['Loan L-X as of 2026-07-09 · pack cn-default 1.0.0', 'Fact values are those at the end of 2026-07-09. ✓ holds · ✗ does not hold.']);
  });

  it('explains the bucket by the rule that holds, with the DPD of the day', () => {
    expect(block(text, 'bucket')).toBe(['bucket = M4  (P-LC-2, rule bucket-M4)', '  “DPD 91–120.”', '  ✓ dpd ≥ 91    dpd is 100', '  ✓ dpd ≤ 120   dpd is 100', ''].join('\n'));
  });

  it('explains the classification by the worst floor and lists the other floors that hold', () => {
    expect(block(text, 'classification')).toBe(
      [
        'classification = substandard  (P-CL-2, rule floor-substandard)',
        '  The worst classification floor that holds decides.',
        '  “DPD above 90: at least substandard (次级).”',
        '  ✓ dpd > 90   dpd is 100',
        '  ✓ also holds: classification at least specialMention  (P-CL-2, rule floor-special-mention)',
        '      “DPD 1 or more: at least special mention (关注).”',
        '      ✓ dpd ≥ 1   dpd is 100',
        '',
      ].join('\n'),
    );
  });

  it('explains the state by the move into it, with the facts of the day of the move and the parameter used', () => {
    expect(block(text, 'state')).toBe(
      [
        'state = outsourced  (P-LC-4, rule outsource-at-threshold, on 2026-06-30)',
        '  The loan moved from overdueM2M3 to outsourced on 2026-06-30 when this rule held (the values are those of that day).',
        '  “DPD reaches outsourceAtDpd: internal collection ends and the loan goes to an outside agency.”',
        '  ✓ dpd ≥ 91 (outsourceAtDpd)                        dpd is 91',
        '  ✓ state is one of normal, overdueM1, overdueM2M3   state is overdueM2M3',
        '',
      ].join('\n'),
    );
  });

  it('explains risk level, management mode, segment and permits', () => {
    expect(block(text, 'risk level')).toContain('risk level = high  (P-EW-2, rule risk-high)\n  The risk level rule with the highest priority that holds decides.');
    expect(block(text, 'risk level')).toContain('      ✓ dpd > 90                                               dpd is 100\n');
    expect(block(text, 'risk level')).toContain('  ✓ also holds: risk level medium  (P-EW-2, rule risk-medium)');
    expect(block(text, 'management mode')).toBe(['management mode = key  (P-IN-3, rule key-mode-by-risk)', '  “Key mode when the risk level is high.”', '  ✓ riskLevel = high   riskLevel is high', ''].join('\n'));
    expect(block(text, 'collection segment')).toContain('collection segment = ableWilling  (P-CS-9, rule segment-able-willing)');
    expect(block(text, 'permits')).toBe('permits = none\n  No permit rule holds: an early agency placement, a write-off or an upgrade would be rejected.\n');
  });

  it('lists the task rules that hold with the tasks they raised that are still outstanding', () => {
    const tasks = text.slice(text.indexOf('\ntasks = '));
    // The agency-choice task opened on 2026-06-30 with 5 working days: due 2026-07-07, breached by 2026-07-09.
    expect(tasks).toContain(
      [
        '  ✓ task agencyPlacement for collector  (P-LC-4, rule choose-agency)',
        '      “Outsourced and no agency holds the case (threshold reached, or the agency recalled the case): choose the agency and place the case within 5 WD.”',
        '      ✓ state = outsourced       state is outsourced',
        '      ✓ agencyAssigned = false   agencyAssigned is false',
        '      • past the deadline: agencyPlacement for collector, due 2026-07-07  [L-X/agencyPlacement/2026-06-30/collector]',
      ].join('\n'),
    );
  });

  it('shows money as yuan text and the parameter a value came from (--rule, a rule that does not hold)', () => {
    const out = explain(bullet, '--as-of', '2026-07-09', '--rule', 'key-mode-by-balance');
    expect(block(out, 'management mode')).toBe(
      [
        'management mode = key',
        '  The management mode rule that holds decides. Here that is rule key-mode-by-risk (P-IN-3).',
        '  ✗ does not hold: management mode key  (P-IN-3, rule key-mode-by-balance)',
        '      “Key mode (重点) when outstanding principal is at least keyModeBalance.”',
        '      ✗ outstandingPrincipal ≥ 5000000.00 (keyModeBalance)   outstandingPrincipal is 60000.00',
        '',
      ].join('\n'),
    );
    expect(out.match(/^\S/gm)).toHaveLength(3);
  });

  it('keeps a cured non-performing class until the upgrade permit holds, and says which condition is missing (P-CL-7)', () => {
    const out = explain(cured, '--as-of', '2026-06-10');
    // Cured 2026-05-20: 21 days ago; the next due date (2026-06-15) is still ahead, so no instalment was paid on time since.
    expect(block(out, 'classification')).toContain(
      [
        'classification = substandard',
        '  Kept: a non-performing class improves only when an upgrade permit holds (P-CL-7), and none holds yet; no classification floor holds.',
        '  ✗ does not hold: permits upgrade  (P-CL-7, rule permit-upgrade-after-cure)',
      ].join('\n'),
    );
    expect(block(out, 'classification')).toContain(
      [
        '      ✓ dpd = 0                                          dpd is 0',
        '      ✗ any of:',
        '          ✗ onTimeSinceCure ≥ 2 (upgradeOnTimePeriods)   onTimeSinceCure is 0',
        '          ✗ daysSinceCure ≥ 184 (upgradeCuredDays)       daysSinceCure is 21',
        '      ✓ inObservation = false                            inObservation is false',
      ].join('\n'),
    );
    expect(block(out, 'state')).toContain('state = normal  (P-LC-3, rule cure-to-normal, on 2026-05-20)');
    expect(block(out, 'state')).toContain('  ✓ dpd = 0                                              dpd is 0\n  ✓ state is one of overdueM1, overdueM2M3, outsourced   state is outsourced\n');
  });

  it('names the event that moved the loan when no rule did', () => {
    const sued = historyFile('sued', bulletLoan, [{ id: 'law', type: 'lawsuitFiled', on: '2026-07-01' }]);
    const out = explain(sued, '--as-of', '2026-07-09');
    expect(block(out, 'state')).toBe('state = litigation\n  The loan moved from outsourced to litigation on 2026-07-01 by event law (P-LC-6).\n');
  });

  it('says when the facts are older than the as-of date (a settled loan is no longer looked at daily)', () => {
    const paid = historyFile('paid', bulletLoan, [{ id: 'pay', type: 'payment', on: '2026-03-31', amount: '60900.00' }]);
    const out = explain(paid, '--as-of', '2028-01-01');
    expect(out.split('\n')[1]).toMatch(/^Fact values are those at the end of 20\d\d-\d\d-\d\d, the last day the loan was looked at \(settled\)\./);
    expect(block(out, 'state')).toContain('state = settled  (P-LC-8, rule settle-when-fully-repaid, on 2026-03-31)');
  });

  it('--json: every decision in order, each condition with fact, operator, resolved value, parameter and fact value', () => {
    const report = explainJson(bullet, '--as-of', '2026-07-09');
    expect(report).toMatchObject({ loanId: 'L-X', asOf: '2026-07-09', factsOn: '2026-07-09', pack: { id: 'cn-default', version: '1.0.0' } });
    expect(report.decisions.map((d) => [d.topic, d.value])).toEqual([
      ['bucket', 'M4'],
      ['classification', 'substandard'],
      ['state', 'outsourced'],
      ['riskLevel', 'high'],
      ['managementMode', 'key'],
      ['segment', 'ableWilling'],
      ['permits', []],
      ['tasks', expect.arrayContaining(['L-X/agencyPlacement/2026-06-30/collector'])],
    ]);
    const state = report.decisions[2];
    expect(state?.rules[0]).toMatchObject({ ruleId: 'outsource-at-threshold', policyId: 'P-LC-4', role: 'entered', on: '2026-06-30', held: true, file: 'rules/cn-default/lifecycle.json' });
    const items = (state?.rules[0]?.conditions as Extract<ConditionExplanation, { kind: 'all' | 'any' }>).items;
    expect(items[0]).toEqual({ kind: 'leaf', held: true, fact: 'dpd', operator: 'greaterThanInclusive', expected: 91, param: 'outsourceAtDpd', actual: 91 });
    expect(report.facts).toMatchObject({ dpd: 100, state: 'outsourced', outstandingPrincipal: '60000.00', collateralCoverage: '0.00' });
  });

  it('--rule explains a rule that does not hold, with the value that stops it', () => {
    const report = explainJson(bullet, '--as-of', '2026-07-09', '--rule', 'permit-write-off-of-loss');
    expect(report.rule).toBe('permit-write-off-of-loss');
    expect(report.decisions).toHaveLength(1);
    expect(report.decisions[0]?.rules).toMatchObject([
      { ruleId: 'permit-write-off-of-loss', role: 'notHeld', held: false, conditions: { kind: 'all', items: [{ fact: 'classification', operator: 'equal', expected: 'loss', actual: 'substandard', held: false }] } },
    ]);
  });

  it('reads the rules, parameters and descriptions of --pack', () => {
    const pack = join(dir, 'early-pack');
    cpSync('rules/cn-default', pack, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(pack, 'pack.json'), 'utf8')) as { parameters: Record<string, unknown> };
    manifest.parameters['outsourceAtDpd'] = 31;
    writeFileSync(join(pack, 'pack.json'), JSON.stringify(manifest));
    const out = explain(bullet, '--as-of', '2026-07-09', '--pack', pack, '--rule', 'outsource-at-threshold');
    // DPD 31 on 2026-05-01: straight from overdueM1 to outsourced.
    expect(out).toContain('state = outsourced  (P-LC-4, rule outsource-at-threshold, on 2026-05-01)');
    expect(out).toContain('  ✓ dpd ≥ 31 (outsourceAtDpd)                        dpd is 31\n  ✓ state is one of normal, overdueM1, overdueM2M3   state is overdueM1\n');
  });

  it('an unknown rule id is invalid input, with the nearest id', () => {
    const { code, stdout, stderr } = runCli('explain', bullet, '--as-of', '2026-07-09', '--rule', 'floor-substandrd');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('✖ Pack cn-default 1.0.0 has no rule "floor-substandrd"\n  → at --rule\n  hint: did you mean "floor-substandard"?\n');
  });

  it('usage errors exit 2; a bad date or a date before disbursement exits 1', () => {
    expect(runCli('explain', bullet).code).toBe(2);
    expect(runCli('explain', bullet).stderr).toContain('explain needs --as-of <YYYY-MM-DD>');
    expect(runCli('explain', '--as-of', '2026-07-09').code).toBe(2);
    expect(runCli('explain', bullet, '--as-of', '2026-07-09', '--bogus').code).toBe(2);
    const bad = runCli('explain', bullet, '--as-of', '2026-02-30');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"2026-02-30" is not a calendar date');
    const early = runCli('explain', bullet, '--as-of', '2025-01-01');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('is before loan L-X was disbursed');
  });
});
