/**
 * One synthetic loan: its contract drawn from a seeded stream, then a simulation of the borrower and the
 * lender's staff through the loan's life that writes the history file a lender would export. Payments
 * are computed with the real ledger, so a borrower who "pays on time" pays exactly what falls due and a
 * borrower who "cures" pays exactly what is overdue, penalty included.
 *
 * Internal to `generate.ts`, which documents the mix and validates the options.
 */
import { generateInstalments, type Instalment } from '../contract/schedule';
import { applyPayment, createLedger, positionAt, type Ledger } from '../ledger/ledger';
import { formatMoney, type Fen } from '../money/fen';
import { parseRate, type Rate } from '../money/rate';
import { divideHalfUp, toSafeNumber } from '../money/rounding';
import { addDays, addMonths, formatDay, fromCivil, toCivil, type Day } from '../time/day';
import { createRandom, mix32, type Random } from './random';

/**
 * A JSON value of a generated event field.
 *
 * @example
 * ```ts
 * const found: GeneratedValue = false; // a fieldVisit's `found`
 * ```
 */
export type GeneratedValue = string | number | boolean;

/**
 * One event of a generated history, in the history-file format of `docs/history-format.md`.
 *
 * @example
 * ```ts
 * const e: GeneratedEvent = { id: 'e-0007', type: 'payment', on: '2025-03-15', amount: '10237.19' };
 * ```
 */
export interface GeneratedEvent {
  readonly id: string;
  readonly type: string;
  readonly on: string;
  readonly [field: string]: GeneratedValue;
}

/**
 * The `loan` object of a generated history, in the history-file format of `docs/history-format.md`.
 *
 * @example
 * ```ts
 * const loan: GeneratedLoan = history.loan;
 * loan.id; // 'L-000001'
 * ```
 */
export interface GeneratedLoan {
  readonly id: string;
  readonly borrower: { readonly id: string; readonly kind: 'retail' | 'corporate'; readonly contacts: readonly { readonly id: string; readonly relation: string }[] };
  readonly principal: string;
  readonly annualRate: string;
  readonly penaltyRate?: string;
  readonly disbursedOn: string;
  readonly termMonths: number;
  readonly repayment: 'equalInstallment' | 'equalPrincipal' | 'interestOnly' | 'bullet';
  readonly selfPaid: boolean;
  readonly guarantors: readonly { readonly id: string }[];
  readonly collateral: readonly { readonly id: string; readonly kind: string; readonly value: string; readonly valuedOn: string }[];
}

/**
 * A generated loan history: what `parseHistoryValue` accepts and `postloan replay` reads.
 *
 * @example
 * ```ts
 * const [history] = generatePortfolio({ seed: 1, loans: 1, asOf: '2026-06-30' });
 * JSON.stringify(history); // one line of `postloan generate` output
 * ```
 */
export interface GeneratedHistory {
  readonly loan: GeneratedLoan;
  readonly events: readonly GeneratedEvent[];
}

/**
 * How the simulated borrower behaves; see `generate.ts` for the shares.
 *
 * @example
 * ```ts
 * const b: Behaviour = 'lateThenCure';
 * ```
 */
export type Behaviour = 'current' | 'lateThenCure' | 'rollToAgency' | 'earlySettlement' | 'restructured';

/**
 * Everything shared by the loans of one portfolio.
 *
 * @example
 * ```ts
 * const ctx: PortfolioContext = { seed: 42, asOf: day('2026-06-30'), spreadDays: 1095 };
 * ```
 */
export interface PortfolioContext {
  readonly seed: number;
  readonly asOf: Day;
  /** Disbursements fall in the `spreadDays` days before `asOf`. */
  readonly spreadDays: number;
}

// ————— Portfolio-wide reference data (no personal data: ids only, masked numbers) —————

const AGENCIES: readonly (readonly [string, number])[] = [
  // agency id, its skill: the chance (per mille) that a held case pays something in a fortnight
  ['AG-01', 260],
  ['AG-02', 200],
  ['AG-03', 150],
  ['AG-04', 110],
  ['AG-05', 70],
];
const OFFICERS = ['officer-01', 'officer-02', 'officer-03', 'officer-04', 'officer-05', 'officer-06', 'officer-07', 'officer-08'] as const;
const MANAGERS = ['manager-01', 'manager-02', 'manager-03'] as const;
const RETAIL_RELATIONS = ['spouse', 'parent', 'sibling', 'colleague', 'friend'] as const;
const CORPORATE_RELATIONS = ['legalRepresentative', 'financeManager', 'actualController'] as const;
const RETAIL_COLLATERAL = ['vehicle', 'property'] as const;
const CORPORATE_COLLATERAL = ['property', 'equipment', 'receivables', 'landUseRight'] as const;
const RETAIL_RATINGS = ['A', 'B', 'B', 'C'] as const;
const CORPORATE_RATINGS = ['AA', 'A', 'A', 'BBB', 'BB'] as const;
const ORDER = ['penalty', 'interest', 'principal'] as const;

/** Contact hours, weighted towards office hours; quiet hours (22:00–08:00) only by the breach draw. */
const HOURS: readonly (readonly [number, number])[] = [
  [8, 4], [9, 12], [10, 14], [11, 12], [12, 5], [13, 6], [14, 12], [15, 12], [16, 10], [17, 7], [18, 5], [19, 4], [20, 3], [21, 2],
];

// ————— Small helpers —————

const rateText = (basisPoints: number): string => `${Math.trunc(basisPoints / 10_000)}.${String(basisPoints % 10_000).padStart(4, '0')}`;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `fen × perMille / 1000`, rounded half up to `step` fen. */
function share(fen: Fen, perMille: number, step: number): Fen {
  const exact = divideHalfUp(BigInt(fen) * BigInt(perMille), 1000n);
  return toSafeNumber(divideHalfUp(exact, BigInt(step)) * BigInt(step));
}

/** The first three draws of a loan's stream: they decide its borrower, so other loans can recompute them. */
function borrowerDraws(ctx: PortfolioContext, index: number): { readonly kind: 'retail' | 'corporate'; readonly repeat: boolean; readonly back: number } {
  const rng = createRandom(ctx.seed, index);
  const kind = rng.chance(80) ? 'corporate' : 'retail';
  const repeat = rng.chance(90);
  const back = rng.int(1, 40);
  return { kind, repeat, back };
}

/** Loan `index`'s borrower number: its own, or (for about 9 % of loans) an earlier borrower of the same kind. */
function borrowerNumber(ctx: PortfolioContext, index: number): number {
  const own = borrowerDraws(ctx, index);
  if (!own.repeat || index - own.back < 0) return index + 1;
  const earlier = borrowerDraws(ctx, index - own.back);
  return !earlier.repeat && earlier.kind === own.kind ? index - own.back + 1 : index + 1;
}

/** A masked mobile number such as `138****0417`: the shape lenders export, never a real number. */
function maskedNumber(rng: Random): string {
  return `1${rng.int(3, 9)}${rng.int(0, 9)}****${pad(rng.int(0, 9999), 4)}`;
}

// ————— The simulation —————

interface Draft {
  readonly on: Day;
  readonly seq: number;
  readonly type: string;
  readonly fields: Readonly<Record<string, GeneratedValue>>;
}

interface Terms {
  readonly loanNo: number;
  readonly kind: 'retail' | 'corporate';
  readonly principal: Fen;
  readonly rate: Rate;
  readonly penaltyRate: Rate | undefined;
  readonly disbursedOn: Day;
  readonly termMonths: number;
  readonly repayment: GeneratedLoan['repayment'];
  readonly selfPaid: boolean;
  readonly guarantorIds: readonly string[];
  readonly collateral: readonly { readonly id: string; readonly kind: string; readonly value: Fen }[];
  readonly borrowerNumber: string;
  readonly contactNumbers: readonly { readonly id: string; readonly number: string }[];
}

interface Sim {
  readonly rng: Random;
  readonly terms: Terms;
  readonly end: Day;
  readonly drafts: Draft[];
  /** Per-mille chances that a task is done on time, late, or (the rest) not at all. */
  readonly onTime: number;
  readonly late: number;
  readonly officer: string;
  readonly manager: string;
  ledger: Ledger;
  /** Last due date of the schedule in force. */
  maturity: Day;
  /** Day the loan was repaid in full or written off. */
  closedOn: Day | undefined;
  settled: boolean;
  /** Days a loan that stopped paying was in collection (until a cure, if any): routine reminders pause. */
  roll: { readonly from: Day; to: Day | undefined } | undefined;
  /** Days from which the loan is non-performing (DPD > 90), for monthly reports; closed by a cure. */
  readonly nplSpans: { from: Day; to: Day | undefined }[];
}

function push(sim: Sim, on: Day, type: string, fields: Readonly<Record<string, GeneratedValue>> = {}): void {
  if (on > sim.end || on < sim.terms.disbursedOn) return;
  sim.drafts.push({ on, seq: sim.drafts.length, type, fields });
}

/** When staff do a task due by `due`: that day, a few days late, or never (per the officer's diligence). */
function doneOn(sim: Sim, due: Day): Day | undefined {
  const r = sim.rng.int(0, 999);
  if (r < sim.onTime) return due;
  if (r < sim.onTime + sim.late) return addDays(due, sim.rng.int(2, 20));
  return undefined;
}

/** An inspection, then (per P-IN-10) a work-log entry and the supervisor's sign-off of it. */
function inspect(sim: Sim, on: Day | undefined, kind: string, extra: Readonly<Record<string, GeneratedValue>> = {}): void {
  if (on === undefined) return;
  push(sim, on, 'inspection', { kind, ...extra });
  workLog(sim, doneOn(sim, addDays(on, sim.rng.int(0, 1))));
}

function workLog(sim: Sim, on: Day | undefined): void {
  if (on === undefined) return;
  push(sim, on, 'inspection', { kind: 'workLog' });
  const signed = doneOn(sim, addDays(on, sim.rng.int(0, 2)));
  if (signed !== undefined) push(sim, signed, 'inspection', { kind: 'signOff' });
}

/** A local time for a contact on `on`: office hours mostly, quiet hours (a P-CS-11 breach) about 1.5 % of the time. */
function localTime(sim: Sim, on: Day, hour?: number): string {
  const h = hour ?? (sim.rng.chance(15) ? sim.rng.pick([7, 22]) : sim.rng.weighted(HOURS));
  return `${formatDay(on)}T${pad(h, 2)}:${pad(sim.rng.int(0, 59), 2)}:00+08:00`;
}

function contact(
  sim: Sim,
  on: Day,
  outcome: 'reached' | 'noAnswer' | 'unreachable' | 'promiseToPay' | 'refused',
  options: { readonly channel?: 'phone' | 'sms' | 'app'; readonly party?: 'borrower' | 'contact' | 'guarantor'; readonly partyId?: string; readonly number?: string; readonly hour?: number } = {},
): void {
  const party = options.party ?? 'borrower';
  push(sim, on, 'contactAttempt', {
    at: localTime(sim, on, options.hour),
    party,
    ...(options.partyId === undefined ? {} : { partyId: options.partyId }),
    channel: options.channel ?? 'phone',
    outcome,
    ...(options.number === undefined ? (party === 'borrower' ? { number: sim.terms.borrowerNumber } : {}) : { number: options.number }),
  });
}

function unpaidOf(l: Ledger, i: number): Fen {
  const it = l.schedule[i] as Instalment;
  return it.principal - (l.paidPrincipal[i] ?? 0) + it.interest - (l.paidInterest[i] ?? 0) - (l.waivedInterest[i] ?? 0);
}

/** What clears every arrear on `d` plus the instalments falling due that day: a borrower's "pay what I owe". */
function owedOn(l: Ledger, d: Day): Fen {
  let owed = positionAt(l, d).overdue.total;
  for (let i = l.firstOpen; i < l.schedule.length && (l.schedule[i] as Instalment).dueOn <= d; i++) {
    if ((l.schedule[i] as Instalment).dueOn === d) owed += unpaidOf(l, i);
  }
  return owed;
}

/** Everything owed to close the loan on `d`: arrears, the current period's interest and all later principal. */
function payoffOn(l: Ledger, d: Day): Fen {
  let total = owedOn(l, d);
  let current = true;
  for (let i = l.firstOpen; i < l.schedule.length; i++) {
    const it = l.schedule[i] as Instalment;
    if (it.dueOn <= d) continue;
    total += current ? unpaidOf(l, i) : it.principal - (l.paidPrincipal[i] ?? 0);
    current = false;
  }
  return total;
}

function pay(sim: Sim, d: Day, amount: Fen): void {
  if (amount <= 0 || d > sim.end || sim.closedOn !== undefined) return;
  push(sim, d, 'payment', { amount: formatMoney(amount) });
  applyPayment(sim.ledger, d, amount);
  if (positionAt(sim.ledger, d).fullyRepaid) {
    sim.closedOn = d;
    sim.settled = true;
  }
}

/**
 * Pays each instalment falling due in `(from, until]` on time (up to 3 days early), except for about
 * 3 % paid up to 12 days late after the first collection calls (a short M1 that cures with the
 * penalty). Returns the last day handled.
 */
function payOnTime(sim: Sim, from: Day, until: Day): Day {
  let last = from;
  for (let i = 0; i < sim.ledger.schedule.length; i++) {
    const due = (sim.ledger.schedule[i] as Instalment).dueOn;
    if (due <= from || due > until || sim.closedOn !== undefined) continue;
    if (due > sim.end) break;
    if (sim.rng.chance(30)) {
      const d = addDays(due, sim.rng.int(1, 12));
      if (d <= until) {
        overdueInspection(sim, addDays(due, 1));
        firstDays(sim, addDays(due, 1), d, 600);
        pay(sim, d, owedOn(sim.ledger, d));
        last = d;
        continue;
      }
    }
    const early = addDays(due, -sim.rng.int(0, 3));
    const d = early > last ? early : addDays(last, 1);
    const amount = owedOn(sim.ledger, d) + (due > d ? unpaidOf(sim.ledger, i) : 0);
    pay(sim, d, amount);
    last = d > due ? d : due;
  }
  return last;
}

/** P-IN-9: an overdue loan is inspected by the next working day. */
function overdueInspection(sim: Sim, firstOverdueDay: Day): void {
  inspect(sim, doneOn(sim, firstOverdueDay), 'riskReview');
}

/**
 * The first days of an arrear (P-CS-2, P-CS-3): a text on T+1, two calls a day on T+1 to T+3, and the
 * borrower's contacts called on T+4 when the borrower answered none of them. Returns whether the
 * borrower answered.
 */
function firstDays(sim: Sim, from: Day, to: Day, answerPerMille: number): boolean {
  const { rng, terms } = sim;
  contact(sim, from, 'reached', { channel: 'sms', hour: rng.int(9, 10) });
  let answered = false;
  for (let k = 0; k < 3; k++) {
    const d = addDays(from, k);
    if (d >= to) return true;
    for (const hour of [rng.int(9, 11), rng.int(14, 17)]) {
      const reached = rng.chance(answerPerMille);
      contact(sim, d, reached ? 'reached' : 'noAnswer', { hour });
      answered ||= reached;
    }
  }
  const contactDay = addDays(from, 3);
  if (!answered && contactDay < to) {
    for (const c of terms.contactNumbers) contact(sim, contactDay, rng.chance(700) ? 'reached' : 'noAnswer', { party: 'contact', partyId: c.id, number: c.number, hour: rng.int(10, 18) });
  }
  return answered;
}

/**
 * In-house collection of an arrear from `from` (first overdue day) to `to` (exclusive): the first days'
 * calls, then a call every day while in M1 (P-CS-4) and every few days after, a signed collection
 * notice for each missed instalment (P-NT-5, P-NT-6), monthly risk reviews (P-IN-9). A cooperative
 * borrower answers and, when `promise` is given, promises that payment a few days before it.
 */
function collectInHouse(sim: Sim, from: Day, to: Day, cooperative: boolean, promise?: { readonly amount: Fen }): void {
  const { rng } = sim;
  overdueInspection(sim, from);
  firstDays(sim, from, to, cooperative ? 600 : 200);
  for (let d = addDays(from, 4); d < to; d = addDays(d, d - from < 30 ? 1 : rng.int(3, 8))) {
    const outcome = cooperative ? rng.weighted<'reached' | 'noAnswer' | 'refused'>([['reached', 6], ['noAnswer', 3], ['refused', 1]]) : rng.weighted<'noAnswer' | 'unreachable' | 'refused'>([['noAnswer', 5], ['unreachable', 4], ['refused', 1]]);
    contact(sim, d, outcome);
  }
  for (const it of sim.ledger.schedule) {
    if (it.dueOn < addDays(from, -1) || it.dueOn >= to) continue;
    const notice = doneOn(sim, addDays(it.dueOn, rng.int(2, 6)));
    if (notice !== undefined && notice < to) push(sim, notice, 'noticeSent', { kind: 'collectionNotice', party: 'borrower', receiptSigned: rng.chance(850) });
  }
  for (let d = addDays(from, 28); d < to; d = addDays(d, 28)) inspect(sim, doneOn(sim, d), 'riskReview');
  if (promise !== undefined && promise.amount > 0) {
    const made = addDays(to, -rng.int(1, 5));
    if (made >= from) {
      contact(sim, made, 'promiseToPay');
      push(sim, made, 'promiseToPay', { amount: formatMoney(promise.amount), by: formatDay(to) });
    }
  }
}

/** Misses instalments starting at the one due on `due`, then pays everything `lateBy` days after it. */
function lateEpisode(sim: Sim, due: Day, lateBy: number): Day {
  const cure = addDays(due, lateBy);
  const amount = owedOn(sim.ledger, cure);
  collectInHouse(sim, addDays(due, 1), cure, true, { amount });
  pay(sim, cure, amount);
  return cure;
}

/**
 * The borrower stops paying at the instalment due on `due` and the case goes the whole way: in-house
 * collection, lost contact and field visits (P-CS-4, P-CS-5), outsourcing at DPD 91 and agency
 * placement (P-LC-4), agency calls, visits and recoveries, recalls and re-placement (P-CS-7), legal
 * review and lawsuits (P-LC-6), write-off with four-eyes approval (P-LC-7, P-CT-1). A case the agency
 * fully recovers returns to paying on time.
 */
function rollToAgency(sim: Sim, due: Day): void {
  const { rng, terms } = sim;
  const from = addDays(due, 1);
  sim.roll = { from, to: undefined };
  overdueInspection(sim, from);
  firstDays(sim, from, sim.end, 250);
  let demanded = false;
  let firm = false;
  let agency: string | undefined;
  let placedOn: Day | undefined;
  let lastAgency: string | undefined;
  let lawsuit = false;
  let lastVisit = -Infinity;
  let lastNotice = from as number;
  let lastReview = from as number;
  let legalReviewed = false;
  let npl: { from: Day; to: Day | undefined } | undefined;
  let maturityNoticed = false;
  let unreachableSince: Day | undefined;
  const willSue = rng.chance(terms.guarantorIds.length + terms.collateral.length > 0 ? 450 : 200);
  const willWriteOff = rng.chance(300);
  const placementDelay = rng.int(0, 6);

  for (let d = addDays(from, 3); d <= sim.end && sim.closedOn === undefined; d = addDays(d, d - from < 30 ? rng.int(1, 2) : rng.int(3, 8))) {
    const pos = positionAt(sim.ledger, d);
    if (pos.dpd === 0) {
      // Cured (an agency recovered the arrears in full): back to paying on time.
      if (npl !== undefined) npl.to = d;
      if (sim.roll !== undefined) sim.roll.to = d;
      payOnTime(sim, addDays(d, -1), sim.end);
      return;
    }
    const dpd = pos.dpd;
    if (dpd > 90 && npl === undefined) {
      npl = { from: addDays(d, 90 - dpd + 1) < from ? from : addDays(d, 90 - dpd + 1), to: undefined };
      sim.nplSpans.push(npl);
      // P-NT-9: the rating is adjusted within 15 WD of becoming non-performing.
      const rated = doneOn(sim, addDays(npl.from, rng.int(1, 12)));
      if (rated !== undefined) push(sim, rated, 'ratingChange', { rating: 'C' });
    }

    // Calls: in-house before placement, the agency's afterwards; answers dry up as DPD grows.
    const reachable = rng.chance(dpd < 20 ? 550 : dpd < 60 ? 300 : 150);
    const outcome = reachable ? rng.weighted<'reached' | 'promiseToPay' | 'refused'>([['reached', 5], ['promiseToPay', 3], ['refused', 2]]) : rng.chance(500) ? 'unreachable' : 'noAnswer';
    if (!lawsuit) contact(sim, d, outcome);
    if (outcome === 'promiseToPay') push(sim, d, 'promiseToPay', { amount: formatMoney(Math.max(100, share(pos.overdue.total, 1000, 100))), by: formatDay(addDays(d, rng.int(3, 10))) });
    // P-CS-9: an able but unwilling borrower gets a firm notice citing the contract.
    if (outcome === 'refused' && !firm) {
      firm = true;
      const sent = doneOn(sim, addDays(d, rng.int(1, 3)));
      if (sent !== undefined) push(sim, sent, 'noticeSent', { kind: 'firmNotice', party: 'borrower' });
    }
    if (!reachable) {
      unreachableSince ??= d;
      if (terms.contactNumbers.length > 0 && rng.chance(300)) {
        const c = rng.pick(terms.contactNumbers);
        contact(sim, d, rng.chance(600) ? 'reached' : 'noAnswer', { party: 'contact', partyId: c.id, number: c.number, hour: 19 });
      }
    } else unreachableSince = undefined;

    // P-CS-9: lost → each guarantor is asked to perform the guarantee.
    if (unreachableSince !== undefined && d - unreachableSince >= 5 && !demanded) {
      demanded = true;
      const sent = doneOn(sim, addDays(d, rng.int(1, 4)));
      if (sent !== undefined) for (const g of terms.guarantorIds) push(sim, sent, 'noticeSent', { kind: 'guaranteePerformance', party: g, receiptSigned: rng.chance(700) });
    }
    // P-CS-5: lost for 5 days or more → a field visit (the agency's, once it holds the case).
    if (unreachableSince !== undefined && d - unreachableSince >= 5 && d - lastVisit >= 30 && !lawsuit) {
      const visit = agency === undefined ? doneOn(sim, addDays(d, rng.int(1, 5))) : addDays(d, rng.int(1, 5));
      if (visit !== undefined) {
        push(sim, visit, 'fieldVisit', { found: rng.chance(450), photos: rng.int(2, 6) });
        lastVisit = visit;
      }
    }

    // Signed monthly collection notice (P-NT-6); the guarantors told after a missed maturity (P-NT-4).
    if (d - lastNotice >= 30) {
      const sent = doneOn(sim, d);
      if (sent !== undefined) push(sim, sent, 'noticeSent', { kind: 'collectionNotice', party: 'borrower', receiptSigned: rng.chance(700) });
      lastNotice = d;
    }
    if (!maturityNoticed && d > sim.maturity) {
      maturityNoticed = true;
      const sent = doneOn(sim, addDays(sim.maturity, rng.int(2, 8)));
      if (sent !== undefined) {
        push(sim, sent, 'noticeSent', { kind: 'collectionNotice', party: 'borrower', receiptSigned: true });
        for (const g of terms.guarantorIds) push(sim, sent, 'noticeSent', { kind: 'guaranteeNotice', party: g, receiptSigned: rng.chance(800) });
      }
    }
    // Monthly risk review while medium or high risk (P-IN-9).
    if (d - lastReview >= 28) {
      inspect(sim, doneOn(sim, d), 'riskReview');
      lastReview = d;
    }
    // P-LC-6: three consecutive missed instalments (or a bullet loan 90 days late) → legal review.
    if (!legalReviewed && (pos.consecutiveMissed >= 3 || (terms.repayment === 'bullet' && dpd > 90))) {
      legalReviewed = true;
      if (!willSue) inspect(sim, doneOn(sim, addDays(d, rng.int(1, 8))), 'legalReview');
    }

    // P-LC-4: outsourced at DPD 91; the collector places the case within 5 WD.
    if (agency === undefined && !lawsuit && dpd >= 91 + placementDelay) {
      const weighted = AGENCIES.filter(([id]) => id !== lastAgency).map(([id], i) => [id, 5 - i] as const);
      agency = rng.weighted(weighted);
      placedOn = d;
      push(sim, d, 'agencyPlacement', { agencyId: agency });
    }
    if (agency !== undefined && placedOn !== undefined && !lawsuit) {
      const skill = AGENCIES.find(([id]) => id === agency)?.[1] ?? 100;
      // Checks come every 3–8 days, about four a month: half the monthly chance per check.
      if (rng.chance(Math.trunc(skill / 2))) {
        const full = rng.chance(200);
        const amount = full ? owedOn(sim.ledger, d) : Math.min(pos.overdue.total, share(pos.overdue.total, rng.int(100, 400), 100));
        pay(sim, d, Math.max(amount, 1));
      }
      if (d - placedOn > 150 && rng.chance(60)) {
        push(sim, d, 'agencyRecall', { reason: 'performance review' });
        lastAgency = agency;
        agency = undefined;
      }
    }
    // Litigation for secured or larger cases after 6 months; a judgment some months later.
    if (willSue && !lawsuit && dpd >= 180) {
      lawsuit = true;
      push(sim, d, 'lawsuitFiled');
      const judged = addDays(d, rng.int(120, 300));
      if (rng.chance(600)) push(sim, judged, 'judgment');
    }
    // Write-off of a loss loan: requested by the officer, approved by a manager (four eyes).
    if (willWriteOff && dpd >= 400) {
      push(sim, d, 'writeOffRequest', { by: sim.officer });
      push(sim, addDays(d, rng.int(2, 9)), 'writeOffApproval', { by: sim.manager });
      sim.closedOn = addDays(d, 9);
      // closedOn ends routine servicing; recoveries continue until asOf.
      const end = sim.end;
      for (let r = addDays(d, rng.int(20, 60)); r <= end; r = addDays(r, rng.int(20, 60))) {
        if (rng.chance(60)) push(sim, r, 'payment', { amount: formatMoney(Math.max(100, share(pos.overdue.total, rng.int(10, 60), 100))) });
      }
      return;
    }
  }
}

/** The early settlement: pays everything owed on `d` (the ledger waives later periods' interest). */
function settleEarly(sim: Sim, d: Day): void {
  pay(sim, d, payoffOn(sim.ledger, d));
}

/**
 * A restructuring (重组) on `d`: the pay-off amount becomes the principal of a new schedule over
 * `termMonths` from `d`, requested by the officer and approved by a manager (four eyes). The borrower
 * then pays the new schedule. The simulation swaps in a fresh ledger of the new schedule.
 */
function restructure(sim: Sim, d: Day): void {
  const { rng, terms } = sim;
  const remaining = sim.ledger.schedule.filter((it) => it.dueOn > d).length;
  const termMonths = Math.min(480, Math.max(6, remaining + rng.int(6, 12)));
  push(sim, d, 'restructure', { termMonths, requestedBy: sim.officer, approvedBy: sim.manager });
  const principal = payoffOn(sim.ledger, d);
  if (principal <= 0) return;
  const schedule = generateInstalments({ principal, annualRate: terms.rate, startOn: d, termMonths, repayment: terms.repayment });
  sim.ledger = createLedger(schedule, terms.penaltyRate, ORDER);
  sim.maturity = (schedule[schedule.length - 1] as Instalment).dueOn;
}

/** Draws the contract of loan `index`. */
function drawTerms(ctx: PortfolioContext, index: number, rng: Random): Terms {
  // The first three draws decide the borrower (see borrowerDraws); draw them again to keep the stream aligned.
  const kind = rng.chance(80) ? 'corporate' : 'retail';
  rng.chance(90);
  rng.int(1, 40);
  const loanNo = index + 1;
  const retail = kind === 'retail';
  const yuan = retail
    ? rng.weighted<readonly [number, number]>([[[5_000, 30_000], 40], [[30_000, 100_000], 35], [[100_000, 200_000], 17], [[200_000, 300_000], 8]])
    : rng.weighted<readonly [number, number]>([[[500_000, 2_000_000], 60], [[2_000_000, 5_000_000], 30], [[5_000_000, 9_000_000], 10]]);
  const step = retail ? 100 : 10_000;
  const principal = rng.int(yuan[0] / step, yuan[1] / step) * step * 100;
  const termMonths = retail ? rng.weighted([[6, 15], [12, 35], [18, 10], [24, 25], [36, 15]]) : rng.weighted([[12, 40], [24, 35], [36, 25]]);
  let repayment = retail
    ? rng.weighted<GeneratedLoan['repayment']>([['equalInstallment', 720], ['equalPrincipal', 140], ['interestOnly', 80], ['bullet', 60]])
    : rng.weighted<GeneratedLoan['repayment']>([['interestOnly', 450], ['equalPrincipal', 250], ['equalInstallment', 150], ['bullet', 150]]);
  if (repayment === 'bullet' && termMonths > 12) repayment = retail ? 'equalInstallment' : 'interestOnly';
  const bp = retail ? 435 + 5 * rng.int(0, 273) : 385 + 5 * rng.int(0, 53);
  const rate = parseRate(rateText(bp)) as Rate;
  const penaltyRate = rng.chance(850) ? (parseRate(rateText(Math.ceil((bp * 3) / 2))) as Rate) : undefined;
  const disbursedOn = addDays(ctx.asOf, -rng.int(1, ctx.spreadDays));
  const selfPaid = rng.chance(retail ? 300 : 100);
  const guarantors = rng.chance(retail ? 120 : 700) ? (retail ? 1 : rng.int(1, 2)) : 0;
  const collateralCount = rng.chance(retail ? 100 : 550) ? (retail ? 1 : rng.int(1, 2)) : 0;
  const collateral = Array.from({ length: collateralCount }, (_, i) => ({
    id: `C-${pad(loanNo, 6)}-${i + 1}`,
    kind: rng.pick(retail ? RETAIL_COLLATERAL : CORPORATE_COLLATERAL),
    value: share(principal, Math.trunc(rng.int(retail ? 1100 : 1200, retail ? 1800 : 2000) / collateralCount), 10_000),
  }));
  const bNo = borrowerNumber(ctx, index);
  const brng = createRandom(mix32(ctx.seed ^ 0x5bd1_e995), bNo);
  const contacts = Array.from({ length: retail ? brng.int(1, 2) : 1 }, (_, i) => ({ id: `k${i + 1}`, number: maskedNumber(brng) }));
  return {
    loanNo,
    kind,
    principal,
    rate,
    penaltyRate,
    disbursedOn,
    termMonths,
    repayment,
    selfPaid,
    guarantorIds: Array.from({ length: guarantors }, (_, i) => `G-${pad(loanNo, 6)}-${i + 1}`),
    collateral,
    borrowerNumber: maskedNumber(brng),
    contactNumbers: contacts,
  };
}

function relationsOf(ctx: PortfolioContext, terms: Terms): { readonly id: string; readonly relation: string }[] {
  const bNo = borrowerNumber(ctx, terms.loanNo - 1);
  const brng = createRandom(mix32(ctx.seed ^ 0x1b87_3593), bNo);
  const relations = terms.kind === 'retail' ? RETAIL_RELATIONS : CORPORATE_RELATIONS;
  return terms.contactNumbers.map((c) => ({ id: c.id, relation: brng.pick(relations) }));
}

// ————— Routine servicing: what the staff do whatever the borrower does —————

function isoDayOf(year: number, month: number, dayOfMonth: number): Day {
  return fromCivil(year, month, dayOfMonth) as Day;
}

function servicing(sim: Sim): void {
  const { rng, terms } = sim;
  const start = terms.disbursedOn;
  const until = sim.closedOn ?? sim.end;
  const active = (d: Day) => d <= until;

  // P-IN-1 callback, P-IN-2 first on-site inspection, then on-site every quarter (P-IN-4, P-IN-9).
  inspect(sim, doneOn(sim, addDays(start, terms.selfPaid ? rng.int(1, 3) : rng.int(2, 6))), 'callback');
  for (let d = addDays(start, rng.int(10, 28)); active(d); d = addDays(d, rng.int(75, 88))) inspect(sim, doneOn(sim, d), 'onSite');

  // P-IN-7, P-CO-1: each collateral item inspected and revalued every year.
  for (const c of terms.collateral) {
    let value = c.value;
    for (let d = addDays(start, rng.int(330, 360)); active(d); d = addDays(d, rng.int(330, 360))) {
      const when = doneOn(sim, d);
      if (when === undefined) continue;
      inspect(sim, when, 'collateral', { collateralId: c.id });
      value = share(value, c.kind === 'property' || c.kind === 'landUseRight' ? rng.int(950, 1060) : rng.int(820, 970), 100);
      push(sim, when, 'collateralValuation', { collateralId: c.id, value: formatMoney(value) });
    }
  }

  // P-NT-2 reminder the day or two before each due date; P-NT-3 interest reminder ~3 weeks before for
  // loans whose principal falls due at maturity.
  const interestOnly = terms.repayment === 'interestOnly' || terms.repayment === 'bullet';
  for (const it of sim.ledger.schedule) {
    if (it.dueOn > until) break;
    if (sim.roll !== undefined && it.dueOn >= sim.roll.from && (sim.roll.to === undefined || it.dueOn < sim.roll.to)) continue;
    const remind = doneOn(sim, addDays(it.dueOn, -rng.int(1, 2)));
    if (remind !== undefined && remind < it.dueOn) contact(sim, remind, 'reached', { channel: rng.chance(700) ? 'sms' : 'app', hour: rng.int(9, 11) });
    if (interestOnly && it.interest > 0) {
      const notice = doneOn(sim, addDays(it.dueOn, -rng.int(16, 19)));
      if (notice !== undefined && notice < it.dueOn) push(sim, notice, 'noticeSent', { kind: 'interestReminder', party: 'borrower' });
    }
  }

  // P-NT-1 maturity notice to the borrower and each guarantor; P-NT-2 the call a week before.
  if (sim.maturity <= addDays(until, 45)) {
    const notice = doneOn(sim, addDays(sim.maturity, -rng.int(32, 44)));
    if (notice !== undefined && active(notice)) {
      push(sim, notice, 'noticeSent', { kind: 'maturityNotice', party: 'borrower' });
      for (const g of terms.guarantorIds) push(sim, notice, 'noticeSent', { kind: 'maturityNotice', party: g });
    }
    const call = doneOn(sim, addDays(sim.maturity, -rng.int(7, 10)));
    if (call !== undefined && call < sim.maturity && active(call)) contact(sim, call, 'reached', { hour: rng.int(9, 17) });
  }

  // Period ends: quarterly reports (P-IN-5), monthly ones while non-performing, the annual report and
  // ledger carry-forward (P-IN-5, P-NT-10), the yearly rating renewal (P-NT-9).
  const first = toCivil(start);
  for (let m = 0; ; m++) {
    const monthStart = addMonths(isoDayOf(first.year, first.month, 1), m);
    if (monthStart > until) break;
    const { year, month } = toCivil(monthStart);
    const monthEnd = addDays(addMonths(monthStart, 1), -1);
    const reportable = monthEnd >= addMonths(start, 2) && monthEnd < until;
    const npl = sim.nplSpans.some((s) => s.from <= monthEnd && (s.to === undefined || s.to > monthEnd));
    if (reportable && (month % 3 === 0 || npl)) inspect(sim, doneOn(sim, addDays(monthEnd, rng.int(3, 10))), 'report');
    if (month === 12 && monthEnd < until) {
      const annual = reportable ? doneOn(sim, addDays(monthEnd, rng.int(5, 20))) : undefined;
      if (annual !== undefined) push(sim, annual, 'inspection', { kind: 'annualReport' });
      const carried = doneOn(sim, addDays(monthEnd, rng.int(3, 15)));
      if (carried !== undefined) push(sim, carried, 'inspection', { kind: 'ledgerCarryForward' });
    }
    if (month === 1 && m > 0 && isoDayOf(year, 12, 31) >= addMonths(start, 12)) {
      const rated = doneOn(sim, addDays(monthStart, rng.int(9, 80)));
      if (rated !== undefined && active(rated)) push(sim, rated, 'ratingChange', { rating: rng.pick(terms.kind === 'retail' ? RETAIL_RATINGS : CORPORATE_RATINGS) });
    }
    // P-IN-10: at least one work-log entry a month; written at month end when no inspection made one.
    const logged = sim.drafts.some((e) => e.type === 'inspection' && e.fields['kind'] === 'workLog' && e.on >= monthStart && e.on <= monthEnd);
    if (!logged) {
      const lastDay = monthEnd < until ? monthEnd : until;
      const on = addDays(lastDay, -rng.int(0, 3));
      if (rng.int(0, 999) < sim.onTime + sim.late / 2) workLog(sim, on < start ? start : on);
    }
  }

  // P-LC-8: the settlement certificate after the last payment.
  if (sim.settled && sim.closedOn !== undefined) {
    const issued = doneOn(sim, addDays(sim.closedOn, rng.int(1, 4)));
    if (issued !== undefined) push(sim, issued, 'noticeSent', { kind: 'settlementCertificate', party: 'borrower' });
  }
}

/**
 * Generates loan `index` (0-based) of a portfolio: draws its contract and behaviour from its own
 * stream of the seed and simulates it up to `ctx.asOf`.
 *
 * @example
 * ```ts
 * syntheticLoan({ seed: 42, asOf: day('2026-06-30'), spreadDays: 1095 }, 0).loan.id; // 'L-000001'
 * ```
 */
export function syntheticLoan(ctx: PortfolioContext, index: number): GeneratedHistory {
  const rng = createRandom(ctx.seed, index);
  const terms = drawTerms(ctx, index, rng);
  const behaviour =
    terms.kind === 'retail'
      ? rng.weighted<Behaviour>([['current', 730], ['lateThenCure', 150], ['rollToAgency', 55], ['earlySettlement', 45], ['restructured', 20]])
      : rng.weighted<Behaviour>([['current', 820], ['lateThenCure', 100], ['rollToAgency', 20], ['earlySettlement', 30], ['restructured', 30]]);
  const diligent = rng.chance(880);
  const schedule = generateInstalments({ principal: terms.principal, annualRate: terms.rate, startOn: terms.disbursedOn, termMonths: terms.termMonths, repayment: terms.repayment });
  const sim: Sim = {
    rng,
    terms,
    end: ctx.asOf,
    drafts: [],
    onTime: diligent ? 960 : 760,
    late: diligent ? 30 : 150,
    officer: rng.pick(OFFICERS),
    manager: rng.pick(MANAGERS),
    ledger: createLedger(schedule, terms.penaltyRate, ORDER),
    maturity: (schedule[schedule.length - 1] as Instalment).dueOn,
    closedOn: undefined,
    settled: false,
    roll: undefined,
    nplSpans: [],
  };
  const dueDates = schedule.map((it) => it.dueOn);
  const pickDue = (lo: number, hi: number): Day => dueDates[Math.min(dueDates.length - 1, rng.int(Math.min(lo, dueDates.length - 1), Math.max(0, Math.min(hi, dueDates.length - 1))))] as Day;

  switch (behaviour) {
    case 'current':
      payOnTime(sim, terms.disbursedOn, sim.end);
      break;
    case 'lateThenCure': {
      // One or two arrears of one to three months, each cured in full with the penalty.
      const episodes = rng.chance(300) && dueDates.length > 6 ? 2 : 1;
      let cursor: Day = terms.disbursedOn;
      for (let e = 0; e < episodes; e++) {
        const lo = Math.trunc((e * dueDates.length) / episodes);
        const due = pickDue(lo, Math.trunc(((e + 1) * dueDates.length) / episodes) - 1);
        if (due <= cursor) continue;
        cursor = payOnTime(sim, cursor, addDays(due, -1));
        const months = rng.weighted([[1, 75], [2, 18], [3, 7]]);
        const lateBy = months === 1 ? rng.int(3, 27) : months === 2 ? rng.int(32, 58) : rng.int(62, 88);
        cursor = lateEpisode(sim, due, lateBy);
      }
      payOnTime(sim, cursor, sim.end);
      break;
    }
    case 'rollToAgency': {
      const due = pickDue(0, dueDates.length - 1);
      payOnTime(sim, terms.disbursedOn, addDays(due, -1));
      rollToAgency(sim, due);
      break;
    }
    case 'earlySettlement': {
      const due = pickDue(0, Math.max(0, dueDates.length - 2));
      // One early settler in ten is asked to settle: the P-IN-8 spot check found misappropriation.
      if (rng.chance(100)) {
        const found = addDays(terms.disbursedOn, rng.int(15, 45));
        push(sim, found, 'misappropriation');
        const demand = doneOn(sim, addDays(found, 1));
        if (demand !== undefined) push(sim, demand, 'noticeSent', { kind: 'earlySettlementDemand', party: 'borrower' });
        const settle = addDays(found, rng.int(10, 40));
        const last = payOnTime(sim, terms.disbursedOn, addDays(settle, -1));
        settleEarly(sim, last >= settle ? addDays(last, 1) : settle);
      } else {
        const settle = addDays(due, rng.int(3, 25));
        payOnTime(sim, terms.disbursedOn, addDays(settle, -1));
        settleEarly(sim, settle);
      }
      break;
    }
    case 'restructured': {
      const due = pickDue(2, dueDates.length - 2);
      payOnTime(sim, terms.disbursedOn, addDays(due, -1));
      const on = addDays(due, rng.int(35, 55));
      collectInHouse(sim, addDays(due, 1), on, true);
      if (on <= sim.end) {
        restructure(sim, on);
        payOnTime(sim, on, sim.end);
      }
      break;
    }
  }
  servicing(sim);

  const drafts = sim.drafts.filter((e) => e.on <= sim.end).sort((a, b) => a.on - b.on || a.seq - b.seq);
  const width = Math.max(4, String(drafts.length).length);
  const events: GeneratedEvent[] = drafts.map((e, i) => ({ id: `e-${pad(i + 1, width)}`, type: e.type, on: formatDay(e.on), ...e.fields }));
  const loan: GeneratedLoan = {
    id: `L-${pad(terms.loanNo, 6)}`,
    borrower: { id: `B-${pad(borrowerNumber(ctx, index), 6)}`, kind: terms.kind, contacts: relationsOf(ctx, terms) },
    principal: formatMoney(terms.principal),
    annualRate: terms.rate.text,
    ...(terms.penaltyRate === undefined ? {} : { penaltyRate: terms.penaltyRate.text }),
    disbursedOn: formatDay(terms.disbursedOn),
    termMonths: terms.termMonths,
    repayment: terms.repayment,
    selfPaid: terms.selfPaid,
    guarantors: terms.guarantorIds.map((id) => ({ id })),
    collateral: terms.collateral.map((c) => ({ id: c.id, kind: c.kind, value: formatMoney(c.value), valuedOn: formatDay(addDays(terms.disbursedOn, -((terms.loanNo % 17) + 3))) })),
  };
  return { loan, events };
}
