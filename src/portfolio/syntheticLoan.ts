/**
 * One synthetic loan: its contract drawn from a seeded stream, then a simulation of the borrower and the
 * lender's staff through the loan's life that writes the history file a lender would export. Payments
 * are computed with the real ledger, so a borrower who "pays on time" pays exactly what falls due and a
 * borrower who "cures" pays exactly what is overdue, penalty included.
 *
 * Internal to `generate.ts`, which documents the mix and validates the options.
 */
import { generateInstalments, type Instalment } from '../contract/schedule';
import { createLedger } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import { addDays, addMonths, formatDay, fromCivil, toCivil, type Day } from '../time/day';
import { createRandom } from './random';
import type { Behaviour, GeneratedEvent, GeneratedHistory, GeneratedLoan, PortfolioContext } from './generatedHistory';
import { borrowerNumber, drawTerms, pad, relationsOf, share } from './loanTerms';
import { ORDER, collectInHouse, contact, doneOn, inspect, lateEpisode, payOnTime, push, restructure, rollToAgency, settleEarly, workLog, type Sim } from './loanSimulation';

export type { Behaviour, GeneratedEvent, GeneratedHistory, GeneratedLoan, GeneratedValue, PortfolioContext } from './generatedHistory';

const OFFICERS = ['officer-01', 'officer-02', 'officer-03', 'officer-04', 'officer-05', 'officer-06', 'officer-07', 'officer-08'] as const;
const MANAGERS = ['manager-01', 'manager-02', 'manager-03'] as const;
const RETAIL_RATINGS = ['A', 'B', 'B', 'C'] as const;
const CORPORATE_RATINGS = ['AA', 'A', 'A', 'BBB', 'BB'] as const;

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