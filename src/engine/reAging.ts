import type { Instalment } from '../contract/schedule';
import type { Facts } from '../rules/facts';
import type { CompiledPack } from '../rules/loadPack';
import { addMonths, toCivil, type Day } from '../time/day';
import type { Run } from './run';

/**
 * What a re-age (`reAge` event) needs to remember: the days of the accepted re-ages (for the windows of
 * `reAgesLast12Months` and `reAgesLast5Years`) and the payments of the last 3 months (for
 * `instalmentsPaidLast3Months`), the latter only when the pack reads that fact.
 */
export interface ReAgeState {
  readonly accepted: Day[];
  payments: { readonly on: Day; readonly amount: number }[];
}

/** Months of the payment window of `instalmentsPaidLast3Months`. */
const PAYMENT_WINDOW_MONTHS = 3;
/** The re-age count windows, in months. */
const WINDOWS = { reAgesLast12Months: 12, reAgesLast5Years: 60 } as const;

/**
 * The facts the pack's rules read: `any` in some rule, `daily` in a rule evaluated on every review day
 * (all but the permits of instructions, which are evaluated only when the instruction comes); and what
 * of the re-age facts read on review days makes them change without an event (see `nextReAgeWake`).
 */
interface FactReaders {
  readonly any: ReadonlySet<string>;
  readonly daily: ReadonlySet<string>;
  /** The windows, in months, of the re-age counts read on review days. */
  readonly dailyWindows: readonly number[];
  readonly dailyPayments: boolean;
  readonly dailyMonthsOnBook: boolean;
}

const readers = new WeakMap<CompiledPack, FactReaders>();

function factReaders(pack: CompiledPack): FactReaders {
  let found = readers.get(pack);
  if (found === undefined) {
    const any = new Set<string>();
    const daily = new Set<string>();
    for (const r of pack.rules) {
      const onInstruction = r.decision.type === 'permit' && r.decision.action !== 'upgrade';
      for (const f of r.facts) {
        any.add(f);
        if (!onInstruction) daily.add(f);
      }
    }
    const dailyWindows = Object.entries(WINDOWS).flatMap(([fact, months]) => (daily.has(fact) ? [months] : []));
    found = { any, daily, dailyWindows, dailyPayments: daily.has('instalmentsPaidLast3Months'), dailyMonthsOnBook: daily.has('monthsOnBook') };
    readers.set(pack, found);
  }
  return found;
}

/** Whole calendar months from disbursement to `d` (the day of the month clamped to short months). */
export function monthsOnBook(disbursedOn: Day, d: Day): number {
  const a = toCivil(disbursedOn);
  const b = toCivil(d);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months > 0 && addMonths(disbursedOn, months, a.dayOfMonth) > d) months--;
  return months < 0 ? 0 : months;
}

/** Keeps a payment for `instalmentsPaidLast3Months` when the pack reads it; older ones are dropped. */
export function notePayment(run: Run, on: Day, amount: number): void {
  if (!factReaders(run.pack).any.has('instalmentsPaidLast3Months')) return;
  const from = addMonths(on, -PAYMENT_WINDOW_MONTHS);
  const state = run.restructuring.reAge;
  state.payments = state.payments.filter((p) => p.on > from);
  state.payments.push({ on, amount });
}

/**
 * The re-age facts on day `d`: accepted re-ages in the 12 months and 5 years up to `d` (a re-age
 * leaves the window on its anniversary), whole months on book, and the payments of the 3 months up to
 * `d` as a multiple of the contractual amount of the oldest instalment not fully paid (millionths).
 */
export function refreshReAgeFacts(run: Run, d: Day, facts: Facts): void {
  const { accepted, payments } = run.restructuring.reAge;
  let in12 = 0;
  let in60 = 0;
  for (const r of accepted) {
    if (r > d) continue;
    if (r > addMonths(d, -WINDOWS.reAgesLast12Months)) in12++;
    if (r > addMonths(d, -WINDOWS.reAgesLast5Years)) in60++;
  }
  facts.reAgesLast12Months = in12;
  facts.reAgesLast5Years = in60;
  facts.monthsOnBook = monthsOnBook(run.history.loan.disbursedOn, d);
  let paid = 0;
  if (payments.length > 0) {
    const from = addMonths(d, -PAYMENT_WINDOW_MONTHS);
    for (const p of payments) if (p.on > from && p.on <= d) paid += p.amount;
  }
  const { schedule, firstOpen } = run.ledger;
  const oldest: Instalment | undefined = schedule[firstOpen];
  const instalment = oldest === undefined ? 0 : oldest.principal + oldest.interest;
  facts.instalmentsPaidLast3Months = instalment <= 0 ? 0 : millionthsOf(paid, instalment);
}

/**
 * `paid × 1,000,000 / instalment` truncated, as `Number(BigInt(paid) * 1_000_000n / BigInt(instalment))`
 * computes it. Every evaluation of every loan asks (mostly with nothing paid): while the product is a
 * safe integer the division is done on exact integers in doubles — remainder first, so nothing is
 * rounded — and with bigints beyond. Exported for its test.
 */
export function millionthsOf(paid: number, instalment: number): number {
  if (paid === 0) return 0;
  const product = paid * 1_000_000;
  if (paid < 0 || !Number.isSafeInteger(paid) || !Number.isSafeInteger(product) || !Number.isSafeInteger(instalment)) return Number((BigInt(paid) * 1_000_000n) / BigInt(instalment));
  const r = product % instalment;
  return (product - r) / instalment;
}

/**
 * The next day after `d` a re-age fact read on review days changes without an event, if any. Called
 * for every review day of every loan, and most packs read none of these facts: what the pack reads is
 * worked out once (`factReaders`), so such a pack pays a lookup and nothing more.
 */
export function nextReAgeWake(run: Run, d: Day): Day | undefined {
  const { dailyWindows, dailyPayments, dailyMonthsOnBook } = factReaders(run.pack);
  let best = Number.POSITIVE_INFINITY;
  const { accepted, payments } = run.restructuring.reAge;
  for (const months of dailyWindows) {
    for (const r of accepted) {
      const w = addMonths(r, months);
      if (w > d && w < best) best = w;
    }
  }
  if (dailyPayments) {
    for (const p of payments) {
      const w = addMonths(p.on, PAYMENT_WINDOW_MONTHS);
      if (w > d && w < best) best = w;
    }
  }
  if (dailyMonthsOnBook) {
    const disbursed = run.history.loan.disbursedOn;
    const w = addMonths(disbursed, monthsOnBook(disbursed, d) + 1, toCivil(disbursed).dayOfMonth);
    if (w > d && w < best) best = w;
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}
