import { describe, expect, it } from 'vitest';
import { acceptEvent, acceptors, acceptorSource } from '../../src/history/acceptEvent';
import { anyString } from '../../src/contract/fastChecks';
import { loanEventSchema } from '../../src/history/events';
import { checkHistoryValue } from '../../src/history/parseHistory';
import { generatePortfolio } from '../../src/portfolio/generate';
import { prng } from '../support/prng';

// The fast event check against the zod schema: whatever the fast check accepts, zod accepts with the very
// same value (keys in the same order); whatever it leaves, zod words. Over generated (valid) events,
// hand-written edge cases and seeded random mutations of both.


const book = [...generatePortfolio({ seed: 7, loans: 200, asOf: '2026-06-16', years: 3 })];
const generated = book.flatMap((h) => h.events as unknown[]);

const WEIRD: readonly unknown[] = [
  undefined, null, true, false, 0, -1, 1.5, 10_001, Number.NaN, '', ' ', 'x', '\u2028', 'e\u0000', 'a'.repeat(129), 'a'.repeat(128),
  '2026-02-30', '2026-13-01', '1899-12-31', '2026-2-1', '2026-02-15', '2026-02-15T09:00:00', '2026-02-15T09:00:00+08:00', '2026-02-15T24:00:00Z',
  '0.00', '-1.00', '1.0', '1.00', '99999999999999.99', '0.72', 0.72, '1000000.1', [], {}, { a: 1 }, 'borrower', 'contact', 'guarantor', 'phone',
  'reached', 'payment', 'riskSignal', 'debtRatio', 'hardship', 'restructure',
];
const KEYS = ['id', 'on', 'note', 'type', 'amount', 'by', 'at', 'party', 'partyId', 'channel', 'outcome', 'number', 'found', 'photos', 'kind', 'collateralId', 'receiptSigned', 'value', 'description', 'rating', 'newMaturity', 'requestedBy', 'approvedBy', 'agencyId', 'reason', 'indicator', 'reverses', 'extra', '__proto__'];

function mutate(raw: Record<string, unknown>, rand: () => number): unknown {
  const e: Record<string, unknown> = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const key = KEYS[Math.floor(rand() * KEYS.length)] as string;
    const r = rand();
    if (r < 0.25) delete e[key];
    else if (key === '__proto__') Object.defineProperty(e, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
    else e[key] = WEIRD[Math.floor(rand() * WEIRD.length)];
  }
  return e;
}

/** Asserts the fast check agrees with zod on `raw`; returns whether the fast check accepted it. */
function agree(raw: unknown): boolean {
  const fast = acceptEvent(raw, 7);
  const zod = loanEventSchema.safeParse(raw, { reportInput: true });
  if (fast === undefined) return false;
  expect(zod.success, JSON.stringify(raw)).toBe(true);
  if (!zod.success) return true;
  const expected = { ...zod.data, seq: 7 };
  expect(Object.keys(fast)).toEqual(Object.keys(expected));
  expect(fast).toStrictEqual(expected);
  return true;
}

describe('acceptEvent: the fast path agrees with the zod schema', () => {
  it('accepts the generated events exactly as zod parses them', () => {
    let accepted = 0;
    for (const e of generated) if (agree(e)) accepted++;
    const restructures = generated.filter((e) => (e as { type: string }).type === 'restructure').length;

    // Everything but restructures (left to zod) is taken by the fast path.
    expect(accepted).toBe(generated.length - restructures);
  });

  it('never accepts what zod refuses, never parses differently (20,000 seeded mutations)', () => {
    const rand = prng(2026);
    let accepted = 0;
    let refusedByZod = 0;
    for (let i = 0; i < 20_000; i++) {
      const base = generated[Math.floor(rand() * generated.length)] as Record<string, unknown>;
      const raw = mutate(base, rand);
      if (agree(raw)) accepted++;
      else if (!loanEventSchema.safeParse(raw).success) refusedByZod++;
    }
    // Both sides of the line are exercised.
    expect(accepted).toBeGreaterThan(1_000);
    expect(refusedByZod).toBeGreaterThan(5_000);
  });

  it('agrees on reversals and 2,000 seeded mutations of them (issue 12)', () => {
    const base = { id: 'r1', type: 'reversal', on: '2026-03-02', reverses: 'p1', reason: 'returned unpaid', note: 'bank notice' };
    expect(agree(base)).toBe(true);
    const rand = prng(12);
    let accepted = 0;
    for (let i = 0; i < 2_000; i++) if (agree(mutate({ ...base, ...(rand() < 0.3 ? { reverses: WEIRD[Math.floor(rand() * WEIRD.length)] } : {}) }, rand))) accepted++;
    expect(accepted).toBeGreaterThan(100);
  });

  it('agrees on re-ages and 2,000 seeded mutations of them (issue 13)', () => {
    const base = { id: 'ra', type: 'reAge', on: '2026-03-02', requestedBy: 'officer-1', approvedBy: 'manager-1', note: 'hardship ended' };
    expect(agree(base)).toBe(true);
    const rand = prng(13);
    let accepted = 0;
    for (let i = 0; i < 2_000; i++) if (agree(mutate(base, rand))) accepted++;
    expect(accepted).toBeGreaterThan(100);
  });

  it('leaves the cross-field problems to zod', () => {
    const cases = [
      { id: 'p', type: 'promiseToPay', on: '2026-03-02', amount: '1.00', by: '2026-03-01' },
      { id: 'x', type: 'extension', on: '2026-03-02', newMaturity: '2026-03-02', requestedBy: 'a', approvedBy: 'b' },
      { id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'hardship', value: 'yes' },
      { id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'debtRatio', value: true },
      { id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'debtRatio', value: -0.5 },
      { id: 'n', type: 'payment', on: '2026-03-02', amount: '0.00' },
      { id: 'n', type: 'payment', on: '2026-03-02', amount: '1.00', extra: 1 },
      { id: ' ', type: 'payment', on: '2026-03-02', amount: '1.00' },
    ];
    for (const c of cases) {
      expect(acceptEvent(c, 0), JSON.stringify(c)).toBeUndefined();
      expect(loanEventSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
    }
    // An unknown indicator is the engine's business, not the schema's: both accept it.
    expect(agree({ id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'weather', value: 'rain' })).toBe(true);
    expect(agree({ id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'debtRatio', value: 0.72 })).toBe(true);
  });

  it('gives the same history, or the same issues, with the fast path on and off', () => {
    const rand = prng(14);
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const h = JSON.parse(JSON.stringify(book[i % book.length])) as { events: Record<string, unknown>[] };
      // Half the histories get a few broken events.
      if (i % 2 === 1) {
        for (let k = 0; k < 3 && h.events.length > 0; k++) {
          const at = Math.floor(rand() * h.events.length);
          h.events[at] = mutate(h.events[at] as Record<string, unknown>, rand) as Record<string, unknown>;
        }
      }
      const fast = checkHistoryValue(h, 'book.jsonl', true);
      const slow = checkHistoryValue(h, 'book.jsonl', false);
      expect(fast).toStrictEqual(slow);
      if (!slow.ok) refused++;
    }
    expect(refused).toBeGreaterThan(50);
  });
});

describe('acceptEvent: the generated acceptors and the loop (decision 378)', () => {
  const generatedBy = acceptors(true);
  const looping = acceptors(false);

  /** Both acceptors of the event's type give the same answer: undefined, or the same keys and values. */
  function same(raw: unknown): boolean {
    if (typeof raw !== 'object' || raw === null) return false;
    const type = (raw as { type?: unknown }).type;
    if (typeof type !== 'string') return false;
    const g = generatedBy.get(type);
    const l = looping.get(type);
    expect(g === undefined).toBe(l === undefined);
    if (g === undefined || l === undefined) return false;
    const a = g(raw as Record<string, unknown>, 3);
    const b = l(raw as Record<string, unknown>, 3);
    expect(a === undefined, JSON.stringify(raw)).toBe(b === undefined);
    if (a === undefined || b === undefined) return false;
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(a).toStrictEqual(b);
    return true;
  }

  it('accept the same events, with the same keys in the same order (generated and 20,000 mutated)', () => {
    for (const e of generated) same(e);
    const rand = prng(378);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      if (same(mutate(generated[Math.floor(rand() * generated.length)] as Record<string, unknown>, rand))) accepted++;
    }
    expect(accepted).toBeGreaterThan(1_000);
    // An optional key given as undefined, and an inherited field, each as the loop decides.
    same({ id: 'c', type: 'contactAttempt', on: '2026-03-02', at: '2026-03-02T09:00:00Z', party: 'borrower', channel: 'phone', outcome: 'reached', number: undefined });
    same({ id: 'c', type: 'payment', on: '2026-03-02', amount: undefined });
    same(Object.assign(Object.create({ amount: '1.00' }) as object, { id: 'p', type: 'payment', on: '2026-03-02' }));
  });

  it('write any field name as a string literal, never as code', () => {
    const names = ['a"b', 'c\\d', '*/x', 'e\u2028f', 'g\u2029h', "');throw 1;('"];
    const specs = names.map((name) => ({ name, check: anyString, optional: false }));
    const source = acceptorSource(specs);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the test of the generated text
    const accept = (new Function('hasOwn', 'NO', 'cross', ...names.map((_, i) => `c${String(i)}`), source) as (...a: unknown[]) => (raw: unknown, seq: number) => unknown)(Object.hasOwn, Symbol('no'), () => true, ...names.map(() => anyString));
    const raw = JSON.parse(JSON.stringify(Object.fromEntries(names.map((n) => [n, n])))) as Record<string, unknown>;
    const out = accept(raw, 1) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([...names, 'seq']);
    for (const n of names) expect(Object.getOwnPropertyDescriptor(out, n)?.value).toBe(n);
  });
});
