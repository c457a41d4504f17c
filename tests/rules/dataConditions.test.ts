import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { firedRules } from '../../src/rules/evaluate';
import { loadPack, type CompiledPack, type LoadPackOptions } from '../../src/rules/loadPack';
import { referenceEngine, referenceFiredRuleIds } from '../../src/rules/reference';
import type { Facts } from '../../src/rules/facts';

const DIR = 'rules/my-pack/';

/** The built-in pack plus `extra.json` holding one rule on `conditions`, and pack.json changed by `manifest`. */
function files(conditions: unknown, manifest: Record<string, unknown> = {}): Record<string, unknown> {
  const f = structuredClone(cnDefaultPackFiles) as Record<string, unknown> & { 'pack.json': { rules: string[] } & Record<string, unknown> };
  f['pack.json'].rules.push('extra.json');
  Object.assign(f['pack.json'], manifest);
  f['extra.json'] = { rules: [{ id: 'extra', name: 'P-EW-2', priority: 90, conditions, event: { type: 'riskLevel', params: { level: 'high' } } }] };
  return f;
}
const load = (conditions: unknown, manifest?: Record<string, unknown>, options: LoadPackOptions = {}) => loadPack(files(conditions, manifest), { dir: DIR, ...options });
const problems = (conditions: unknown, manifest?: Record<string, unknown>, options?: LoadPackOptions): string => {
  const r = load(conditions, manifest, options);
  return r.ok ? 'no problem' : formatIssues(r.issues);
};
const packOf = (conditions: unknown, manifest?: Record<string, unknown>, options?: LoadPackOptions): CompiledPack => {
  const r = load(conditions, manifest, options);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
};
/** Facts of a fresh loan with the given data facts. */
function facts(attributes: Record<string, unknown>, observations: Record<string, unknown> = {}): Facts {
  return { dpd: 0, state: 'normal', classification: 'pass', attributes, observations } as unknown as Facts;
}
const fires = (pack: CompiledPack, f: Facts): boolean => firedRules(pack, f).some((r) => r.id === 'extra');

describe('conditions on attributes and observations', () => {
  it('reads an attribute by path and an observation by name', () => {
    const pack = packOf({ all: [{ fact: 'attributes', path: '$.product', operator: 'equal', value: 'auto' }, { fact: 'observations', path: '$.bureauScore', operator: 'lessThan', value: 550 }] });
    expect(fires(pack, facts({ product: 'auto' }, { bureauScore: 540 }))).toBe(true);
    expect(fires(pack, facts({ product: 'auto' }, { bureauScore: 600 }))).toBe(false);
    expect(fires(pack, facts({ product: 'mortgage' }, { bureauScore: 540 }))).toBe(false);
    // Missing: json-rules-engine's reading of an undefined value (equal is false).
    expect(fires(pack, facts({}, { bureauScore: 540 }))).toBe(false);
  });

  it('agrees with json-rules-engine, paths included', async () => {
    const pack = packOf({
      any: [
        { fact: 'attributes', path: '$.dealer.ids[1]', operator: 'in', value: ['W-1', 'W-2'] },
        { all: [{ fact: 'attributes', path: '$.tags', operator: 'contains', value: 'vip' }, { fact: 'observations', path: '$.income', operator: 'greaterThanInclusive', value: 10000 }] },
        { not: { fact: 'attributes', path: '$.region', operator: 'notEqual', value: 'SZ' } },
      ],
    });
    const engine = referenceEngine(pack, (r) => r.id === 'extra');
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ dealer: { ids: ['x', 'W-2'] } }, {}],
      [{ dealer: { ids: ['W-2'] } }, {}],
      [{ tags: ['vip'] }, { income: 10000 }],
      [{ tags: ['vip'] }, { income: 9999 }],
      [{ tags: 'vip' }, { income: 20000 }],
      [{ region: 'SZ' }, {}],
      [{}, {}],
    ];
    for (const [a, o] of cases) {
      const f = facts(a, o);
      expect(fires(pack, f), JSON.stringify([a, o])).toBe((await referenceFiredRuleIds(engine, f)).includes('extra'));
    }
  });

  it('needs a path, of the supported subset', () => {
    expect(problems({ all: [{ fact: 'attributes', operator: 'equal', value: 'auto' }] })).toContain('must say which with "path"');
    expect(problems({ all: [{ fact: 'attributes', path: '$..product', operator: 'equal', value: 'auto' }] })).toMatch(/pack\.unsupportedPath|Unsupported|filters, wildcards/);
    expect(problems({ all: [{ fact: 'attributes', path: '$.__proto__.polluted', operator: 'equal', value: 1 }] })).toContain('not data');
    expect(problems({ all: [{ fact: 'observations', path: '$.score.value', operator: 'equal', value: 1 }] })).toContain('Observations are single values');
  });

  it('catches a misspelt name only when the pack declares its names', () => {
    const conditions = { all: [{ fact: 'attributes', path: '$.prodcut', operator: 'equal', value: 'auto' }] };
    expect(problems(conditions)).toBe('no problem');
    const declared = problems(conditions, { attributes: { product: 'string' } });
    expect(declared).toContain('The pack declares no attribute "prodcut"');
    expect(declared).toContain('did you mean "product"?');
    expect(problems({ all: [{ fact: 'observations', path: '$.bureauScor', operator: 'lessThan', value: 5 }] }, { observations: { bureauScore: 'number' } })).toContain('did you mean "bureauScore"?');
  });

  it('checks values and operators against the declared type', () => {
    const m = { attributes: { product: 'string', dealer: 'object', tags: 'array' }, observations: { bureauScore: 'number' } };
    expect(problems({ all: [{ fact: 'observations', path: '$.bureauScore', operator: 'lessThan', value: '550' }] }, m)).toContain('declared number');
    expect(problems({ all: [{ fact: 'attributes', path: '$.product', operator: 'greaterThan', value: 'a' }] }, m)).toContain('compares numbers');
    expect(problems({ all: [{ fact: 'attributes', path: '$.product.code', operator: 'equal', value: 'a' }] }, m)).toContain('declared string');
    expect(problems({ all: [{ fact: 'attributes', path: '$.dealer', operator: 'equal', value: 'a' }] }, m)).toContain('read a value inside it');
    expect(problems({ all: [{ fact: 'attributes', path: '$.tags', operator: 'contains', value: 'vip' }] }, m)).toBe('no problem');
    expect(problems({ all: [{ fact: 'attributes', path: '$.dealer.id', operator: 'equal', value: 'W-1' }] }, m)).toBe('no problem');
  });

  it('refuses an undeclared type name in pack.json', () => {
    expect(problems({ all: [{ fact: 'dpd', operator: 'equal', value: 1 }] }, { attributes: { product: 'text' } })).toContain('attributes.product');
  });

  it('regression: lint does not take two paths of one data fact for one value ("can never fire")', async () => {
    const { validatePack } = await import('../../src/rules/lint');
    const f = files({ all: [{ fact: 'attributes', path: '$.a', operator: 'equal', value: 'x' }, { fact: 'attributes', path: '$.b', operator: 'equal', value: 'y' }] });
    expect(validatePack(f, { dir: DIR }).filter((x) => x.file === `${DIR}extra.json`)).toEqual([]);
  });

  it('records the values read as the decision inputs', async () => {
    const { replay } = await import('../../src/engine/replay');
    const { parseHistoryValue } = await import('../../src/history/parseHistory');
    const { day } = await import('../../src/time/day');
    const pack = packOf({ all: [{ fact: 'attributes', path: '$.dealer.id', operator: 'equal', value: 'W-1' }] });
    const h = parseHistoryValue({ loan: { id: 'L', borrower: { id: 'B', kind: 'retail' }, principal: '1000.00', annualRate: '0.05', disbursedOn: '2026-01-05', termMonths: 3, repayment: 'bullet', attributes: { dealer: { id: 'W-1' } } } }, 'h.json');
    if (!h.ok) throw new Error(formatIssues(h.issues));
    const out = replay(h.value, pack, { asOf: day('2026-01-06') });
    expect(out.riskLevel).toBe('high');
    expect(out.timeline.find((e) => e.kind === 'riskLevelChanged')).toMatchObject({ rules: ['extra'], inputs: { 'attributes.dealer.id': 'W-1' } });
  });
});
