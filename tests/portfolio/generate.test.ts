import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/replay';
import type { ReplayOutput } from '../../src/engine/output';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { parseMoney } from '../../src/money/fen';
import { generatePortfolio } from '../../src/portfolio/generate';
import { createRandom, mix32 } from '../../src/portfolio/random';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { errorText } from '../support/errorText';

const AS_OF = '2026-06-30';
const book = [...generatePortfolio({ seed: 42, loans: 300, asOf: AS_OF })];
const pack = cnDefaultPack();
const fen = (s: string) => {
  const r = parseMoney(s);
  if (!r.ok) throw new Error(`not money: ${s}`);
  return r.fen;
};
const share = (n: number, of: number) => n / of;

describe('createRandom', () => {
  it('is deterministic per seed and stream, and streams differ', () => {
    const draw = (seed: number, stream: number) => {
      const r = createRandom(seed, stream);
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
    expect(mix32(0)).not.toBe(mix32(1));
  });

  it('draws integers in range, uniformly enough, and weighted picks in proportion', () => {
    const r = createRandom(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const v = r.int(1, 6);
      expect(v >= 1 && v <= 6 && Number.isInteger(v)).toBe(true);
      counts[v - 1] = (counts[v - 1] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    let heads = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 3], ['b', 1]]) === 'a') heads++;
    expect(Math.abs(heads - 7_500)).toBeLessThan(300);
    let yes = 0;
    for (let i = 0; i < 10_000; i++) if (r.chance(100)) yes++;
    expect(Math.abs(yes - 1_000)).toBeLessThan(150);
  });

  it('refuses ranges it cannot draw exactly', () => {
    expect(() => createRandom(1).int(0, 2 ** 22)).toThrow(RangeError);
    expect(() => createRandom(1).pick([])).toThrow(RangeError);
  });
});

describe('generatePortfolio: determinism', () => {
  it('the same seed gives byte-identical histories; another seed, other histories', () => {
    const again = [...generatePortfolio({ seed: 42, loans: 300, asOf: AS_OF })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(book));
    const other = [...generatePortfolio({ seed: 43, loans: 300, asOf: AS_OF })];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(book));
    expect(other.filter((h, i) => JSON.stringify(h) === JSON.stringify(book[i])).length).toBe(0);
  });

  it('loan i depends only on the seed and i: a book generates in slices', () => {
    const slice = [...generatePortfolio({ seed: 42, loans: 20, asOf: AS_OF, firstLoan: 100 })];
    expect(slice).toEqual(book.slice(100, 120));
    expect(slice[0]?.loan.id).toBe('L-000101');
  });

  it('is lazy: options are checked at once, loans made one at a time', () => {
    const it = generatePortfolio({ seed: 1, loans: 1_000_000, asOf: AS_OF });
    expect(it.next().value?.loan.id).toBe('L-000001');
    expect(() => generatePortfolio({ seed: -1, loans: 1.5, asOf: '2026-02-30', years: 0 })).toThrow(/seed/);
    expect(errorText(() => generatePortfolio({ seed: -1, loans: 1.5, asOf: '2026-02-30', years: 0 }))).toMatchInlineSnapshot(`
      "✖ The seed must be a whole number from 0 to 4294967295, got the number -1
        → at options.seed
        hint: give any whole number, e.g. 42, and keep it to regenerate the same portfolio
      ✖ The number of loans must be a whole number from 0 to 1000000, got the number 1.5
        → at options.loans
        hint: e.g. 1000
      ✖ The spread of disbursements must be a whole number of years from 1 to 10, got the number 0
        → at options.years
        hint: leave it out for 3 years
      ✖ The as-of date must be a real date written YYYY-MM-DD, got "2026-02-30"
        → at options.asOf
        hint: e.g. 2026-06-30"
    `);
  });
});

describe('generatePortfolio: every history is valid input', () => {
  const outputs: ReplayOutput[] = [];
  it('parses with parseHistoryValue and replays under cn-default with no instruction rejected', () => {
    for (const h of book) {
      const parsed = parseHistoryValue(h, `${h.loan.id}.json`);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      if (!parsed.ok) continue;
      const out = replay(parsed.value, pack, { asOf: day(AS_OF) });
      expect(out.timeline.filter((e) => e.kind === 'eventRejected')).toEqual([]);
      outputs.push(out);
    }
    expect(outputs).toHaveLength(book.length);
  });

  it('keeps every event between disbursement and as-of, with unique ids and contact dates in local time', () => {
    for (const h of book) {
      const ids = new Set(h.events.map((e) => e.id));
      expect(ids.size).toBe(h.events.length);
      for (const e of h.events) {
        expect(e.on >= h.loan.disbursedOn && e.on <= AS_OF).toBe(true);
        if (e.type === 'contactAttempt') expect(String(e['at']).slice(0, 10)).toBe(e.on);
      }
    }
  });

  it('replays into a realistic spread of states, buckets and classes', () => {
    const states = new Set(outputs.map((o) => o.state));
    for (const s of ['normal', 'settled', 'outsourced']) expect(states).toContain(s);
    const onBook = outputs.filter((o) => o.state !== 'settled' && o.state !== 'writtenOff');
    expect(share(onBook.filter((o) => o.dpd === 0).length, onBook.length)).toBeGreaterThan(0.85);
    expect(onBook.some((o) => o.classification === 'specialMention')).toBe(true);
    expect(onBook.some((o) => o.classification === 'substandard' || o.classification === 'doubtful' || o.classification === 'loss')).toBe(true);
    expect(outputs.some((o) => o.timeline.some((e) => e.kind === 'bucketChanged' && e.from === 'M1' && e.to === 'M0'))).toBe(true);
    expect(outputs.some((o) => o.tasks.some((t) => t.status === 'late')) && outputs.some((o) => o.tasks.some((t) => t.status === 'breached'))).toBe(true);
  });
});

describe('generatePortfolio: the mix', () => {
  const loans = book.map((h) => h.loan);
  const events = (type: string) => book.flatMap((h) => h.events.filter((e) => e.type === type).map((e) => ({ h, e })));

  it('repayment methods: mostly equal instalments, every method present', () => {
    const count = (m: string) => loans.filter((l) => l.repayment === m).length;
    expect(share(count('equalInstallment'), loans.length)).toBeGreaterThan(0.5);
    for (const m of ['equalPrincipal', 'interestOnly', 'bullet']) expect(count(m)).toBeGreaterThan(0);
    for (const l of loans) if (l.repayment === 'bullet') expect(l.termMonths).toBeLessThanOrEqual(12);
  });

  it('amounts, terms, security and dates in range', () => {
    const asOf = day(AS_OF);
    for (const l of loans) {
      const principal = fen(l.principal);
      if (l.borrower.kind === 'retail') expect(principal >= 5_000_00 && principal <= 300_000_00).toBe(true);
      else expect(principal >= 500_000_00 && principal <= 9_000_000_00).toBe(true);
      expect(l.termMonths >= 6 && l.termMonths <= 36).toBe(true);
      const age = asOf - day(l.disbursedOn);
      expect(age >= 1 && age <= 3 * 365).toBe(true);
    }
    const corporate = loans.filter((l) => l.borrower.kind === 'corporate');
    expect(corporate.length).toBeGreaterThan(5);
    expect(corporate.some((l) => fen(l.principal) >= 1_000_000_00)).toBe(true);
    expect(loans.some((l) => l.guarantors.length > 0) && loans.some((l) => l.collateral.length > 0)).toBe(true);
    const borrowers = new Set(loans.map((l) => l.borrower.id));
    expect(borrowers.size).toBeLessThan(loans.length); // some borrowers have two loans
  });

  it('contacts mostly in 08:00–22:00 local time, a few in quiet hours', () => {
    const hours = events('contactAttempt').map(({ e }) => Number(String(e['at']).slice(11, 13)));
    const quiet = hours.filter((h) => h < 8 || h >= 22).length;
    expect(quiet).toBeGreaterThan(0);
    expect(share(quiet, hours.length)).toBeLessThan(0.03);
  });

  it('every event type of the brief appears; restructures have four eyes and a term', () => {
    for (const t of ['payment', 'contactAttempt', 'fieldVisit', 'promiseToPay', 'noticeSent', 'inspection', 'agencyPlacement', 'restructure', 'collateralValuation']) {
      expect(events(t).length, t).toBeGreaterThan(0);
    }
    for (const { e } of events('restructure')) {
      expect(e['requestedBy']).not.toBe(e['approvedBy']);
      expect(Number.isInteger(e['termMonths'])).toBe(true);
    }
  });

  it('holds no real-looking personal data: ids only, masked numbers', () => {
    const text = JSON.stringify(book);
    expect(text.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g)).toBeNull();
    expect(text.match(/(?<!\d)\d{17}[\dXx](?!\d)/g)).toBeNull();
    expect(text.match(/[\u4e00-\u9fa5]/g)).toBeNull();
    for (const h of book) {
      expect(h.loan.id).toMatch(/^L-\d{6}$/);
      expect(h.loan.borrower.id).toMatch(/^B-\d{6}$/);
    }
    for (const { e } of events('contactAttempt')) if (e['number'] !== undefined) expect(e['number']).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });
});
