import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { jsonSchemas } from '../../src/rules/jsonSchemas';
import { loadPack } from '../../src/rules/loadPack';
import { runCli } from './run';
import type { ReplayOutputView } from './replayOutputView';
import type { TimelineEntryView } from './timelineEntryView';

const PACK = 'rules/eba-dod';
const FIXTURES = 'tests/fixtures/eba-dod';

type Entry = TimelineEntryView;
type Output = ReplayOutputView;

/** `postloan replay <fixture> --pack rules/eba-dod --as-of <date>`, parsed. */
function replay(fixture: string, asOf: string): Output & { status: string; changes: string[] } {
  const { code, stdout, stderr } = runCli('replay', `${FIXTURES}/${fixture}.json`, '--pack', PACK, '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const out = JSON.parse(stdout) as Output;
  const changes = out.timeline.filter((e) => e.kind === 'dimensionChanged' && e.dimension === 'default').map((e) => `${e.on} ${e.to ?? ''} ${(e.rules ?? []).join(',')}`);
  return { ...out, status: out.dimensions?.['default'] ?? '', changes };
}

/** The dimensionChanged entry of the default status on a day. */
function changeOn(out: Output, on: string): Entry | undefined {
  return out.timeline.find((e) => e.kind === 'dimensionChanged' && e.dimension === 'default' && e.on === on);
}

describe('rules/eba-dod: the EU definition of default over cn-default', () => {
  it('validates, with the default status as a sticky dimension and the materiality parameters', () => {
    const { code, stdout } = runCli('validate', PACK);
    expect(stdout).toContain('rules/eba-dod is valid: 0 errors');
    expect(code).toBe(0);
    const r = loadPack(readPackDir(PACK), { dir: `${PACK}/` });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.materiality).toEqual({ absolute: { retail: 10_000, corporate: 50_000 }, relative: expect.objectContaining({ text: '0.01' }) });
    expect(r.value.thresholds.materialDpd).toEqual([91]);
    expect(r.value.thresholds.sinceMaterialArrears).toEqual([92]);
    expect(r.value.thresholds.sinceRestructuring).toEqual([366]);
    expect(r.value.thresholds.sinceMaterialEvent).toEqual([92]);
  });

  it('its files validate against the shipped JSON Schemas', () => {
    const schemas = jsonSchemas();
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
    expect(ajv.validate(schemas['pack.schema.json'], read(`${PACK}/pack.json`)), ajv.errorsText()).toBe(true);
    expect(ajv.validate(schemas['rules.schema.json'], read(`${PACK}/default-status.json`)), ajv.errorsText()).toBe(true);
  });

  it('90 material days past due: defaulted on the 91st, 2026-07-15', () => {
    // Retail, 12,000.00 in 12 instalments of 1,000.00 + 50.00 due on the 15th; February and March paid,
    // nothing after. 2026-04-16: 1,050.00 past due; exposure 10,000.00 principal + 50.00 interest due
    // = 10,050.00, 1 % = 100.50; 1,050.00 exceeds 100.00 and 100.50: materialDpd 1. 2026-04-16 + 90 days
    // = 2026-07-15: materialDpd 91, more than 90.
    const before = replay('material-90-dpd', '2026-07-14');
    expect([before.status, before.dpd, before.currency]).toEqual(['performing', 90, 'EUR']);
    const out = replay('material-90-dpd', '2026-07-15');
    expect([out.status, out.dpd]).toEqual(['defaulted', 91]);
    expect(changeOn(out, '2026-07-15')).toMatchObject({ from: 'performing', to: 'defaulted', ruleIds: ['P-DF-1'], rules: ['default-material-dpd'], inputs: { materialDpd: 91 } });
  });

  it('an arrear of 90.00, below the absolute 100.00, never counts: performing at DPD 227', () => {
    // 12,000.00 bullet 2027-01-15 with 90.00 interest due 2026-02-15, never paid: 90.00 past due from
    // 2026-02-16, not above 100.00. 2026-09-30 is 227 days after 2026-02-15; cn-default's own class is
    // substandard (its floors read plain DPD: more than 90), the EU status is not defaulted.
    const out = replay('small-arrear', '2026-09-30');
    expect([out.status, out.dpd, out.classification]).toEqual(['performing', 227, 'substandard']);
    expect(out.changes).toEqual([]);
  });

  it('an arrear of 300.00, above 100.00 but not above 1 % of the exposure (503.00), does not count', () => {
    // 50,000.00 bullet with 300.00 interest due 2026-02-15, unpaid: exposure 50,000.00 + 300.00 = 50,300.00.
    const out = replay('below-relative', '2026-09-30');
    expect([out.status, out.dpd]).toEqual(['performing', 227]);
    expect(out.changes).toEqual([]);
  });

  it('the same 300.00 arrear is material for a retail borrower (above 100.00), not for a corporate one (500.00)', () => {
    // 20,000.00 bullet with 300.00 interest due 2026-02-15, unpaid: exposure 20,300.00, 1 % = 203.00.
    // Retail: material from 2026-02-16, 91 days on 2026-02-16 + 90 = 2026-05-17.
    expect(replay('retail-300', '2026-05-16').status).toBe('performing');
    const retail = replay('retail-300', '2026-05-17');
    expect(retail.changes).toEqual(['2026-05-17 defaulted default-material-dpd']);
    const corporate = replay('corporate-300', '2026-09-30');
    expect([corporate.status, corporate.dpd]).toEqual(['performing', 227]);
  });

  it('a payment that brings the arrear under the threshold restarts the count', () => {
    // February missed: 1,050.00 material from 2026-02-16 (1 % of 11,050.00 = 110.50). 2026-03-10: 980.00
    // paid (50.00 interest, 930.00 principal) leaves 70.00: not material, the count stops. March missed:
    // 70.00 + 1,050.00 = 1,120.00 material again from 2026-03-16. Counted from 2026-02-16 the loan would
    // default on 2026-05-17; counted from 2026-03-16 it defaults on 2026-06-14.
    expect(replay('reset-under-threshold', '2026-05-17').status).toBe('performing');
    expect(replay('reset-under-threshold', '2026-06-13').status).toBe('performing');
    const out = replay('reset-under-threshold', '2026-06-14');
    expect(out.changes).toEqual(['2026-06-14 defaulted default-material-dpd']);
    expect(changeOn(out, '2026-06-14')?.inputs).toEqual({ materialDpd: 91 });
  });

  it('probation: defaulted 2026-07-15, arrears repaid 2026-08-03, performing again 3 months later, 2026-11-03', () => {
    // As material-90-dpd, then 2026-08-03 pays April–July, 4 × 1,050.00 = 4,200.00, and August to
    // November on their dates. No material arrear from 2026-08-03: daysWithoutMaterialArrears 92
    // (28 + 30 + 31 + 3) on 2026-11-03, exactly 3 months on.
    expect(replay('probation', '2026-08-03').status).toBe('defaulted');
    expect(replay('probation', '2026-11-02').status).toBe('defaulted');
    const out = replay('probation', '2026-11-03');
    expect(out.status).toBe('performing');
    expect(out.changes).toEqual(['2026-07-15 defaulted default-material-dpd', '2026-11-03 performing permit-return-to-performing']);
    expect(changeOn(out, '2026-11-03')).toMatchObject({ from: 'defaulted', to: 'performing', ruleIds: ['P-DF-4'] });
  });

  it('distressed restructuring: defaulted on the day, for at least a year, performing on 2027-05-06', () => {
    // April missed (material from 2026-04-16); restructured 2026-05-05: 10,000.00 principal + 50.00 April
    // interest + 50.00 May interest = 10,100.00 in 20 instalments of 505.00 from 2026-06-05, all paid on
    // their dates. daysSinceRestructuring 365 on 2027-05-05, 366 on 2027-05-06.
    const out = replay('distressed-restructuring', '2026-05-05');
    expect(out.changes).toEqual(['2026-05-05 defaulted default-distressed-restructuring']);
    expect(replay('distressed-restructuring', '2027-05-05').status).toBe('defaulted');
    const after = replay('distressed-restructuring', '2027-05-06');
    expect([after.status, after.dpd]).toEqual(['performing', 0]);
    expect(changeOn(after, '2027-05-06')).toMatchObject({ from: 'defaulted', to: 'performing', ruleIds: ['P-DF-4'] });
  });

  it('unlikeliness to pay: a material adverse event defaults a loan paid on time; performing 3 months after it is resolved', () => {
    // Every instalment paid on its date; materialEvent 2026-04-20, resolved by a riskSignal 2026-06-30.
    // daysWithoutMaterialEvent is 92 (31 + 31 + 30) on 2026-09-30.
    const out = replay('material-event', '2026-06-30');
    expect([out.status, out.dpd]).toEqual(['defaulted', 0]);
    expect(out.changes).toEqual(['2026-04-20 defaulted default-unlikely-to-pay-material-event']);
    expect(changeOn(out, '2026-04-20')).toMatchObject({ ruleIds: ['P-DF-2'], inputs: { materialEventOpen: true } });
    expect(replay('material-event', '2026-09-29').status).toBe('defaulted');
    const after = replay('material-event', '2026-09-30');
    expect(after.changes).toEqual(['2026-04-20 defaulted default-unlikely-to-pay-material-event', '2026-09-30 performing permit-return-to-performing']);
  });

  it('unlikeliness to pay: the observation obligorBankruptcy defaults a corporate loan on its day', () => {
    const out = replay('bankruptcy', '2026-03-10');
    expect(out.changes).toEqual(['2026-03-02 defaulted default-unlikely-to-pay-bankruptcy']);
  });

  it('leaves cn-default untouched: the same history under cn-default has no default dimension', () => {
    const { stdout } = runCli('replay', `${FIXTURES}/material-90-dpd.json`, '--as-of', '2026-07-15');
    const out = JSON.parse(stdout) as Output;
    expect(out.dimensions).toBeUndefined();
    expect(out.timeline.some((e) => e.kind === 'dimensionChanged')).toBe(false);
  });
});
