/**
 * The simulation of one synthetic loan's life: the state it keeps (the ledger, the drafts of its events)
 * and what the borrower, the collectors and the agencies do — pay on time, fall behind and cure, roll
 * to an agency, settle early, restructure. Payments go through the real ledger.
 */
import { generateInstalments, type Instalment } from '../contract/schedule';
import { applyPayment, createLedger, currentPeriod, positionAt, type Ledger } from '../ledger/ledger';
import { formatMoney, type Fen } from '../money/fen';
import { addDays, formatDay, type Day } from '../time/day';
import type { Random } from './random';
import type { GeneratedValue } from './generatedHistory';
import { pad, share, type Terms } from './loanTerms';

// ————— Portfolio-wide reference data (no personal data: ids only, masked numbers) —————

const AGENCIES: readonly (readonly [string, number])[] = [
  // agency id, its skill: the chance (per mille) that a held case pays something in a fortnight
  ['AG-01', 260],
  ['AG-02', 200],
  ['AG-03', 150],
  ['AG-04', 110],
  ['AG-05', 70],
];
export const ORDER = ['penalty', 'interest', 'principal'] as const;

/** Contact hours, weighted towards office hours; quiet hours (22:00–08:00) only by the breach draw. */
const HOURS: readonly (readonly [number, number])[] = [
  [8, 4], [9, 12], [10, 14], [11, 12], [12, 5], [13, 6], [14, 12], [15, 12], [16, 10], [17, 7], [18, 5], [19, 4], [20, 3], [21, 2],
];

// ————— The simulation —————

interface Draft {
  readonly on: Day;
  readonly seq: number;
  readonly type: string;
  readonly fields: Readonly<Record<string, GeneratedValue>>;
}

export interface Sim {
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

export function push(sim: Sim, on: Day, type: string, fields: Readonly<Record<string, GeneratedValue>> = {}): void {
  if (on > sim.end || on < sim.terms.disbursedOn) return;
  sim.drafts.push({ on, seq: sim.drafts.length, type, fields });
}

/** When staff do a task due by `due`: that day, a few days late, or never (per the officer's diligence). */
export function doneOn(sim: Sim, due: Day): Day | undefined {
  const r = sim.rng.int(0, 999);
  if (r < sim.onTime) return due;
  if (r < sim.onTime + sim.late) return addDays(due, sim.rng.int(2, 20));
  return undefined;
}

/** An inspection, then (per P-IN-10) a work-log entry and the supervisor's sign-off of it. */
export function inspect(sim: Sim, on: Day | undefined, kind: string, extra: Readonly<Record<string, GeneratedValue>> = {}): void {
  if (on === undefined) return;
  push(sim, on, 'inspection', { kind, ...extra });
  workLog(sim, doneOn(sim, addDays(on, sim.rng.int(0, 1))));
}

export function workLog(sim: Sim, on: Day | undefined): void {
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

export function contact(
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
  // The current period's interest only when its instalment is not paid ahead, as the ledger settles.
  const current = currentPeriod(l, d);
  for (let i = l.firstOpen; i < l.schedule.length; i++) {
    const it = l.schedule[i] as Instalment;
    if (it.dueOn <= d) continue;
    total += i === current ? unpaidOf(l, i) : it.principal - (l.paidPrincipal[i] ?? 0);
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
export function payOnTime(sim: Sim, from: Day, until: Day): Day {
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
export function collectInHouse(sim: Sim, from: Day, to: Day, cooperative: boolean, promise?: { readonly amount: Fen }): void {
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
export function lateEpisode(sim: Sim, due: Day, lateBy: number): Day {
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
export function rollToAgency(sim: Sim, due: Day): void {
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
export function settleEarly(sim: Sim, d: Day): void {
  pay(sim, d, payoffOn(sim.ledger, d));
}

/**
 * A restructuring (重组) on `d`: the pay-off amount becomes the principal of a new schedule over
 * `termMonths` from `d`, requested by the officer and approved by a manager (four eyes). The borrower
 * then pays the new schedule. The simulation swaps in a fresh ledger of the new schedule.
 */
export function restructure(sim: Sim, d: Day): void {
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
