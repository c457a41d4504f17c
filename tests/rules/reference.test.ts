import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { interpretCondition } from '../../src/rules/compile';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { firedRules } from '../../src/rules/evaluate';
import { FACT_CATALOGUE, FACT_NAMES } from '../../src/rules/facts';
import { loadPack } from '../../src/rules/loadPack';
import { referenceEngine, referenceFiredRuleIds } from '../../src/rules/reference';
import { arbitraryFacts, DPD_EDGES } from './arbitraries';

const RUNS_PER_FILE = 10_000;

describe('compiled rules agree with json-rules-engine', () => {
  const pack = cnDefaultPack();
  const files = [...new Set(pack.rules.map((r) => r.file))];

  it.each(files)('on %s for 10,000 random fact sets, generated and interpreted', async (file) => {
    const engine = referenceEngine(pack, (r) => r.file === file);
    // The interpreted form is what runtimes that forbid generating code evaluate.
    const interpreted = pack.rules.filter((r) => r.file === file).map((r) => ({ id: r.id, test: interpretCondition(r.conditions) }));
    await fc.assert(
      fc.asyncProperty(arbitraryFacts, async (facts) => {
        const compiled = firedRules(pack, facts)
          .filter((r) => r.file === file)
          .map((r) => r.id)
          .sort();
        const reference = await referenceFiredRuleIds(engine, facts);
        expect(compiled).toEqual(reference);
        expect(interpreted.filter((r) => r.test(facts)).map((r) => r.id).sort()).toEqual(reference);
      }),
      { numRuns: RUNS_PER_FILE, seed: 20260420 },
    );
  });

  // The default pack uses few operators; random condition trees exercise every operator, decorator,
  // fact type and nesting the compiler accepts.
  const scalarFor = (fact: keyof typeof FACT_CATALOGUE): fc.Arbitrary<unknown> => {
    const spec = FACT_CATALOGUE[fact];
    switch (spec.type) {
      case 'integer':
        return fc.oneof(fc.constantFrom(...DPD_EDGES), fc.integer({ min: 0, max: 400 }));
      case 'ratio':
        return fc.oneof(fc.constantFrom('1.00', '0.999999', '1.000001'), fc.integer({ min: 0, max: 5_000_000 }).map((m) => `${Math.trunc(m / 1e6)}.${String(m % 1e6).padStart(6, '0')}`));
      case 'money':
        return fc.oneof(
          fc.constantFrom('0.00', '0.01', '50000.00', '5000000.00'),
          fc.integer({ min: 0, max: 1_000_000 }).map((fen) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`),
        );
      case 'boolean':
        return fc.boolean();
      default:
        return fc.constantFrom(...(spec as { values: readonly string[] }).values);
    }
  };
  // Data facts (attributes, observations) are read through a path: tests/rules/dataPath.test.ts compares those.
  const leaf = fc.constantFrom(...FACT_NAMES.filter((f) => FACT_CATALOGUE[f].type !== 'data')).chain((fact) => {
    const spec = FACT_CATALOGUE[fact];
    const numeric = spec.type === 'integer' || spec.type === 'money' || spec.type === 'ratio';
    const scalarOps = numeric ? ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] : ['equal', 'notEqual'];
    const decorated = fc.record({ dec: fc.constantFrom('', 'not:'), op: fc.constantFrom(...scalarOps) });
    return fc.oneof(
      fc.record({ d: decorated, v: scalarFor(fact) }).map(({ d, v }) => ({ fact, operator: `${d.dec}${d.op}`, value: v })),
      fc.record({ op: fc.constantFrom('in', 'notIn', 'not:in'), v: fc.array(scalarFor(fact), { minLength: 1, maxLength: 4 }) }).map(({ op, v }) => ({ fact, operator: op, value: v })),
      fc.record({ op: fc.constantFrom(...scalarOps.map((o) => `someValue:${o}`), ...scalarOps.map((o) => `everyValue:${o}`)), v: fc.array(scalarFor(fact), { minLength: 1, maxLength: 3 }) }).map(({ op, v }) => ({ fact, operator: op, value: v })),
    );
  });
  const tree = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('node') }),
    ),
  })).node;
  const rootTree = fc.oneof(fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 3 }) }), fc.record({ any: fc.array(tree, { minLength: 1, maxLength: 3 }) }), fc.record({ not: tree }));

  it('on random condition trees over every operator and fact type', async () => {
    // Rules on materialDpd and its kin need the materiality threshold's parameters.
    const base = cnDefaultPackFiles['pack.json'] as { parameters: object };
    const manifest = { ...base, parameters: { ...base.parameters, materialityAbsolute: { retail: '100.00', corporate: '500.00' }, materialityRelative: '0.01' }, rules: ['random.json'] };
    await fc.assert(
      fc.asyncProperty(rootTree, fc.array(arbitraryFacts, { minLength: 20, maxLength: 20 }), async (conditions, factSets) => {
        const rules = { rules: [{ id: 'r', name: 'P-LC-1', conditions, event: { type: 'transition', params: { to: 'normal' } } }] };
        const p = unwrap(loadPack({ 'pack.json': manifest, 'random.json': rules, 'task-kinds.json': cnDefaultPackFiles['task-kinds.json'] }));
        const engine = referenceEngine(p);
        for (const facts of factSets) {
          const reference = await referenceFiredRuleIds(engine, facts);
          expect(firedRules(p, facts).map((r) => r.id)).toEqual(reference);
          expect(p.rules.filter((r) => interpretCondition(r.conditions)(facts)).map((r) => r.id)).toEqual(reference);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
