import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { millionthsOf, monthsOnBook, nextReAgeWake } from '../../src/engine/reAging';
import { prng } from '../support/prng';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { readPackDir } from '../../src/cli/files';
import { loadPackDir } from '../../src/node';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const pack = unwrap(loadPackDir('rules/us-ffiec'));

function fixture(name: string): History {
  const r = parseHistoryValue(JSON.parse(readFileSync(`tests/fixtures/us-ffiec/${name}.json`, 'utf8')), `${name}.json`);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.value;
}

describe('monthsOnBook: whole calendar months since disbursement', () => {
  it('counts a month on the disbursement day of the month, clamped to short months', () => {
    expect(monthsOnBook(day('2026-01-10'), day('2026-01-10'))).toBe(0);
    expect(monthsOnBook(day('2026-01-10'), day('2026-10-09'))).toBe(8);
    expect(monthsOnBook(day('2026-01-10'), day('2026-10-10'))).toBe(9);
    expect(monthsOnBook(day('2026-01-31'), day('2026-02-27'))).toBe(0);
    expect(monthsOnBook(day('2026-01-31'), day('2026-02-28'))).toBe(1);
    expect(monthsOnBook(day('2026-01-31'), day('2026-03-30'))).toBe(1);
    expect(monthsOnBook(day('2026-01-31'), day('2026-03-31'))).toBe(2);
  });
});

describe('a re-age in the ledger and across snapshots', () => {
  it('a snapshot taken between two re-ages resumes to the full replay (the 12-month window and the payments survive it)', () => {
    const h = fixture('re-ages');
    const asOf = day('2028-02-01');
    for (const split of ['2026-03-01', '2026-07-12', '2026-12-01', '2027-01-11']) {
      const s = day(split);
      const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= s) }, pack, { asOf: s });
      const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
      const resumed = resumeReplay(restored, pack, h.events.filter((e) => e.on > s), { asOf }).output;
      const full = replay(h, pack, { asOf });
      expect(JSON.stringify(resumed), split).toBe(JSON.stringify(full));
    }
  });

  it('the snapshot of a re-aged loan keeps its schedule and re-age state; a cn-default loan has none', () => {
    const h = fixture('re-ages');
    const s = day('2026-03-01');
    const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= s) }, pack, { asOf: s });
    expect(snapshot.state.reAge?.accepted).toEqual([day('2026-01-12')]);
    // 63 instalments: the 60 of the contract and the 3 moved.
    expect(snapshot.state.ledger.schedule).toHaveLength(63);
    const plain = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= s && e.type === 'payment') }, cnDefaultPack(), { asOf: s }).snapshot;
    expect('reAge' in plain.state).toBe(false);
  });

  it('interest and penalty move with the instalment: nothing is forgiven', () => {
    // 1,200.00 at 12 % a year, 12 equal-principal instalments (100.00 + interest) from 2026-02-10, penalty
    // interest at 18 % a year on unpaid principal.
    const r = parseHistoryValue(
      {
        loan: { id: 'P', borrower: { id: 'B', kind: 'retail' }, principal: '1200.00', annualRate: '0.12', penaltyRate: '0.18', disbursedOn: '2026-01-10', termMonths: 12, repayment: 'equalPrincipal', attributes: { creditType: 'openEnd' } },
        events: [],
      },
      'p.json',
    );
    if (!r.ok) throw new Error(formatIssues(r.issues));
    const before = replay(r.value, pack, { asOf: day('2026-04-12') });
    const owed = before.overdue.total;
    // us-ffiec with a re-age permit that holds on any overdue loan, to look at the ledger alone.
    const files = JSON.parse(readFileSync('rules/us-ffiec/urccp.json', 'utf8')) as { rules: { id: string; conditions: unknown }[] };
    for (const rule of files.rules) if (rule.id === 'permit-re-age') rule.conditions = { all: [{ fact: 'dpd', operator: 'greaterThan', value: 0 }] };
    const loose = unwrap(loadPack({ ...readPackDir('rules/us-ffiec'), 'urccp.json': files }, { dir: 'rules/us-ffiec/' }));
    const h: History = { ...r.value, events: [{ id: 'ra', type: 'reAge', on: day('2026-04-12'), requestedBy: 'a', approvedBy: 'b', seq: 0 }] };
    const after = replay(h, loose, { asOf: day('2026-04-12') });
    const moved = after.timeline.find((e) => e.kind === 'scheduleReplaced');
    if (moved?.kind !== 'scheduleReplaced') throw new Error('not re-aged');
    // Feb, Mar and Apr 10 past due: 300.00 of principal; interest and penalty as owed the day before the re-age.
    expect(moved.principal).toBe('300.00');
    // Interest 12.00 + 11.00 + 10.00 (1 % a month on 1,200.00, 1,100.00, 1,000.00); penalty on 100.00 from
    // Feb 10 (61 days), on 100.00 from Mar 10 (33 days), on 100.00 from Apr 10 (2 days): 96 days × 100.00 ×
    // 0.18 / 360 = 4.80.
    expect(moved.capitalized).toEqual({ interest: '33.00', penalty: '4.80' });
    const sum = (a: string, b: string, c: string) => ((Math.round(Number(a) * 100) + Math.round(Number(b) * 100) + Math.round(Number(c) * 100)) / 100).toFixed(2);
    expect(sum(moved.principal, moved.capitalized.interest, moved.capitalized.penalty)).toBe(owed);
    expect([after.dpd, after.overdue.total, after.outstanding.principal]).toEqual([0, '0.00', before.outstanding.principal]);
    expect([moved.firstDueOn, moved.maturity, moved.instalments]).toEqual(['2027-02-10', '2027-04-10', 3]);
  });
});

describe('nextReAgeWake: the next day a re-age fact read on review days changes', () => {
  type WakeRun = Parameters<typeof nextReAgeWake>[0];
  const runWith = (facts: string[], type = 'classify'): WakeRun =>
    ({
      pack: { rules: [{ decision: { type }, facts }] },
      history: { loan: { disbursedOn: day('2026-01-31') } },
      restructuring: { reAge: { accepted: [day('2026-03-15'), day('2026-05-10')], payments: [{ on: day('2026-05-20'), amount: 100 }] } },
    }) as unknown as WakeRun;

  it('each fact read daily wakes the loan on its own day; facts read by none, or only by permits of instructions, never do', () => {
    const d = day('2026-06-01');
    expect(nextReAgeWake(runWith([]), d)).toBeUndefined();
    expect(nextReAgeWake(runWith(['reAgesLast12Months', 'monthsOnBook', 'instalmentsPaidLast3Months'], 'permit'), d)).toBeUndefined();
    // A month on book ends on the 30th in June (the 31st clamped).
    expect(nextReAgeWake(runWith(['monthsOnBook']), d)).toBe(day('2026-06-30'));
    // The payment of 2026-05-20 leaves the 3-month window on 2026-08-20.
    expect(nextReAgeWake(runWith(['instalmentsPaidLast3Months']), d)).toBe(day('2026-08-20'));
    // The re-age of 2026-03-15 leaves the 12-month window on its anniversary, the 5-year one later.
    expect(nextReAgeWake(runWith(['reAgesLast12Months']), d)).toBe(day('2027-03-15'));
    expect(nextReAgeWake(runWith(['reAgesLast5Years']), d)).toBe(day('2031-03-15'));
    expect(nextReAgeWake(runWith(['reAgesLast5Years', 'instalmentsPaidLast3Months', 'reAgesLast12Months']), d)).toBe(day('2026-08-20'));
    // Past the last window nothing is left to wait for.
    expect(nextReAgeWake(runWith(['reAgesLast12Months']), day('2027-05-10'))).toBeUndefined();
  });
});

describe('millionthsOf: the instalments paid, as the bigint division gives them (decision 379)', () => {
  it('agrees with the bigint division on edge and random amounts', () => {
    const reference = (paid: number, instalment: number): number => Number((BigInt(paid) * 1_000_000n) / BigInt(instalment));
    const amounts = [0, 1, 2, 3, 7, 999_999, 1_000_000, 1_000_001, 9_007_199_254, 9_007_199_255, 123_456_789_012, Number.MAX_SAFE_INTEGER];
    for (const paid of amounts) for (const instalment of amounts.slice(1)) expect(millionthsOf(paid, instalment), `${paid}/${instalment}`).toBe(reference(paid, instalment));
    const rand = prng(379);
    for (let i = 0; i < 20_000; i++) {
      const paid = Math.floor(rand() * 10 ** Math.floor(rand() * 16));
      const instalment = 1 + Math.floor(rand() * 10 ** Math.floor(rand() * 12));
      expect(millionthsOf(paid, instalment)).toBe(reference(paid, instalment));
    }
  });
});
