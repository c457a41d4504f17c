import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { interpretCondition } from '../../src/rules/compile';
import type { ConditionNode } from '../../src/rules/conditions';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { FACT_NAMES, type Facts } from '../../src/rules/facts';
import { canGenerateCode, generatePredicate, predicateSource } from '../../src/rules/generatePredicate';
import { loadPack } from '../../src/rules/loadPack';
import { LIFECYCLE_STATES } from '../../src/rules/vocabulary';
import { arbitraryFacts } from './arbitraries';

// Rule files are untrusted: whatever a pack holds, the generated predicate's text is templates and JSON
// literals, and it answers exactly as the interpreted conditions do.

const sentinel = globalThis as { pwned?: unknown };
afterEach(() => {
  expect(sentinel.pwned).toBeUndefined();
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

const leaf = (fact: string, operator: string, value: unknown): ConditionNode => ({ kind: 'leaf', fact, operator, value: { kind: 'const', value } }) as ConditionNode;
const all = (...items: ConditionNode[]): ConditionNode => ({ kind: 'all', items });

/** Strings that would break out of a literal, a comment or a line if they were pasted into source text. */
const HOSTILE = [
  '"; globalThis.pwned = 1; "',
  "'; globalThis.pwned = 1; '",
  '`${globalThis.pwned = 1}`',
  '\\"; globalThis.pwned = 1; //',
  '\\',
  '*/ globalThis.pwned = 1; /*',
  '// \n globalThis.pwned = 1',
  '\u2028globalThis.pwned = 1\u2029',
  '</script><script>globalThis.pwned = 1</script>',
  '__proto__',
  'constructor',
  '\0\r\n\t\v\f\u00a0\ufeff',
  '\ud800',
  'x'.repeat(1_000_000),
];

const base = Object.fromEntries(FACT_NAMES.map((n) => [n, 0])) as unknown as Facts;
const withState = (state: unknown): Facts => ({ ...base, state }) as unknown as Facts;

describe('generated predicates', () => {
  it('are what this runtime uses', () => {
    expect(canGenerateCode()).toBe(true);
  });

  it.each(HOSTILE.map((s, i) => [i, s] as const))('keep hostile value #%i a value, in every operator shape', (_, s) => {
    const nodes = [
      leaf('state', 'equal', s),
      leaf('state', 'notEqual', s),
      leaf('state', 'not:equal', s),
      leaf('state', 'in', [s, 'normal']),
      leaf('state', 'notIn', ['normal', s]),
      leaf('state', 'in', [...Array.from({ length: 20 }, (_, i) => `s${i}`), s]),
      leaf('state', 'not:notIn', [...Array.from({ length: 20 }, (_, i) => `s${i}`), s]),
      leaf('state', 'someValue:equal', ['normal', s]),
      leaf('state', 'everyValue:notEqual', [s]),
      all(leaf('dpd', 'greaterThan', 1), leaf('state', 'equal', s)),
    ];
    for (const node of nodes) {
      const { body } = predicateSource(node);
      // Outside its JSON string literals the text is templates only: the value is nowhere else.
      const code = body.replace(/"(?:[^"\\\n\r\u2028\u2029]|\\.)*"/g, '""');
      expect(code).toMatch(/^[\w\s"!()&|=<>\-.[\]{};,]*$/);
      expect(code).not.toContain('pwned');
      expect(body).not.toMatch(/[\u2028\u2029]/);
      const generated = generatePredicate(node);
      const interpreted = interpretCondition(node);
      for (const facts of [withState(s), withState('normal'), withState(`${s}x`), { ...withState(s), dpd: 5 }]) {
        expect(generated(facts)).toBe(interpreted(facts));
      }
    }
  });

  it('refuse fact names outside the catalogue instead of writing them into code', () => {
    for (const fact of ['__proto__', 'constructor', 'toString', 'dpd"] || globalThis.pwned = 1 || f["dpd', 'dpd; globalThis.pwned = 1', '']) {
      expect(() => predicateSource(leaf(fact, 'equal', 1))).toThrow(RangeError);
      expect(() => predicateSource({ kind: 'leaf', fact: 'dpd', operator: 'equal', value: { kind: 'fact', fact } } as ConditionNode)).toThrow(RangeError);
    }
  });

  it('refuse operator and decorator names outside the vocabularies', () => {
    for (const operator of ['__proto__', 'constructor', 'toString', 'equal; globalThis.pwned = 1', 'hasOwnProperty:equal', '__proto__:equal', 'equal:']) {
      expect(() => predicateSource(leaf('dpd', operator, 1))).toThrow(RangeError);
    }
  });

  it('pass values that are not plain literals by index, never as text', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE * 2, null, { toString: () => 'globalThis.pwned = 1' }, [1, 2]]) {
      const { body, constants } = predicateSource(leaf('dpd', 'equal', v));
      expect(body).toBe('"use strict"; return function predicate(f) { return o[0](f["dpd"], c[0]); };');
      expect(constants).toEqual([v]);
      expect(generatePredicate(leaf('dpd', 'equal', v))({ ...base, dpd: 1 })).toBe(false);
    }
  });

  it('call a host operator through the table it is resolved from', () => {
    const seen: unknown[] = [];
    const resolve = (name: string) => (name === 'divisibleBy' ? (a: unknown, b: unknown) => (seen.push([a, b]), (a as number) % (b as number) === 0) : () => false);
    const p = generatePredicate(leaf('dpd', 'divisibleBy', 30), resolve);
    expect([p({ ...base, dpd: 60 }), p({ ...base, dpd: 61 })]).toEqual([true, false]);
    expect(seen).toEqual([[60, 30], [61, 30]]);
  });

  it('agree with the interpreted conditions on arbitrary strings in every shape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('equal', 'notEqual', 'not:equal', 'in', 'notIn', 'not:in', 'someValue:equal', 'everyValue:notEqual'), (value, other, operator) => {
        const v = operator.includes('in') || operator.includes('Value') ? [value, other] : value;
        const node = leaf('state', operator, v);
        const generated = generatePredicate(node);
        const interpreted = interpretCondition(node);
        for (const state of [value, other, 'normal']) expect(generated(withState(state))).toBe(interpreted(withState(state)));
      }),
      { numRuns: 2_000, seed: 14 },
    );
  });

  it('agree with the interpreted conditions on every rule of cn-default', () => {
    const pack = cnDefaultPack();
    const interpreted = pack.rules.map((r) => interpretCondition(r.conditions));
    fc.assert(
      fc.property(arbitraryFacts, (facts) => {
        expect(pack.rules.map((r) => r.test(facts))).toEqual(interpreted.map((p) => p(facts)));
      }),
      { numRuns: 2_000, seed: 2028 },
    );
  });
});

describe('a hostile rule pack', () => {
  const manifest = { ...(cnDefaultPackFiles['pack.json'] as object), rules: ['hostile.json'] };
  const load = (conditions: unknown, parameters?: Record<string, unknown>) =>
    loadPack({
      'pack.json': parameters === undefined ? manifest : { ...manifest, parameters: { ...(cnDefaultPackFiles['pack.json'] as { parameters: object }).parameters, ...parameters } },
      'hostile.json': { rules: [{ id: 'h', name: 'P-LC-1', conditions, event: { type: 'transition', params: { to: 'normal' } } }] },
      'task-kinds.json': cnDefaultPackFiles['task-kinds.json'],
    });

  it.each(HOSTILE.slice(0, -1).map((s, i) => [i, s] as const))('is refused with hostile value #%i in a fact, an operator, a value or a parameter', (_, s) => {
    for (const conditions of [
      { all: [{ fact: s, operator: 'equal', value: 1 }] },
      { all: [{ fact: 'dpd', operator: s, value: 1 }] },
      { all: [{ fact: 'dpd', operator: `${s}:equal`, value: 1 }] },
      { all: [{ fact: 'state', operator: 'equal', value: s }] },
      { all: [{ fact: 'state', operator: 'in', value: ['normal', s] }] },
      { all: [{ fact: 'dpd', operator: 'equal', value: { fact: s } }] },
      { all: [{ fact: 'state', operator: 'equal', value: { param: 'hostile' } }] },
    ]) {
      const r = load(conditions, { hostile: s });
      expect(r.ok).toBe(false);
    }
  });

  it('with large and listed but valid values compiles to the same answers', () => {
    const r = load({ any: [{ fact: 'state', operator: 'in', value: LIFECYCLE_STATES.filter((s) => s !== 'settled') }, { fact: 'overdueTotal', operator: 'greaterThan', value: '90000000000.99' }, { not: { fact: 'classification', operator: 'equal', value: { param: 'cls' } } }] }, { cls: 'pass' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rule = r.value.rules[0];
    expect(rule).toBeDefined();
    if (rule === undefined) return;
    const interpreted = interpretCondition(rule.conditions);
    fc.assert(
      fc.property(arbitraryFacts, (facts) => {
        expect(rule.test(facts)).toBe(interpreted(facts));
      }),
      { numRuns: 1_000, seed: 5 },
    );
  });
});
