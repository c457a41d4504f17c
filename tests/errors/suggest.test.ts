import { describe, expect, it } from 'vitest';
import { didYouMean, nearest } from '../../src/errors/suggest';
import { OPERATOR_NAMES } from '../../src/rules/operators';

const OPERATORS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain'];

describe('nearest (did-you-mean ranking)', () => {
  it.each([
    // Regression: the prefix bonus ranked "greaterThan" (a prefix of the typo) above the one-edit match.
    ['greaterThanInclusve', OPERATORS, 'greaterThanInclusive'],
    ['lessThanInclusve', OPERATORS, 'lessThanInclusive'],
    ['greaterThen', OPERATORS, 'greaterThan'],
    ['greaterthan', OPERATORS, 'greaterThan'],
    ['lesThan', OPERATORS, 'lessThan'],
    // A transposition is one edit.
    ['lsesThan', OPERATORS, 'lessThan'],
    ['notEqaul', OPERATORS, 'notEqual'],
    // A truncation of a long name.
    ['greaterThanIncl', OPERATORS, 'greaterThanInclusive'],
    ['doesNotCont', OPERATORS, 'doesNotContain'],
    ['anualReport', ['annualReport', 'onSite', 'quarterlyReview'], 'annualReport'],
    ['dpd', ['dpd', 'dpdBucket'], 'dpd'],
    ['toState', ['to', 'state', 'toState'], 'toState'],
  ] as const)('%s → %s', (name, candidates, expected) => {
    expect(nearest(name, candidates)).toBe(expected);
  });

  it.each([
    // Regression: an extra event param "note" was answered with "did you mean "name"?".
    ['note', ['id', 'type', 'on', 'name', 'amount']],
    ['zzz', OPERATORS],
    ['between', OPERATORS],
    ['x', ['to', 'on']],
    ['', OPERATORS],
    ['greater', ['lessThan', 'notIn']],
  ] as const)('%s → nothing', (name, candidates) => {
    expect(nearest(name, candidates)).toBeUndefined();
  });

  it('keeps the first of equally close candidates', () => {
    expect(nearest('bat', ['cat', 'hat'])).toBe('cat');
  });

  it('is used by didYouMean, which lists the values when nothing is close', () => {
    expect(didYouMean('greaterThanInclusve', OPERATORS)).toBe('did you mean "greaterThanInclusive"?');
    expect(didYouMean('note', ['name', 'amount'])).toBe('valid values: "name", "amount"');
  });

  it('knows the shipped operator names', () => {
    expect(OPERATOR_NAMES.length).toBeGreaterThan(0);
    for (const op of OPERATOR_NAMES) expect(nearest(op, OPERATOR_NAMES)).toBe(op);
  });
});
