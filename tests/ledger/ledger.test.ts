import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstalments, type Instalment } from '../../src/contract/schedule';
import { applyPayment, createLedger, payoffAt, positionAt, replaceSchedule, type Ledger, type PaymentAllocation } from '../../src/ledger/ledger';
import { parseRate, type Rate } from '../../src/money/rate';
import type { AllocationComponent } from '../../src/rules/vocabulary';
import { addDays, day, type Day } from '../../src/time/day';

const PIP: readonly AllocationComponent[] = ['penalty', 'interest', 'principal'];
const PRINCIPAL_FIRST: readonly AllocationComponent[] = ['principal', 'interest', 'penalty'];

function rate(text: string): Rate {
  const r = parseRate(text);
  if (r === undefined) throw new Error(`bad rate ${text}`);
  return r;
}

const inst = (index: number, dueOn: string, principal: number, interest: number): Instalment => ({ index, dueOn: day(dueOn), principal, interest });

/** Three instalments of 1,000.00 principal and 10.00 interest, due at month ends. */
const THREE: readonly Instalment[] = [
  inst(1, '2026-01-31', 100_000, 1_000),
  inst(2, '2026-02-28', 100_000, 1_000),
  inst(3, '2026-03-31', 100_000, 1_000),
];

/** Five instalments of 1,000.00 principal and 10.00 interest, due at month ends. */
const FIVE: readonly Instalment[] = [
  ...THREE,
  inst(4, '2026-04-30', 100_000, 1_000),
  inst(5, '2026-05-31', 100_000, 1_000),
];

/** 18 % a year: 100,000 fen of principal accrues 100,000 × 0.18 / 360 = 50 fen of penalty a day. */
const PENALTY_18 = rate('0.18');

const at = (l: Ledger, d: string) => positionAt(l, day(d));
const pay = (l: Ledger, d: string, fen: number) => applyPayment(l, day(d), fen);

describe('days past due', () => {
  it('is 0 up to and on the due date and 1 the day after', () => {
    const l = createLedger(THREE, undefined, PIP);
    expect(at(l, '2026-01-30').dpd).toBe(0);
    expect(at(l, '2026-01-31').dpd).toBe(0);
    expect(at(l, '2026-02-01').dpd).toBe(1);
    expect(at(l, '2026-03-02').dpd).toBe(30);
    expect(at(l, '2026-03-03').dpd).toBe(31);
    expect(at(l, '2026-02-01').oldestOpenDueOn).toBe(day('2026-01-31'));
  });

  it('an instalment is due (interest outstanding) on its due date and overdue the day after', () => {
    const l = createLedger(THREE, undefined, PIP);
    expect(at(l, '2026-01-30').outstanding).toEqual({ principal: 300_000, interest: 0, penalty: 0, total: 300_000 });
    expect(at(l, '2026-01-31').outstanding).toEqual({ principal: 300_000, interest: 1_000, penalty: 0, total: 301_000 });
    expect(at(l, '2026-01-31').overdue).toEqual({ principal: 0, interest: 0, penalty: 0, total: 0 });
    expect(at(l, '2026-02-01').overdue).toEqual({ principal: 100_000, interest: 1_000, penalty: 0, total: 101_000 });
  });

  it('paying on the due date keeps DPD at 0 and the instalment is not missed', () => {
    const l = createLedger(THREE, undefined, PIP);
    expect(pay(l, '2026-01-31', 101_000)).toEqual({ penalty: 0, interest: 1_000, principal: 100_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(at(l, '2026-02-01')).toMatchObject({ dpd: 0, oldestOpenDueOn: day('2026-02-28'), consecutiveMissed: 0, cumulativeMissed: 0 });
  });

  it('a partial payment keeps DPD counting from the oldest instalment', () => {
    const l = createLedger(THREE, undefined, PIP);
    expect(pay(l, '2026-02-10', 50_000)).toMatchObject({ interest: 1_000, principal: 49_000, overpaid: 0 });
    expect(at(l, '2026-02-10')).toMatchObject({ dpd: 10, oldestOpenDueOn: day('2026-01-31') });
    expect(at(l, '2026-02-20').dpd).toBe(20);
    // Instalment 2 falls due meanwhile; DPD still counts from instalment 1.
    expect(at(l, '2026-03-01')).toMatchObject({
      dpd: 29,
      overdue: { principal: 51_000 + 100_000, interest: 1_000, penalty: 0, total: 152_000 },
    });
  });

  it('paying two overdue instalments at once clears both and DPD falls to 0', () => {
    const l = createLedger(THREE, PENALTY_18, PIP);
    // On 2026-03-05 instalment 1 is 33 days late (penalty 33 × 50 = 1650), instalment 2 is 5 days late (250).
    expect(at(l, '2026-03-05')).toMatchObject({
      dpd: 33,
      overdue: { principal: 200_000, interest: 2_000, penalty: 1_900, total: 203_900 },
      consecutiveMissed: 2,
      cumulativeMissed: 2,
    });
    expect(pay(l, '2026-03-05', 203_900)).toEqual({ penalty: 1_900, interest: 2_000, principal: 200_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(at(l, '2026-03-05')).toMatchObject({
      dpd: 0,
      oldestOpenDueOn: day('2026-03-31'),
      overdue: { principal: 0, interest: 0, penalty: 0, total: 0 },
      outstanding: { principal: 100_000, interest: 0, penalty: 0, total: 100_000 },
      fullyRepaid: false,
    });
    expect(l.clearedOn).toEqual([day('2026-03-05'), day('2026-03-05'), -1]);
  });

  // Regression: an instalment owing nothing (a grace month of an explicit schedule, or the tail of a tiny
  // generated schedule) was only cleared when a payment happened to reach it, so DPD counted from it.
  it('an instalment that owes nothing is never overdue or missed', () => {
    const l = createLedger([inst(1, '2026-01-31', 0, 0), inst(2, '2026-02-28', 100_000, 1_000)], undefined, PIP);
    expect(at(l, '2026-02-10')).toMatchObject({ dpd: 0, oldestOpenDueOn: day('2026-02-28'), consecutiveMissed: 0, cumulativeMissed: 0 });
    pay(l, '2026-02-28', 101_000);
    expect(at(l, '2026-03-01')).toMatchObject({ dpd: 0, consecutiveMissed: 0, cumulativeMissed: 0, fullyRepaid: true });
  });
});

describe('allocation order', () => {
  // Instalment 1 is 10 days late on 2026-02-10: penalty 100,000 × 0.18 × 10 / 360 = 500 fen.
  it('penalty → interest → principal pays the penalty and interest first', () => {
    const l = createLedger(THREE, PENALTY_18, PIP);
    expect(pay(l, '2026-02-10', 50_000)).toEqual({ penalty: 500, interest: 1_000, principal: 48_500, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(at(l, '2026-02-10').overdue).toEqual({ principal: 51_500, interest: 0, penalty: 0, total: 51_500 });
    // One more day on 51,500 of principal: 51,500 × 0.18 / 360 = 25.75 → 26.
    expect(at(l, '2026-02-11').overdue).toEqual({ principal: 51_500, interest: 0, penalty: 26, total: 51_526 });
  });

  it('principal → interest → penalty pays the principal first', () => {
    const l = createLedger(THREE, PENALTY_18, PRINCIPAL_FIRST);
    expect(pay(l, '2026-02-10', 50_000)).toEqual({ penalty: 0, interest: 0, principal: 50_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(at(l, '2026-02-10').overdue).toEqual({ principal: 50_000, interest: 1_000, penalty: 500, total: 51_500 });
    // The closed 500 stays; one more day on 50,000: 50,000 × 0.18 / 360 = 25.
    expect(at(l, '2026-02-11').overdue).toEqual({ principal: 50_000, interest: 1_000, penalty: 525, total: 51_525 });
  });

  it('pays the oldest instalment in full before the next one, in either order', () => {
    for (const order of [PIP, PRINCIPAL_FIRST]) {
      const l = createLedger(THREE, undefined, order);
      expect(pay(l, '2026-03-05', 150_000)).toMatchObject({ interest: order === PIP ? 2_000 : 1_000, principal: order === PIP ? 148_000 : 149_000 });
      expect(l.paidPrincipal[0]).toBe(100_000);
      expect(l.paidInterest[0]).toBe(1_000);
      expect(at(l, '2026-03-05').oldestOpenDueOn).toBe(day('2026-02-28'));
    }
  });
});

describe('penalty interest (罚息)', () => {
  it('accrues on unpaid principal × rate × days / 360, rounded half up, in segments closed at each payment', () => {
    const l = createLedger(THREE, PENALTY_18, PIP);
    // 2026-01-31 → 02-10, 10 days on 100,000: 500.
    expect(pay(l, '2026-02-10', 20_500)).toEqual({ penalty: 500, interest: 1_000, principal: 19_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    // Open segment from 02-10 on 81,000 (81,000 × 0.18 / 360 = 40.5 a day): 2 days = 81, 5 days = 202.5 → 203.
    expect(at(l, '2026-02-12').overdue.penalty).toBe(81);
    expect(at(l, '2026-02-15').overdue.penalty).toBe(203);
    // Closed at 02-13: 3 days = 121.5 → 122. 81,122 clears the instalment.
    expect(pay(l, '2026-02-13', 81_122)).toEqual({ penalty: 122, interest: 0, principal: 81_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(l.penaltyClosed[0]).toBe(622);
    expect(l.paidPenalty[0]).toBe(622);
    expect(at(l, '2026-02-13')).toMatchObject({ dpd: 0, overdue: { principal: 0, interest: 0, penalty: 0, total: 0 }, cumulativeMissed: 1 });
    // Nothing accrues on the cleared instalment afterwards.
    expect(at(l, '2026-02-27').overdue.penalty).toBe(0);
  });

  it('does not accrue on the due date itself, only from the day after', () => {
    const l = createLedger(THREE, PENALTY_18, PIP);
    expect(at(l, '2026-01-31').overdue.penalty).toBe(0);
    expect(at(l, '2026-02-01').overdue.penalty).toBe(50);
    expect(pay(l, '2026-01-31', 101_000)).toMatchObject({ penalty: 0, interest: 1_000, principal: 100_000 });
  });

  it('does not accrue on overdue interest (no compounding)', () => {
    const l = createLedger([inst(1, '2026-01-31', 0, 1_000), inst(2, '2026-02-28', 100_000, 1_000)], PENALTY_18, PIP);
    expect(at(l, '2026-02-20')).toMatchObject({ dpd: 20, overdue: { principal: 0, interest: 1_000, penalty: 0, total: 1_000 } });
  });

  it('is zero when the contract has no penalty rate', () => {
    const l = createLedger(THREE, undefined, PIP);
    expect(at(l, '2026-12-31')).toMatchObject({ dpd: 334, overdue: { principal: 300_000, interest: 3_000, penalty: 0, total: 303_000 } });
    expect(pay(l, '2026-12-31', 303_000)).toEqual({ penalty: 0, interest: 3_000, principal: 300_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(l.penaltyClosed).toEqual([0, 0, 0]);
    expect(at(l, '2026-12-31').fullyRepaid).toBe(true);
  });
});

describe('overpayment', () => {
  it('a payment beyond everything owed settles the loan and records the rest as overpaid', () => {
    const l = createLedger(THREE, undefined, PIP);
    // Instalment 1 (101,000), then the pay-off: February's interest and principal plus March's principal (201,000).
    expect(pay(l, '2026-01-31', 400_000)).toEqual({ penalty: 0, interest: 2_000, principal: 300_000, interestWaived: 1_000, overpaid: 98_000, settledEarly: true });
    expect(l.overpaid).toBe(98_000);
    expect(at(l, '2026-01-31')).toMatchObject({ fullyRepaid: true, outstanding: { principal: 0, interest: 0, penalty: 0, total: 0 } });
  });

  it('a payment after the loan is repaid is overpaid in full, and overpayments add up', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-31', 400_000);
    expect(pay(l, '2026-02-15', 777)).toEqual({ penalty: 0, interest: 0, principal: 0, interestWaived: 0, overpaid: 777, settledEarly: false });
    expect(l.overpaid).toBe(98_777);
  });
});

describe('prepayment', () => {
  it('in full before the next due date waives the interest of later periods and settles the loan', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-31', 101_000);
    // Pay-off on 02-15: February's interest 1,000 + principal 100,000 + March's principal 100,000; March's interest waived.
    expect(pay(l, '2026-02-15', 201_000)).toEqual({ penalty: 0, interest: 1_000, principal: 200_000, interestWaived: 1_000, overpaid: 0, settledEarly: true });
    expect(l.waivedInterest).toEqual([0, 0, 1_000]);
    expect(at(l, '2026-02-15')).toMatchObject({ fullyRepaid: true, dpd: 0, oldestOpenDueOn: undefined, outstanding: { total: 0 } });
    expect(at(l, '2026-06-30')).toMatchObject({ fullyRepaid: true, dpd: 0, consecutiveMissed: 0, cumulativeMissed: 0 });
  });

  it('in full on a generated 等额本金 schedule', () => {
    // 3,000.00 over 3 months at 12 %: principal 1,000.00 a month; interest 30.00, 20.00, 10.00.
    const schedule = generateInstalments({ principal: 300_000, annualRate: rate('0.12'), startOn: day('2026-01-15'), termMonths: 3, repayment: 'equalPrincipal' });
    expect(schedule.map((i) => [i.dueOn, i.principal, i.interest])).toEqual([
      [day('2026-02-15'), 100_000, 3_000],
      [day('2026-03-15'), 100_000, 2_000],
      [day('2026-04-15'), 100_000, 1_000],
    ]);
    const l = createLedger(schedule, rate('0.18'), PIP);
    expect(pay(l, '2026-02-15', 103_000)).toMatchObject({ settledEarly: false, overpaid: 0 });
    // One fen short of the pay-off (202,000) is not a settlement: it pays the next instalments ahead.
    const short = createLedger(schedule, rate('0.18'), PIP);
    pay(short, '2026-02-15', 103_000);
    expect(pay(short, '2026-02-20', 201_999)).toEqual({ penalty: 0, interest: 3_000, principal: 198_999, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(at(short, '2026-02-20').fullyRepaid).toBe(false);
    // The pay-off itself settles and waives April's 1,000.
    expect(pay(l, '2026-02-20', 202_000)).toEqual({ penalty: 0, interest: 2_000, principal: 200_000, interestWaived: 1_000, overpaid: 0, settledEarly: true });
    expect(at(l, '2026-02-20').fullyRepaid).toBe(true);
  });

  it('in part pays the next instalment ahead; cleared before its due date it is not missed', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-31', 101_000);
    expect(pay(l, '2026-02-15', 101_000)).toEqual({ penalty: 0, interest: 1_000, principal: 100_000, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(l.clearedOn[1]).toBe(day('2026-02-15'));
    expect(at(l, '2026-03-01')).toMatchObject({
      dpd: 0,
      oldestOpenDueOn: day('2026-03-31'),
      consecutiveMissed: 0,
      cumulativeMissed: 0,
      outstanding: { principal: 100_000 },
    });
    expect(at(l, '2026-04-01')).toMatchObject({ dpd: 1, consecutiveMissed: 1, cumulativeMissed: 1 });
  });

  // Decision 548: the current period is the first instalment due after the day, paid ahead or not. With
  // January's instalment paid ahead, February's interest is of a period not yet started on 01-20.
  it('in full after the current period was paid ahead: no interest of a later period, all of it waived', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-10', 101_000);
    expect(payoffAt(l, day('2026-01-20'))).toEqual({ principal: 200_000, interest: 0, penalty: 0, total: 200_000 });
    // One fen short pays February's instalment ahead, interest first, as before.
    const short = createLedger(THREE, undefined, PIP);
    pay(short, '2026-01-10', 101_000);
    expect(pay(short, '2026-01-20', 199_999)).toEqual({ penalty: 0, interest: 2_000, principal: 197_999, interestWaived: 0, overpaid: 0, settledEarly: false });
    expect(pay(l, '2026-01-20', 200_000)).toEqual({ penalty: 0, interest: 0, principal: 200_000, interestWaived: 2_000, overpaid: 0, settledEarly: true });
    expect(l.waivedInterest).toEqual([0, 1_000, 1_000]);
    expect(at(l, '2026-01-20')).toMatchObject({ fullyRepaid: true, outstanding: { total: 0 } });
  });

  it('the pay-off on a day in a period not paid ahead still counts that period\'s interest', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-10', 101_000);
    // 02-10 is in February's period, which is not paid: its interest is owed, March's is not.
    expect(payoffAt(l, day('2026-02-10'))).toEqual({ principal: 200_000, interest: 1_000, penalty: 0, total: 201_000 });
  });

  it('an extension in a period paid ahead keeps no later period\'s interest; its instalments follow that period', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-10', 101_000);
    const owed = payoffAt(l, day('2026-01-20'));
    const kept = replaceSchedule(l, day('2026-01-20'), [inst(4, '2026-02-28', owed.principal / 2, 500), inst(5, '2026-03-31', owed.principal / 2, 500)], true);
    expect(kept).toBe(1);
    expect(l.schedule.map((it) => [it.index, it.dueOn, it.principal, it.interest])).toEqual([
      [1, day('2026-01-31'), 100_000, 1_000],
      [4, day('2026-02-28'), 100_000, 500],
      [5, day('2026-03-31'), 100_000, 500],
    ]);
    expect(at(l, '2026-01-20')).toMatchObject({ dpd: 0, outstanding: { principal: 200_000, interest: 0 } });
  });

  it('in part, not covering the next instalment, leaves it missed when its due date passes', () => {
    const l = createLedger(THREE, undefined, PIP);
    pay(l, '2026-01-31', 101_000);
    expect(pay(l, '2026-02-15', 30_000)).toMatchObject({ interest: 1_000, principal: 29_000, settledEarly: false });
    expect(at(l, '2026-02-28')).toMatchObject({ dpd: 0, cumulativeMissed: 0, outstanding: { principal: 171_000, interest: 0 } });
    expect(at(l, '2026-03-01')).toMatchObject({
      dpd: 1,
      cumulativeMissed: 1,
      consecutiveMissed: 1,
      overdue: { principal: 71_000, interest: 0, penalty: 0, total: 71_000 },
    });
  });
});

describe('missed instalments', () => {
  it('miss 1, pay 2 on time, miss 3 and 4: cumulative 3, consecutive 2 once instalment 4 is past due', () => {
    const l = createLedger(FIVE, undefined, PIP);
    // Instalment 1 paid late together with instalment 2 on its due date.
    expect(pay(l, '2026-02-28', 202_000)).toMatchObject({ interest: 2_000, principal: 200_000 });
    expect(l.clearedOn.slice(0, 2)).toEqual([day('2026-02-28'), day('2026-02-28')]);
    const missed = (d: string) => {
      const p = at(l, d);
      return [p.cumulativeMissed, p.consecutiveMissed];
    };
    expect(missed('2026-02-01')).toEqual([1, 1]);
    expect(missed('2026-02-28')).toEqual([1, 1]); // instalment 2 is not past due on its due date
    expect(missed('2026-03-01')).toEqual([1, 0]); // instalment 2 was paid on time: the run breaks
    expect(missed('2026-03-31')).toEqual([1, 0]);
    expect(missed('2026-04-01')).toEqual([2, 1]);
    expect(missed('2026-04-30')).toEqual([2, 1]);
    expect(missed('2026-05-01')).toEqual([3, 2]);
    expect(at(l, '2026-05-01').dpd).toBe(31);
    expect(missed('2026-06-01')).toEqual([4, 3]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const components = fc.constantFrom<readonly AllocationComponent[]>(
  ['penalty', 'interest', 'principal'],
  ['penalty', 'principal', 'interest'],
  ['interest', 'penalty', 'principal'],
  ['interest', 'principal', 'penalty'],
  ['principal', 'penalty', 'interest'],
  ['principal', 'interest', 'penalty'],
);

const START = day('2026-01-31');

/** Random schedules: 1–12 instalments, increasing due dates, any split of principal and interest. */
const arbitrarySchedule: fc.Arbitrary<Instalment[]> = fc
  .record({
    first: fc.integer({ min: 0, max: 60 }),
    lines: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 62 }),
        principal: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })),
        interest: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ first, lines }) => {
    let due = addDays(START, first);
    return lines.map((line, i) => {
      if (i > 0) due = addDays(due, line.gap);
      return { index: i + 1, dueOn: due, principal: line.principal, interest: line.interest };
    });
  })
  .filter((s) => s.some((i) => i.principal > 0));

const arbitraryPenalty = fc.constantFrom<Rate | undefined>(undefined, rate('0'), rate('0.0005'), rate('0.18'), rate('0.365'), rate('1.5'));

/** Payments on any day from 60 days before the first due date to 2 years after it, any amount. */
const arbitraryPayments = fc.array(
  fc.record({
    offset: fc.integer({ min: -60, max: 730 }),
    amount: fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 20_000_000 })),
  }),
  { maxLength: 25 },
);

const inOrder = <T extends { offset: number }>(ps: readonly T[]): T[] => [...ps].sort((a, b) => a.offset - b.offset);

describe('properties', () => {
  it('money is conserved: Σ allocated + overpaid = Σ payments, for any dates and amounts', () => {
    fc.assert(
      fc.property(arbitrarySchedule, arbitraryPenalty, components, arbitraryPayments, fc.boolean(), (schedule, penalty, order, payments, sorted) => {
        const l = createLedger(schedule, penalty, order);
        let paid = 0;
        let allocated = 0;
        let principal = 0;
        let overpaid = 0;
        for (const p of sorted ? inOrder(payments) : payments) {
          const a: PaymentAllocation = applyPayment(l, addDays(START, p.offset), p.amount);
          for (const part of [a.penalty, a.interest, a.principal, a.overpaid, a.interestWaived]) expect(part).toBeGreaterThanOrEqual(0);
          expect(a.penalty + a.interest + a.principal + a.overpaid).toBe(p.amount);
          paid += p.amount;
          allocated += a.penalty + a.interest + a.principal;
          principal += a.principal;
          overpaid += a.overpaid;
        }
        expect(allocated + overpaid).toBe(paid);
        expect(l.overpaid).toBe(overpaid);
        expect(l.principalPaidTotal).toBe(principal);
        const total = schedule.reduce((s, i) => s + i.principal, 0);
        for (const offset of [-1, 0, 100, 800]) {
          const pos = positionAt(l, addDays(START, offset));
          expect(pos.outstanding.principal).toBe(total - principal);
          expect(pos.outstanding.principal).toBeGreaterThanOrEqual(0);
          expect(pos.overdue.principal).toBeLessThanOrEqual(pos.outstanding.principal);
        }
        // Nothing is paid beyond what an instalment owes.
        schedule.forEach((it, i) => {
          expect(l.paidPrincipal[i]).toBeLessThanOrEqual(it.principal);
          expect((l.paidInterest[i] ?? 0) + (l.waivedInterest[i] ?? 0)).toBeLessThanOrEqual(it.interest);
          expect(l.paidPenalty[i]).toBeLessThanOrEqual(l.penaltyClosed[i] ?? 0);
        });
      }),
      { numRuns: 2_000, seed: 20260131 },
    );
  });

  it('the money left unpaid is owed: fully repaid means nothing outstanding, and overpaid only once everything is paid', () => {
    fc.assert(
      fc.property(arbitrarySchedule, arbitraryPenalty, components, arbitraryPayments, (schedule, penalty, order, payments) => {
        const l = createLedger(schedule, penalty, order);
        for (const p of inOrder(payments)) applyPayment(l, addDays(START, p.offset), p.amount);
        const last = schedule[schedule.length - 1];
        if (last === undefined) return;
        const end = addDays(last.dueOn, 1);
        const pos = positionAt(l, end);
        if (pos.fullyRepaid) {
          expect(pos.outstanding).toEqual({ principal: 0, interest: 0, penalty: 0, total: 0 });
          expect(pos.dpd).toBe(0);
        } else {
          expect(l.overpaid).toBe(0);
        }
      }),
      { numRuns: 1_000, seed: 20260228 },
    );
  });

  it('positionAt is pure: querying at intermediate dates changes neither the ledger nor later answers', () => {
    fc.assert(
      fc.property(
        arbitrarySchedule,
        arbitraryPenalty,
        components,
        arbitraryPayments,
        fc.array(fc.array(fc.integer({ min: -60, max: 800 }), { maxLength: 4 }), { maxLength: 26 }),
        (schedule, penalty, order, payments, queries) => {
          const quiet = createLedger(schedule, penalty, order);
          const asked = createLedger(schedule, penalty, order);
          const ask = (step: number) => {
            for (const q of queries[step] ?? []) positionAt(asked, addDays(START, q));
          };
          inOrder(payments).forEach((p, step) => {
            ask(step);
            const d = addDays(START, p.offset);
            expect(applyPayment(asked, d, p.amount)).toEqual(applyPayment(quiet, d, p.amount));
          });
          ask(payments.length);
          expect(asked).toEqual(quiet);
          for (const offset of [-60, 0, 15, 45, 200, 800]) {
            const d: Day = addDays(START, offset);
            expect(positionAt(asked, d)).toEqual(positionAt(quiet, d));
          }
        },
      ),
      { numRuns: 1_000, seed: 20260331 },
    );
  });

  // Decision 547: instalments paid in full ahead of their due dates used to keep their dates, before the
  // new instalments, and task rules walking the schedule in order reached the new ones late.
  it('a restructuring on any day, after any payments, leaves the schedule in date order, what was paid kept', () => {
    fc.assert(
      fc.property(arbitrarySchedule, components, arbitraryPayments, fc.integer({ min: -60, max: 730 }), fc.boolean(), (schedule, order, payments, offset, extension) => {
        const l = createLedger(schedule, undefined, order);
        const d = addDays(START, offset);
        let paid = 0;
        for (const p of inOrder(payments)) if (p.offset <= offset) paid += applyPayment(l, addDays(START, p.offset), p.amount).principal;
        const owed = payoffAt(l, d);
        if (owed.total === 0) return;
        // An extension's new instalments fall due after the current period (the first instalment due
        // after d, paid ahead or not: decision 548); a restructuring's after d.
        let after: Day = d;
        if (extension) for (const it of l.schedule) if (it.dueOn > d) { after = it.dueOn; break; }
        const next: Instalment = { index: 99, dueOn: addDays(after, 30), principal: extension ? owed.principal : owed.total, interest: 0 };
        const kept = replaceSchedule(l, d, [next], extension);
        for (let i = 1; i < l.schedule.length; i++) expect((l.schedule[i] as Instalment).dueOn).toBeGreaterThanOrEqual((l.schedule[i - 1] as Instalment).dueOn);
        // The instalments kept are closed at what was paid on them: their principal is what was paid.
        let keptPrincipal = 0;
        for (let i = 0; i < kept; i++) keptPrincipal += (l.schedule[i] as Instalment).principal;
        expect(keptPrincipal).toBe(paid);
        for (let i = 0; i < kept; i++) if (!extension) expect((l.schedule[i] as Instalment).dueOn).toBeLessThanOrEqual(d);
      }),
      { numRuns: 1_000, seed: 20261207 },
    );
  });

  // The pay-off amount is computed twice: by payoffAt (a restructuring's new principal) and by
  // applyPayment (a settlement). They must agree, paid ahead or not: changing the current period in one
  // and not the other (decision 548) fails here.
  it('paying exactly the pay-off amount settles the loan; one fen less does not', () => {
    fc.assert(
      fc.property(arbitrarySchedule, arbitraryPenalty, components, arbitraryPayments, fc.integer({ min: -60, max: 730 }), (schedule, penalty, order, payments, offset) => {
        const make = () => {
          const l = createLedger(schedule, penalty, order);
          for (const p of inOrder(payments)) if (p.offset <= offset) applyPayment(l, addDays(START, p.offset), p.amount);
          return l;
        };
        const d = addDays(START, offset);
        const l = make();
        const owed = payoffAt(l, d).total;
        // A settlement is a payment beyond what is due that covers the pay-off; with no principal left
        // after d (a schedule whose last lines are interest only), nothing is beyond, and those lines
        // stay owed as the contract has them.
        let principalAhead = 0;
        l.schedule.forEach((it, i) => {
          if (it.dueOn > d) principalAhead += it.principal - (l.paidPrincipal[i] as number);
        });
        if (owed === 0 || principalAhead === 0) return;
        const paid = applyPayment(l, d, owed);
        expect(paid.overpaid).toBe(0);
        expect(positionAt(l, d).fullyRepaid).toBe(true);
        expect(paid.penalty + paid.interest + paid.principal).toBe(owed);
        if (owed > 1) {
          const short = make();
          applyPayment(short, d, owed - 1);
          expect(positionAt(short, d).fullyRepaid).toBe(false);
        }
      }),
      { numRuns: 1_000, seed: 20261208 },
    );
  });
});
