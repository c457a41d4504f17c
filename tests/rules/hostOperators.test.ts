import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { explainRules, firedRules } from '../../src/rules/evaluate';
import { loadPack, type LoadPackOptions } from '../../src/rules/loadPack';
import type { HostOperators } from '../../src/rules/operators';
import { referenceEngine, referenceFiredRuleIds } from '../../src/rules/reference';
import type { Facts } from '../../src/rules/facts';

const startsWith: HostOperators['x'] = (f, v) => typeof f === 'string' && typeof v === 'string' && f.startsWith(v);

function files(requires: string[] | undefined, leaf: Record<string, unknown>): Record<string, unknown> {
  const f = structuredClone(cnDefaultPackFiles) as Record<string, unknown> & { 'pack.json': { rules: string[] } & Record<string, unknown> };
  f['pack.json'].rules.push('extra.json');
  if (requires !== undefined) f['pack.json']['requires'] = { operators: requires };
  f['extra.json'] = { rules: [{ id: 'extra', name: 'P-EW-2', priority: 90, conditions: { all: [leaf] }, event: { type: 'riskLevel', params: { level: 'high' } } }] };
  return f;
}
const dealerLeaf = { fact: 'attributes', path: '$.dealer', operator: 'startsWith', value: 'W-' };
const problems = (requires: string[] | undefined, leaf: Record<string, unknown>, options: LoadPackOptions = {}): string => {
  const r = loadPack(files(requires, leaf), { dir: 'rules/my-pack/', ...options });
  return r.ok ? 'no problem' : formatIssues(r.issues);
};
const facts = (dealer: unknown): Facts => ({ attributes: { dealer }, observations: {}, borrowerKind: 'retail' }) as unknown as Facts;

describe('host operators', () => {
  it('a pack requiring an operator the host does not provide is refused, saying how to provide it', () => {
    const text = problems(['startsWith'], dealerLeaf);
    expect(text).toContain('The pack requires the custom operator "startsWith", which was not provided');
    expect(text).toContain('rules/my-pack/pack.json: requires.operators');
    expect(text).toContain('loadPack(files, { operators: { startsWith:');
  });

  it('an operator neither built in nor required is unknown, even when the host provides it', () => {
    const text = problems(undefined, dealerLeaf, { operators: { startsWith } });
    expect(text).toContain('Unknown operator "startsWith"');
    expect(text).toContain('"requires": { "operators"');
  });

  it('a provided operator may not shadow a built-in one, nor may a pack require a built-in', () => {
    expect(problems(undefined, { fact: 'dpd', operator: 'equal', value: 1 }, { operators: { equal: () => true } })).toContain('The host operator "equal" has the name of a built-in operator');
    expect(problems(['not'], { fact: 'dpd', operator: 'equal', value: 1 })).toContain('"not" is a built-in operator');
    expect(problems(['startsWith'], dealerLeaf, { operators: { startsWith: 'yes' as never } })).toContain('is not a function');
  });

  it('a required, provided operator decides like a built-in one, decorators included, and agrees with json-rules-engine', async () => {
    for (const operator of ['startsWith', 'not:startsWith', 'someValue:startsWith']) {
      const value = operator.startsWith('someValue') ? ['X-', 'W-'] : 'W-';
      const r = loadPack(files(['startsWith'], { ...dealerLeaf, operator, value }), { dir: 'rules/my-pack/', operators: { startsWith } });
      if (!r.ok) throw new Error(formatIssues(r.issues));
      const pack = r.value;
      expect(pack.operators?.['startsWith']).toBe(startsWith);
      const engine = referenceEngine(pack, (rule) => rule.id === 'extra');
      for (const dealer of ['W-0042', 'D-1', 42, undefined]) {
        const f = facts(dealer);
        const fired = firedRules(pack, f).some((rule) => rule.id === 'extra');
        expect(fired, `${operator} ${String(dealer)}`).toBe((await referenceFiredRuleIds(engine, f)).includes('extra'));
        expect(explainRules(pack, f).find((e) => e.ruleId === 'extra')?.fired).toBe(fired);
      }
    }
  });

  it('only true counts as holding: an operator returning a truthy non-boolean does not fire the rule', () => {
    const r = loadPack(files(['startsWith'], dealerLeaf), { dir: 'rules/my-pack/', operators: { startsWith: (() => 'yes') as never } });
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(firedRules(r.value, facts('W-1')).some((rule) => rule.id === 'extra')).toBe(false);
  });
});
