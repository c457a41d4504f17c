// An own "__proto__" key (JSON.parse makes one) in a history passed as a value: refused with the issue the
// text path gives, json.forbiddenKey at the key's path, on the fast path and the pure-zod path alike
// (decision 432). zod alone dropped the key without a word, where every other unknown key is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownProtoKeyPaths } from '../../src/errors/ownProtoKeys';
import { checkHistoryValue, parseHistory, parseLoanValue } from '../../src/history/parseHistory';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/contract-example.json', import.meta.url), 'utf8')) as { loan: Record<string, unknown>; events: unknown[] };
const payment = '{"id":"p1","type":"payment","on":"2026-03-02","amount":"100.00"}';

/** The history text with `__proto__` put at the start of the object that `at` (a unique fragment) opens. */
function withProto(text: string, at: string, value = '{"amount":"99999.00"}'): string {
  const i = text.indexOf(at);
  expect(i, `fragment ${at}`).toBeGreaterThanOrEqual(0);
  return `${text.slice(0, i + at.length)}"__proto__":${value},${text.slice(i + at.length)}`;
}

const base = JSON.stringify({ loan: fixture.loan, events: [JSON.parse(payment)] });
const where: readonly [string, string][] = [
  ['events[0].__proto__', '"events":[{'],
  ['loan.__proto__', '"loan":{'],
  ['loan.borrower.__proto__', '"borrower":{'],
];

describe('an own __proto__ key in a history value (decision 432)', () => {
  it('the base history is accepted on both paths', () => {
    for (const fast of [true, false]) expect(checkHistoryValue(JSON.parse(base), 'h.json', fast).ok).toBe(true);
  });

  for (const [path, at] of where) {
    it(`is refused at ${path}, as the text path refuses it`, () => {
      const text = withProto(base, at);
      const fromText = parseHistory(text, 'h.json');
      expect(fromText.ok).toBe(false);
      const textIssues = fromText.ok ? [] : fromText.issues;
      expect(textIssues.map((i) => [i.code, i.path])).toEqual([['json.forbiddenKey', path]]);
      for (const fast of [true, false]) {
        const r = checkHistoryValue(JSON.parse(text), 'h.json', fast);
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.issues.map((i) => [i.code, i.path])).toEqual([['json.forbiddenKey', path]]);
        expect(r.issues[0]?.message).toBe(textIssues[0]?.message);
        expect(r.issues[0]?.hint).toBe(textIssues[0]?.hint);
      }
    });
  }

  it('is reported with the event’s other problems, all at once', () => {
    const text = withProto(base.replace('"amount":"100.00"', '"amount":100'), '"events":[{');
    for (const fast of [true, false]) {
      const r = checkHistoryValue(JSON.parse(text), 'h.json', fast);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(['events[0].__proto__', 'events[0].amount']);
    }
  });

  it('a non-object __proto__ value is refused too', () => {
    for (const value of ['1', 'null', '"x"', '[]']) {
      const r = checkHistoryValue(JSON.parse(withProto(base, '"events":[{', value)), 'h.json', true);
      expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['events[0].__proto__']);
    }
  });

  it('parseLoanValue (a snapshot restore’s contract check) refuses it', () => {
    const loan = JSON.parse(withProto(JSON.stringify(fixture.loan), '{')) as unknown;
    const r = parseLoanValue(loan, 'L-1.snapshot.json');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['json.forbiddenKey', 'loan.__proto__']]);
    expect(parseLoanValue(fixture.loan, 'L-1.snapshot.json').ok).toBe(true);
  });

  it('a key that merely contains __proto__ is an ordinary unknown key', () => {
    const r = checkHistoryValue(JSON.parse(withProto(base, '"events":[{').replace('"__proto__"', '"__proto__x"')), 'h.json', true);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([['input.invalid', 'events[0].__proto__x']]);
  });
});

describe('ownProtoKeyPaths', () => {
  it('finds own keys at any place, parents first, and nothing inherited', () => {
    const v = JSON.parse('{"a":[1,{"__proto__":{"__proto__":2}}],"__proto__":3,"b":{"c":{"__proto__":null}}}') as unknown;
    expect(ownProtoKeyPaths(v)).toEqual([['__proto__'], ['a', 1, '__proto__'], ['b', 'c', '__proto__']]);
    expect(ownProtoKeyPaths(Object.create({ __proto__x: 1 }) as unknown)).toEqual([]);
    expect(ownProtoKeyPaths({ a: 1, b: [null, 'x'] })).toEqual([]);
    for (const v2 of [null, 1, 'x', true, undefined]) expect(ownProtoKeyPaths(v2)).toEqual([]);
  });

  it('is bounded in depth and in values (a hostile value from a JS caller does not hang it)', () => {
    let deep: unknown = JSON.parse('{"__proto__":1}');
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(ownProtoKeyPaths(deep)).toEqual([]);
    const wide = Array.from({ length: 300_000 }, () => 0);
    wide.push(JSON.parse('{"__proto__":1}') as number);
    expect(ownProtoKeyPaths(wide)).toEqual([]);
    expect(ownProtoKeyPaths([[[JSON.parse('{"__proto__":1}')]]])).toEqual([[0, 0, 0, '__proto__']]);
  });
});
