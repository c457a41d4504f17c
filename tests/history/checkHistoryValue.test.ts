import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptLoan } from '../../src/contract/acceptLoan';
import { loanContractSchema } from '../../src/contract/LoanContract';
import { acceptEvent } from '../../src/history/acceptEvent';
import { EVENT_TYPES, loanEventSchema } from '../../src/history/events';
import { checkHistoryValue, MAX_EVENTS_PER_LOAN } from '../../src/history/parseHistory';
import { generatePortfolio } from '../../src/portfolio/generate';
import { jsonSchemas } from '../../src/rules/jsonSchemas';
import { prng } from '../support/prng';

// The fast validation path (acceptLoan + acceptEvent, zod only for what they leave) against the pure-zod
// path (`checkHistoryValue(…, false)`), over whole histories: the same accept/refuse decision, the same
// value (deep-equal and the same JSON text, key order included) and the same issues, word for word.
// Inputs: generated books and every fixture history, valid and mutated (wrong types, missing and extra
// keys, bad dates and amounts, huge numbers, __proto__/constructor keys, deep nesting, unknown types,
// values only a JS caller can pass), and every event type and optional field the schema has.

type Json = Record<string, unknown>;

/** JSON text of a result, bigints (rates) included, so key order and every value are compared. */
const text = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

/** Asserts both paths agree on `history`; returns whether it was accepted. */
function agree(history: unknown, file = 'book.jsonl'): boolean {
  const fast = checkHistoryValue(history, file, true);
  const slow = checkHistoryValue(history, file, false);
  expect(fast.ok).toBe(slow.ok);
  expect(text(fast)).toBe(text(slow));
  expect(fast).toStrictEqual(slow);
  return slow.ok;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function histories(dir: string): Json[] {
  const out: Json[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...histories(path));
    else if (name.endsWith('.json')) {
      try {
        const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        if (typeof v === 'object' && v !== null && 'loan' in v && 'events' in v) out.push(v);
      } catch {
        // A fixture that is not JSON (a parse-error test) is not a history.
      }
    }
  }
  return out;
}

const fixtures = [...histories('tests/fixtures'), ...histories('tests/history/fixtures'), ...histories('examples')];
const book = [...generatePortfolio({ seed: 1414, loans: 120, asOf: '2026-06-16', years: 3 })].map((h) => clone(h) as unknown as Json);

// The schema's own list of event types and fields (the shipped JSON Schema is generated from the zod schemas).
type Props = { properties: Record<string, Json>; required?: string[] };
const historySchema = jsonSchemas()['history.schema.json'] as unknown as { properties: { loan: Props; events: { items: { oneOf: Props[] } } } };
const eventShapes = new Map(historySchema.properties.events.items.oneOf.map((s) => [String(s.properties['type']?.['const']), s]));
const loanShape = historySchema.properties.loan;

/** A valid value for each event field the schema has (a new field fails the coverage test until added). */
const EVENT_VALUES: Readonly<Record<string, unknown>> = {
  id: 'e-x', type: 'payment', on: '2026-03-10', note: 'a note', amount: '120.50', by: '2026-03-20', at: '2026-03-10T09:30:00+08:00', party: 'borrower',
  partyId: 'B-2', channel: 'phone', outcome: 'reached', number: '138****0000', found: true, photos: 3, kind: 'onSite', collateralId: 'C-1',
  receiptSigned: false, value: '250000.00', description: 'factory fire', rating: 'B', newMaturity: '2028-03-10', requestedBy: 'officer-1',
  approvedBy: 'manager-1', agencyId: 'AG-1', reason: 'recalled', collectorId: 'K-1', indicator: 'debtRatio', reverses: 'e01', name: 'bureauScore',
  termMonths: 12, repayment: 'equalPrincipal', schedule: [{ dueOn: '2026-09-10', principal: '500000.00', interest: '100.00' }],
};
/** Per type where a field's valid value differs from the table above. */
const TYPE_VALUES: Readonly<Record<string, Json>> = {
  collateralValuation: { value: '250000.00' },
  riskSignal: { value: '0.72' },
  observation: { value: 712 },
  noticeSent: { party: 'guarantor', partyId: 'G-1' },
  contactAttempt: { party: 'contact', partyId: 'c1' },
};

const fixture = JSON.parse(readFileSync('tests/history/fixtures/every-event-type.json', 'utf8')) as { loan: Json; events: Json[] };

function eventOf(type: string, fields: readonly string[]): Json {
  const e: Json = {};
  for (const f of fields) e[f] = f === 'type' ? type : (TYPE_VALUES[type]?.[f] ?? EVENT_VALUES[f]);
  return e;
}

describe('checkHistoryValue: the fast path + zod fallback agrees with the pure-zod path (issue 14, item 2)', () => {
  it('enumerates every event type and field from the schema, and has a valid value for each', () => {
    expect([...eventShapes.keys()].sort()).toEqual([...EVENT_TYPES].sort());
    for (const [, s] of eventShapes) for (const f of Object.keys(s.properties)) expect(EVENT_VALUES[f], f).toBeDefined();
  });

  it('every event type, with only its required fields, with each optional field, and with all of them', () => {
    let fast = 0;
    for (const [type, s] of eventShapes) {
      const all = Object.keys(s.properties);
      const required = s.required ?? [];
      const optional = all.filter((f) => !required.includes(f));
      const variants = [required, all, ...optional.map((f) => [...required, f])];
      for (const fields of variants) {
        const e = eventOf(type, fields);
        // Both checks on the lone event, then inside a history beside the fixture's events.
        const zod = loanEventSchema.safeParse(e, { reportInput: true });
        const accepted = acceptEvent(e, 0);
        if (accepted !== undefined) {
          fast++;
          expect(zod.success, `${type} ${fields.join(',')}`).toBe(true);
          if (zod.success) expect(text(accepted)).toBe(text({ ...zod.data, seq: 0 }));
        }
        // Everything but a restructure (left to zod on purpose) is valid here and taken by the fast path.
        if (type !== 'restructure') {
          expect(accepted, `${type} ${fields.join(',')}: ${JSON.stringify(zod.success ? 'ok' : zod.error.issues)}`).toBeDefined();
        }
        agree({ loan: fixture.loan, events: [...fixture.events, { ...e, id: 'e-new' }] });
      }
    }
    expect(fast).toBeGreaterThan(60);
  });

  it('every loan field, nested ones included, alone and all together', () => {
    const base = fixture.loan;
    const withField = (path: string[], value: unknown): Json => {
      const loan = clone(base);
      let at: Json = loan;
      for (const k of path.slice(0, -1)) at = (Array.isArray(at[k]) ? (at[k] as Json[])[0] : at[k]) as Json;
      at[path[path.length - 1] as string] = value;
      return loan;
    };
    const loanProps = Object.keys(loanShape.properties);
    expect(loanProps).toEqual(expect.arrayContaining(['timeZone', 'currency', 'attributes', 'schedule', 'firstDueOn', 'penaltyRate', 'selfPaid']));
    const samples: Readonly<Record<string, unknown>> = {
      timeZone: 'America/New_York', currency: 'USD', attributes: { product: 'auto', region: { city: 'Shanghai' }, tags: ['a', 1, null] },
      firstDueOn: '2026-03-01', penaltyRate: '0.09', selfPaid: false, termMonths: 36, repayment: 'bullet', riskRating: 'AA',
    };
    let accepted = 0;
    for (const key of loanProps) {
      const loan = key in samples ? withField([key], samples[key]) : clone(base);
      if (key === 'repayment') delete loan['firstDueOn'];
      if (key === 'schedule') {
        loan['schedule'] = [{ dueOn: '2026-07-10', principal: '500000.00', interest: '1000.00' }];
        delete loan['firstDueOn'];
      }
      if (agreeLoan(loan)) accepted++;
      const without = clone(base);
      delete without[key];
      agreeLoan(without);
    }
    for (const key of ['contacts', 'riskRating']) {
      const without = clone(base);
      delete (without['borrower'] as Json)[key];
      expect(agreeLoan(without)).toBe(true);
    }
    const all = clone(base);
    for (const key of ['timeZone', 'currency', 'attributes']) all[key] = samples[key];
    expect(agreeLoan(all)).toBe(true);
    expect(acceptLoan(all)).toBeDefined();
    expect(accepted).toBeGreaterThan(8);
  });

  it('generated books and every fixture history, as they are', () => {
    let accepted = 0;
    for (const h of [...book, ...fixtures]) if (agree(h)) accepted++;
    expect(accepted).toBeGreaterThan(book.length);
  });

  it('5,000 seeded mutations of generated and fixture histories', { timeout: 300_000 }, () => {
    const rand = prng(20_261_207);
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 5_000; i++) {
      // Fixtures (short, every event type) twice as often as generated three-year books.
      const h = clone(pick(rand() < 0.66 ? fixtures : book, rand));
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n; k++) mutateHistory(h, rand);
      if (agree(h)) accepted++;
      else refused++;
    }
    // Both sides of the line are exercised.
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(2_000);
  });

  it('regression: a hole in a sparse events array is skipped, as before the loop was rewritten', () => {
    const pay = (id: string): Json => ({ id, type: 'payment', on: '2026-03-02', amount: '1.00' });
    const events: unknown[] = [pay('p0')];
    events[2] = pay('p2');
    for (const fast of [true, false]) {
      const r = checkHistoryValue({ loan: fixture.loan, events }, 'h.json', fast);
      expect(r.ok && r.value.events.map((e) => e.seq)).toEqual([0, 2]);
    }
  });

  it('regression guards: inputs the fast path must leave to zod', () => {
    const loan = fixture.loan;
    const pay = { id: 'p', type: 'payment', on: '2026-03-02', amount: '1.00' };
    // Values only a JS caller can pass: whatever zod makes of them, the fast path must make the same.
    const either: unknown[] = [
      // An own "__proto__" key of an event or loan: the fast path leaves it to zod, which drops it, and the
      // zod path refuses it as json.forbiddenKey (decision 432); tests/history/ownProtoKeys.test.ts.
      { loan, events: [JSON.parse('{"id":"p","type":"payment","on":"2026-03-02","amount":"1.00","__proto__":{"amount":"2.00"}}')] },
      { loan: JSON.parse(`{"__proto__":{"id":"x"},${JSON.stringify(loan).slice(1)}`), events: [] },
      { loan, events: [Object.assign(Object.create({ amount: '1.00' }) as Json, { id: 'p', type: 'payment', on: '2026-03-02' })] },
      { loan, events: [{ ...pay, note: undefined }] },
      { loan, events: [{ id: 'c', type: 'contactAttempt', on: '2026-03-02', at: '2026-03-02T09:00:00Z', party: 'borrower', channel: 'sms', outcome: 'reached', partyId: undefined }] },
      { loan: { ...loan, timeZone: undefined }, events: [] },
      { loan: { ...loan, borrower: { ...(loan['borrower'] as Json), riskRating: undefined } }, events: [] },
    ];
    for (const c of either) agree(c);
    const cases: unknown[] = [
      { loan, events: [{ ...pay, '': 1 }] },
      { loan, events: [{ ...pay, constructor: 'x' }] },
      { loan, events: [Object.assign(Object.create({ note: 'inherited' }) as Json, pay, { extra: 1 })] },
      { loan, events: [{ ...pay, amount: undefined }] },
      { loan, events: [{ id: 'p', type: 'promiseToPay', on: '2026-03-02', amount: '1.00', by: '2026-03-01' }] },
      { loan, events: [{ id: 'x', type: 'extension', on: '2026-03-02', newMaturity: '2026-03-02', requestedBy: 'a', approvedBy: 'b' }] },
      { loan, events: [{ id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'hardship', value: 'yes' }] },
      { loan, events: [{ id: 'r', type: 'riskSignal', on: '2026-03-02', indicator: 'debtRatio', value: -0.5 }] },
      { loan, events: [{ id: 'o', type: 'observation', on: '2026-03-02', name: 'constructor', value: 1 }] },
      { loan, events: [{ id: 'o', type: 'observation', on: '2026-03-02', name: 'score', value: 'a'.repeat(501) }] },
      { loan, events: [{ ...pay, on: '2025-12-31' }] },
      { loan, events: [{ id: 'c', type: 'contactAttempt', on: '2026-03-02', at: '2026-03-02T09:00:00Z', party: 'guarantor', partyId: 'G-9', channel: 'sms', outcome: 'reached' }] },
      { loan, events: [{ id: 'v', type: 'collateralValuation', on: '2026-03-02', collateralId: 'C-9', value: '1.00' }] },
      { loan, events: [pay, { ...pay, amount: '2.00' }] },
      { loan: { ...loan, '': 1 }, events: [] },
      { loan: Object.assign(Object.create({ currency: 'USD' }) as Json, loan, { extra: 1 }), events: [] },
      { loan: { ...loan, borrower: { ...(loan['borrower'] as Json), contacts: [{ id: 'c1', relation: 'x' }, { id: 'c1', relation: 'y' }] } }, events: [] },
      { loan: { ...loan, guarantors: [{ id: 'G-1' }, { id: 'G-1' }] }, events: [] },
      { loan: { ...loan, firstDueOn: '2026-01-10' }, events: [] },
      { loan: { ...loan, firstDueOn: '2026-03-11' }, events: [] },
      { loan: { ...loan, repayment: 'bullet' }, events: [] },
      { loan: { ...loan, termMonths: undefined }, events: [] },
      { loan: { ...loan, annualRate: '1.0' }, events: [] },
      { loan: { ...loan, attributes: nested(10) }, events: [] },
      { loan, events: new Array<unknown>(MAX_EVENTS_PER_LOAN + 1).fill(pay) },
    ];
    cases.forEach((c, i) => expect(agree(c), `case ${i}`).toBe(false));
    expect(({} as Json)['amount']).toBeUndefined();
  });
});

/** The loan alone, both ways: acceptLoan never accepts what zod refuses, and gives zod's value when it accepts. */
function agreeLoan(loan: unknown): boolean {
  const zod = loanContractSchema.safeParse(loan, { reportInput: true });
  const fast = acceptLoan(loan);
  if (fast !== undefined) {
    expect(zod.success, text(loan)).toBe(true);
    if (zod.success) {
      expect(text(fast)).toBe(text(zod.data));
      expect(fast).toStrictEqual(zod.data);
    }
  }
  agree({ loan, events: fixture.events });
  return zod.success;
}

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
}

const WEIRD: readonly unknown[] = [
  undefined, null, true, false, 0, -0, -1, 1.5, 10_001, 2 ** 53, 1e308, Number.POSITIVE_INFINITY, Number.NaN, 12n, '', ' ', 'x', '\u2028', 'e\u0000',
  'a'.repeat(129), 'a'.repeat(128), 'a'.repeat(501), '2026-02-30', '2026-13-01', '1899-12-31', '9999-12-31', '2026-2-1', '2026-02-15', '2026-03-02', '2026-01-09', '2026-03-20', '2026-04-30',
  '2026-02-15T09:00:00', '2026-02-15T09:00:00+08:00', '2026-02-15T24:00:00Z', '0.00', '-1.00', '1.0', '1.00', '1e3', '１００.００', '100.001',
  '99999999999999.99', '999999999999999999.99', '0.72', 0.72, '1000000.1', '0.0435', '4.35', [], {}, { a: 1 }, nested(3), nested(2_000),
  'borrower', 'contact', 'guarantor', 'phone', 'reached', 'payment', 'riskSignal', 'debtRatio', 'hardship', 'restructure', 'observation', 'paymnet',
  'Asia/Shanghai', 'Asia/Beijing', 'CNY', 'RMB', 'bullet', 'equalInstallment', 'retail', 'G-1', 'C-1', 'c1', '__proto__', 'constructor', 12, 480, 481,
];
const KEYS = [...new Set([...[...eventShapes.values()].flatMap((s) => Object.keys(s.properties)), ...Object.keys(loanShape.properties), 'extra', '__proto__', 'constructor', 'prototype', ''])];

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** Sets `key` of `target` as JSON.parse would (an own `__proto__` included) or deletes it. */
function poke(target: Json, key: string, rand: () => number): void {
  const r = rand();
  if (r < 0.2) delete target[key];
  else Object.defineProperty(target, key, { value: pick(WEIRD, rand), enumerable: true, configurable: true, writable: true });
}

/** One mutation somewhere in the history: the loan, a nested part of it, an event, or the events list. */
function mutateHistory(h: Json, rand: () => number): void {
  const events = Array.isArray(h['events']) ? (h['events'] as unknown[]) : [];
  const loan = h['loan'] as Json | undefined;
  const r = rand();
  if (r < 0.55 && events.length > 0) {
    const at = Math.floor(rand() * events.length);
    const e = events[at];
    if (typeof e !== 'object' || e === null) return;
    const s = rand();
    if (s < 0.1) (e as Json)['type'] = pick([...EVENT_TYPES, 'paymnet', 'Payment'], rand);
    else if (s < 0.15) events.push({ ...(e as Json) }); // an exact repeat
    else if (s < 0.2) events.push({ ...(e as Json), note: 'changed' }); // the same id, other content
    else if (s < 0.25) events[at] = pick(WEIRD, rand);
    else poke(e as Json, pick(KEYS, rand), rand);
  } else if (r < 0.85 && typeof loan === 'object' && loan !== null) {
    const parts: Json[] = [loan];
    const b = loan['borrower'];
    if (typeof b === 'object' && b !== null) parts.push(b as Json, ...(((b as Json)['contacts'] as Json[] | undefined) ?? []));
    for (const k of ['guarantors', 'collateral', 'schedule']) if (Array.isArray(loan[k])) parts.push(...(loan[k] as Json[]).filter((x) => typeof x === 'object' && x !== null));
    poke(pick(parts, rand), pick(KEYS, rand), rand);
  } else if (r < 0.95) poke(h, pick(['loan', 'events', '$schema', 'extra', '__proto__'], rand), rand);
  else events.reverse();
}
