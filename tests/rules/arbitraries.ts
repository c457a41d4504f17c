import fc from 'fast-check';
import { FACT_CATALOGUE, FACT_NAMES, type Facts } from '../../src/rules/facts';

/** Values that sit on or next to the thresholds of the policy, so boundaries get exercised. */
export const DPD_EDGES = [0, 1, 2, 29, 30, 31, 32, 60, 61, 90, 91, 92, 120, 121, 150, 151, 180, 181, 270, 271, 360, 361];

function arbitraryFor(name: keyof typeof FACT_CATALOGUE): fc.Arbitrary<unknown> {
  const spec = FACT_CATALOGUE[name];
  switch (spec.type) {
    case 'integer':
      return fc.oneof(fc.constantFrom(...DPD_EDGES), fc.integer({ min: 0, max: 2000 }));
    case 'ratio':
      return fc.oneof(fc.constantFrom(0, 999_999, 1_000_000, 1_000_001), fc.integer({ min: 0, max: 5_000_000 }));
    case 'money':
      return fc.oneof(fc.constantFrom(0, 1, 5_000_000, 500_000_000), fc.integer({ min: 0, max: 10_000_000_000 }));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(spec as { values: readonly string[] }).values);
    case 'data':
      return fc.dictionary(fc.constantFrom('product', 'score', 'region', 'list'), fc.oneof(fc.constantFrom('auto', 'mortgage', 'a'), fc.integer({ min: -5, max: 900 }), fc.boolean(), fc.array(fc.constantFrom('auto', 1, true), { maxLength: 3 })));
    default:
      return fc.string();
  }
}

/** Random fact sets typed by the fact catalogue. */
export const arbitraryFacts: fc.Arbitrary<Facts> = fc.record(
  Object.fromEntries(FACT_NAMES.map((n) => [n, arbitraryFor(n)])),
) as unknown as fc.Arbitrary<Facts>;
