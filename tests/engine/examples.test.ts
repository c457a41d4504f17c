import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';

const replayExample = (name: string) => runCli('replay', `examples/${name}.json`, '--as-of', '2026-04-20');
const expected = (name: string) => readFileSync(`examples/expected/${name}.2026-04-20.json`, 'utf8');

describe('bundled examples', () => {
  it.each(['cured-m1', 'rolls-to-outsourced', 'settled'])('%s replays byte for byte to its checked-in output', (name) => {
    const { code, stdout } = replayExample(name);
    expect(code).toBe(0);
    expect(stdout).toBe(expected(name));
  });

  // Hand-checked figures, so the checked-in outputs are not merely what the code happened to print.
  it('cured-m1: an M1 loan cured by paying its arrears returns to normal / M0 / pass', () => {
    const out = JSON.parse(replayExample('cured-m1').stdout);
    expect(out).toMatchObject({ state: 'normal', bucket: 'M0', dpd: 0, classification: 'pass' });
    // 120,000.00 at 4.35 % over 12 months: instalment 10,237.19; first interest 120,000 × 0.3625 % = 435.00;
    // second interest 110,197.81 × 0.3625 % = 399.47; third 100,360.09 × 0.3625 % = 363.81.
    expect(out.timeline.find((e: { kind: string }) => e.kind === 'paymentApplied').allocated).toEqual({ penalty: '0.00', interest: '435.00', principal: '9802.19' });
    expect(out.outstanding.principal).toBe('90486.71'); // 120,000 − 9,802.19 − 9,837.72 − 9,873.38
    expect(out.missedInstalments).toEqual({ consecutive: 0, cumulative: 1 });
    const changes = out.timeline.filter((e: { kind: string }) => ['stateChanged', 'bucketChanged', 'classificationChanged'].includes(e.kind)).map((e: { on: string; to: string; ruleIds: string[] }) => [e.on, e.to, ...e.ruleIds]);
    expect(changes).toEqual([
      ['2026-03-16', 'overdueM1', 'P-LC-1'],
      ['2026-03-16', 'M1', 'P-LC-2'],
      ['2026-03-16', 'specialMention', 'P-CL-2'],
      ['2026-03-25', 'normal', 'P-LC-3'],
      ['2026-03-25', 'M0', 'P-LC-2'],
      ['2026-03-25', 'pass', 'P-CL-4'],
    ]);
    // The contact attempt is recorded, not dropped.
    expect(out.timeline).toContainEqual({ id: expect.stringMatching(/^tl-/), on: '2026-03-17', kind: 'eventRecorded', ruleIds: [], eventId: 'call-1', eventType: 'contactAttempt' });
  });

  it('rolls-to-outsourced: DPD 100 on 2026-04-20, outsourced at DPD 91 with penalty interest accrued', () => {
    const out = JSON.parse(replayExample('rolls-to-outsourced').stdout);
    expect(out).toMatchObject({ state: 'outsourced', bucket: 'M4', dpd: 100, classification: 'substandard' });
    // Instalment 3 (due 2026-01-10): 2,500.00 principal + 275.00 interest. The 1,000.00 paid on 2026-02-20
    // first pays its penalty 2,500 × 9 % × 41 / 360 = 25.625 → 25.63, then interest 275.00, then 699.37.
    expect(out.timeline.find((e: { eventId?: string }) => e.eventId === 'p3').allocated).toEqual({ penalty: '25.63', interest: '275.00', principal: '699.37' });
    // Penalty on 2026-04-20: inst. 3: 1,800.63 × 9 % × 59/360 = 26.56; inst. 4: 6.25 closed + 2,500 × 9 % × 59/360 = 36.88;
    // inst. 5: 2,500 × 9 % × 41/360 = 25.63; inst. 6: 2,500 × 9 % × 10/360 = 6.25 → 101.57.
    expect(out.overdue).toEqual({ principal: '9300.63', interest: '750.00', penalty: '101.57', total: '10152.20' });
    expect(out.timeline.find((e: { to?: string }) => e.to === 'outsourced')).toMatchObject({ on: '2026-04-11', ruleIds: ['P-LC-4'], inputs: { dpd: 91 } });
    expect(out.provision).toEqual({ rate: '0.30', amount: '16290.19', ruleIds: ['P-CL-5'] }); // 54,300.63 × 30 % = 16,290.189
  });

  it('settled: prepayment in full settles the loan and waives the interest of periods not started', () => {
    const out = JSON.parse(replayExample('settled').stdout);
    expect(out).toMatchObject({ state: 'settled', bucket: 'M0', dpd: 0, classification: 'pass', nextReviewOn: null });
    expect(out.outstanding.total).toBe('0.00');
    // Interest-only 500,000.00 at 4.8 %: 2,000.00 a month. Pay-off on 2026-01-20 = the current period's
    // 2,000.00 interest + 500,000.00 principal; the seven later interest instalments (14,000.00) are waived.
    expect(out.timeline.find((e: { eventId?: string }) => e.eventId === 'payoff')).toMatchObject({ interestWaived: '14000.00', allocated: { principal: '500000.00', interest: '2000.00' } });
    expect(out.timeline.filter((e: { kind: string }) => e.kind === 'stateChanged').at(-1)).toMatchObject({ on: '2026-01-20', from: 'normal', to: 'settled', ruleIds: ['P-LC-8'] });
    // The settlement certificate (P-LC-8) is raised on settlement and done by the notice of 2026-01-22.
    expect(out.tasks.find((t: { kind: string }) => t.kind === 'settlementCertificate')).toMatchObject({ openedOn: '2026-01-20', dueOn: '2026-01-27', status: 'done', closedBy: 'cert' });
    expect(out.limitationExpiresOn).toBeNull();
  });
});
