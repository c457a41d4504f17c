import { describe, expect, it } from 'vitest';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack, type CompiledPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

/** cn-default plus one rule: high risk while the latest observation "score" is 1. */
function scorePack(manifest: Record<string, unknown> = {}): CompiledPack {
  const f = structuredClone(cnDefaultPackFiles) as Record<string, unknown> & { 'pack.json': { rules: string[] } & Record<string, unknown> };
  f['pack.json'].rules.push('extra.json');
  Object.assign(f['pack.json'], manifest);
  f['extra.json'] = { rules: [{ id: 'score-1', name: 'P-EW-2', priority: 90, conditions: { all: [{ fact: 'observations', path: '$.score', operator: 'equal', value: 1 }] }, event: { type: 'riskLevel', params: { level: 'high' } } }] };
  const r = loadPack(f, { dir: 'p/' });
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}
const loan = { id: 'L', borrower: { id: 'B', kind: 'retail' }, principal: '12000.00', annualRate: '0.05', disbursedOn: '2026-01-05', termMonths: 12, repayment: 'bullet' };
const history = (events: unknown[], extra: Record<string, unknown> = {}): History => {
  const r = parseHistoryValue({ loan: { ...loan, ...extra }, events }, 'h.json');
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
};
const obs = (id: string, on: string, value: unknown, name = 'score') => ({ id, type: 'observation', on, name, value });

describe('the observations fact: the latest observation of each name', () => {
  const pack = scorePack();

  it('latest by day, whatever the order of the file', () => {
    const h = history([obs('o2', '2026-03-02', 2), obs('o1', '2026-03-01', 1)]);
    expect(replay(h, pack, { asOf: day('2026-03-01') }).riskLevel).toBe('high');
    expect(replay(h, pack, { asOf: day('2026-03-02') }).riskLevel).toBe('low');
  });

  it('on one day, the later line of the file wins', () => {
    expect(replay(history([obs('o1', '2026-03-01', 1), obs('o2', '2026-03-01', 2)]), pack, { asOf: day('2026-03-05') }).riskLevel).toBe('low');
    expect(replay(history([obs('o1', '2026-03-01', 2), obs('o2', '2026-03-01', 1)]), pack, { asOf: day('2026-03-05') }).riskLevel).toBe('high');
  });

  it('each observation is on the timeline, with its value as given', () => {
    const out = replay(history([obs('o1', '2026-03-01', 1), obs('o2', '2026-03-01', 'n/a', 'incomeCheck')]), pack, { asOf: day('2026-03-05') });
    expect(out.timeline.filter((e) => e.kind === 'observationRecorded')).toEqual([
      { id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-03-01', kind: 'observationRecorded', ruleIds: [], eventId: 'o1', name: 'score', value: 1 },
      { id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-03-01', kind: 'observationRecorded', ruleIds: [], eventId: 'o2', name: 'incomeCheck', value: 'n/a' },
    ]);
  });

  it('an undeclared or mistyped observation is recorded with a warning when the pack declares its observations', () => {
    const declared = scorePack({ observations: { score: 'number' } });
    const out = replay(history([obs('o1', '2026-03-01', 'high'), obs('o2', '2026-03-02', 1, 'scroe')]), declared, { asOf: day('2026-03-05') });
    const warnings = out.timeline.filter((e) => e.kind === 'warning').map((e) => ('message' in e ? e.message : ''));
    expect(warnings).toEqual(['Observation "score" is declared number, but this one is string; rules comparing it may not hold', 'Pack declares no observation "scroe"; it is recorded and no rule reads it']);
    expect(out.timeline.filter((e) => e.kind === 'observationRecorded')).toHaveLength(2);
  });

  it('survives a snapshot: a resumed replay sees the observations made before it', () => {
    const events = [obs('o1', '2026-02-01', 1), { id: 'x', type: 'materialEvent', on: '2026-03-10', description: 'plant fire' }];
    const h = history(events);
    const split = day('2026-03-01');
    const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= split) }, pack, { asOf: split });
    expect(snapshot.state.observed).toEqual([['score', 1]]);
    const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
    const resumed = resumeReplay(restored, pack, h.events.filter((e) => e.on > split), { asOf: day('2026-03-20') }).output;
    const full = replay(h, pack, { asOf: day('2026-03-20') });
    expect(resumed.riskLevel).toBe('high');
    expect(resumed.riskLevel).toBe(full.riskLevel);
  });

  it('a snapshot without observations has no "observed" field (older snapshots restore as before)', () => {
    const { snapshot } = replayWithSnapshot(history([]), cnDefaultPack(), { asOf: day('2026-03-01') });
    expect('observed' in snapshot.state).toBe(false);
  });
});

describe('currency and attributes on the contract', () => {
  it('the output names the currency only when the contract does', () => {
    const pack = cnDefaultPack();
    expect('currency' in replay(history([]), pack, { asOf: day('2026-02-01') })).toBe(false);
    const out = replay(history([], { currency: 'HKD' }), pack, { asOf: day('2026-02-01') });
    expect(Object.keys(out).slice(0, 3)).toEqual(['loanId', 'asOf', 'currency']);
    expect(out.currency).toBe('HKD');
  });

  it('a snapshot keeps the currency and the attributes', () => {
    const pack = cnDefaultPack();
    const { snapshot } = replayWithSnapshot(history([], { currency: 'USD', attributes: { product: 'auto' } }), pack, { asOf: day('2026-02-01') });
    const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
    expect(restored.history.loan.currency).toBe('USD');
    expect(restored.history.loan.attributes).toEqual({ product: 'auto' });
    expect(resumeReplay(restored, pack, [], { asOf: day('2026-02-02') }).output.currency).toBe('USD');
  });

  it('attributes the pack does not declare, or declares with another type, are warned about on the disbursement day', () => {
    const pack = scorePack({ attributes: { product: 'string' } });
    const out = replay(history([], { attributes: { product: 7, channel: 'app' } }), pack, { asOf: day('2026-02-01') });
    expect(out.timeline.filter((e) => e.kind === 'warning')).toEqual([
      { id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-01-05', kind: 'warning', ruleIds: [], code: 'attribute.type', message: 'Attribute "product" is declared string, but the contract gives number; rules reading it may not hold' },
      { id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-01-05', kind: 'warning', ruleIds: [], code: 'attribute.undeclared', message: 'Pack cn-default declares no attribute "channel"; it is kept and no rule reads it' },
    ]);
  });
});
