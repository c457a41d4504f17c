import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

// A bullet loan maturing 2026-03-31: its only instalment is the oldest unpaid one, so DPD = as-of − maturity.
const dir = mkdtempSync(join(tmpdir(), 'postloan-ladder-'));
const historyPath = join(dir, 'bullet.json');
writeFileSync(
  historyPath,
  JSON.stringify({
    loan: {
      id: 'L-LADDER',
      borrower: { id: 'B-1', kind: 'retail' },
      principal: '100000.00',
      annualRate: '0.0500',
      disbursedOn: '2025-12-31',
      termMonths: 3,
      repayment: 'bullet',
    },
    events: [],
  }),
);

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('the DPD ladder through the CLI (P-LC-1, P-LC-2, P-LC-4, P-CL-2)', () => {
  const maturity = '2026-03-31';
  it.each([
    [0, 'normal', 'M0', 'pass'],
    [1, 'overdueM1', 'M1', 'specialMention'],
    [30, 'overdueM1', 'M1', 'specialMention'],
    [31, 'overdueM2M3', 'M2', 'specialMention'],
    [60, 'overdueM2M3', 'M2', 'specialMention'],
    [61, 'overdueM2M3', 'M3', 'specialMention'],
    [90, 'overdueM2M3', 'M3', 'specialMention'],
    [91, 'outsourced', 'M4', 'substandard'],
    [121, 'outsourced', 'M5', 'substandard'],
    [151, 'outsourced', 'M6', 'substandard'],
    [181, 'outsourced', 'M6+', 'substandard'],
    [270, 'outsourced', 'M6+', 'substandard'],
    [271, 'outsourced', 'M6+', 'doubtful'],
    [360, 'outsourced', 'M6+', 'doubtful'],
    [361, 'outsourced', 'M6+', 'loss'],
  ])('DPD %i → %s / %s / %s', (dpd, state, bucket, classification) => {
    const { code, stdout, stderr } = runCli('replay', historyPath, '--as-of', addDays(maturity, dpd));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect({ dpd: out.dpd, state: out.state, bucket: out.bucket, classification: out.classification }).toEqual({ dpd, state, bucket, classification });
  });

  it('records each step of the ladder once, on the day its threshold is crossed, with its rule ids', () => {
    const out = JSON.parse(runCli('replay', historyPath, '--as-of', '2027-03-31').stdout);
    const steps = out.timeline
      .filter((e: { kind: string }) => ['stateChanged', 'bucketChanged', 'classificationChanged'].includes(e.kind))
      .map((e: { on: string; kind: string; to: string; ruleIds: string[] }) => `${e.on} ${e.kind} → ${e.to} ${e.ruleIds.join(',')}`);
    expect(steps).toMatchInlineSnapshot(`
      [
        "2026-04-01 stateChanged → overdueM1 P-LC-1",
        "2026-04-01 bucketChanged → M1 P-LC-2",
        "2026-04-01 classificationChanged → specialMention P-CL-2",
        "2026-05-01 stateChanged → overdueM2M3 P-LC-1",
        "2026-05-01 bucketChanged → M2 P-LC-2",
        "2026-05-31 bucketChanged → M3 P-LC-2",
        "2026-06-30 stateChanged → outsourced P-LC-4",
        "2026-06-30 bucketChanged → M4 P-LC-2",
        "2026-06-30 classificationChanged → substandard P-CL-2",
        "2026-07-30 bucketChanged → M5 P-LC-2",
        "2026-08-29 bucketChanged → M6 P-LC-2",
        "2026-09-28 bucketChanged → M6+ P-LC-2",
        "2026-12-27 classificationChanged → doubtful P-CL-2",
        "2027-03-27 classificationChanged → loss P-CL-2",
      ]
    `);
  });

  it('keeps a non-performing class after cure until P-CL-7 allows an upgrade, but returns the state to normal', () => {
    const cured = join(dir, 'cured-npl.json');
    // Interest-only, 50.00 a month due on the last day of each month; nothing paid until 2026-05-05
    // (DPD 94 from 2026-01-31), then the four instalments due so far are paid at once.
    writeFileSync(
      cured,
      JSON.stringify({
        loan: { id: 'L-NPL', borrower: { id: 'B-2', kind: 'retail' }, principal: '10000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 12, repayment: 'interestOnly' },
        events: [{ id: 'p', type: 'payment', on: '2026-05-05', amount: '200.00' }],
      }),
    );
    const before = JSON.parse(runCli('replay', cured, '--as-of', '2026-05-04').stdout);
    expect({ state: before.state, dpd: before.dpd, classification: before.classification }).toEqual({ state: 'outsourced', dpd: 93, classification: 'substandard' });
    const out = JSON.parse(runCli('replay', cured, '--as-of', '2026-05-20').stdout);
    expect({ state: out.state, bucket: out.bucket, dpd: out.dpd, classification: out.classification }).toEqual({ state: 'normal', bucket: 'M0', dpd: 0, classification: 'substandard' });
    expect(out.timeline.filter((e: { kind: string }) => e.kind === 'stateChanged').at(-1)).toMatchObject({ on: '2026-05-05', from: 'outsourced', to: 'normal', ruleIds: ['P-LC-3'] });

    // P-CL-7: two more periods paid on time (05-31, 06-30) and the class may leave non-performing.
    writeFileSync(
      cured,
      JSON.stringify({
        loan: { id: 'L-NPL', borrower: { id: 'B-2', kind: 'retail' }, principal: '10000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 12, repayment: 'interestOnly' },
        events: [
          { id: 'p', type: 'payment', on: '2026-05-05', amount: '200.00' },
          { id: 'p5', type: 'payment', on: '2026-05-29', amount: '50.00' },
          { id: 'p6', type: 'payment', on: '2026-06-30', amount: '50.00' },
        ],
      }),
    );
    const oneLater = JSON.parse(runCli('replay', cured, '--as-of', '2026-06-29').stdout);
    expect(oneLater.classification).toBe('substandard'); // one on-time period so far
    const upgraded = JSON.parse(runCli('replay', cured, '--as-of', '2026-07-01').stdout);
    expect(upgraded.classification).toBe('pass');
    expect(upgraded.timeline.filter((e: { kind: string }) => e.kind === 'classificationChanged').at(-1)).toMatchObject({
      on: '2026-06-30',
      from: 'substandard',
      to: 'pass',
      ruleIds: ['P-CL-7'],
      rules: ['permit-upgrade-after-cure'],
      inputs: { dpd: 0, onTimeSinceCure: 2, daysSinceCure: 56 },
    });
  });
});
