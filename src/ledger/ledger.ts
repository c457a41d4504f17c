import type { Instalment } from '../contract/schedule';
import type { Fen } from '../money/fen';
import { applyRateHalfUp, type Rate } from '../money/rate';
import { addMonths, toCivil, type Day } from '../time/day';
import type { AllocationComponent } from '../rules/vocabulary';
import { withSortedKeys } from '../hash/sortedJson';

/**
 * The repayment ledger of one loan: what each instalment owes and what has been paid against it.
 *
 * It is mutable on purpose and private to one replay: a replay folds thousands of payments per second
 * per core, and copying arrays per payment would dominate. Nothing outside `engine/` holds a Ledger;
 * what leaves the engine is plain readonly output.
 */
export interface Ledger {
  /** The schedule in force: the contract's, or after a restructuring the kept part plus the new instalments. */
  schedule: readonly Instalment[];
  readonly penaltyRate: Rate | undefined;
  readonly order: readonly AllocationComponent[];
  /** Principal of the schedule in force (grows when a restructuring capitalises interest and penalty). */
  principal: Fen;
  readonly paidPrincipal: number[];
  readonly paidInterest: number[];
  readonly paidPenalty: number[];
  /** Penalty accrued in closed segments (between payments), rounded when the segment closed. */
  readonly penaltyClosed: number[];
  /** First day of the open penalty segment (accrual runs from the day after it). */
  readonly segmentStart: number[];
  /** Interest waived by a prepayment in full (periods not yet started). */
  readonly waivedInterest: number[];
  /** Day the instalment was fully paid, or -1. */
  readonly clearedOn: number[];
  /** Index of the oldest instalment not fully paid; `schedule.length` when all are. */
  firstOpen: number;
  /**
   * How many times an instalment became fully paid since the ledger was made or restored (not
   * persisted): a look-ahead kept across days that depends on which instalments are paid (the wake day
   * of a task rule, see `nextTaskWake`) looks again when it moved.
   */
  clears: number;
  principalPaidTotal: Fen;
  /** Money received beyond everything owed: recorded, never dropped. */
  overpaid: Fen;
}

/** How one payment was applied. */
export interface PaymentAllocation {
  readonly penalty: Fen;
  readonly interest: Fen;
  readonly principal: Fen;
  /** Interest of not-yet-started periods waived because the payment settled the loan early. */
  readonly interestWaived: Fen;
  readonly overpaid: Fen;
  readonly settledEarly: boolean;
}

/** An empty ledger over a schedule. */
export function createLedger(schedule: readonly Instalment[], penaltyRate: Rate | undefined, order: readonly AllocationComponent[]): Ledger {
  const n = schedule.length;
  let principal = 0;
  for (const i of schedule) principal += i.principal;
  const ledger: Ledger = {
    schedule,
    penaltyRate,
    order,
    principal,
    paidPrincipal: new Array<number>(n).fill(0),
    paidInterest: new Array<number>(n).fill(0),
    paidPenalty: new Array<number>(n).fill(0),
    penaltyClosed: new Array<number>(n).fill(0),
    segmentStart: schedule.map((i) => i.dueOn),
    waivedInterest: new Array<number>(n).fill(0),
    clearedOn: new Array<number>(n).fill(-1),
    firstOpen: 0,
    clears: 0,
    principalPaidTotal: 0,
    overpaid: 0,
  };
  // An instalment that owes nothing (a grace month of an explicit schedule) is paid by definition on
  // its due date: never overdue, never missed.
  schedule.forEach((it, i) => {
    if (it.principal === 0 && it.interest === 0) (ledger.clearedOn)[i] = it.dueOn;
  });
  advanceFirstOpen(ledger);
  return ledger;
}

function inst(l: Ledger, i: number): Instalment {
  return l.schedule[i] as Instalment;
}

/**
 * Penalty interest (罚息) accruing in the open segment of instalment `i` up to day `d`: unpaid principal
 * × annual penalty rate × days / 360 (the PBOC day-count convention), rounded half up. Penalty accrues
 * only on principal (no compounding on interest) and only when the contract sets a penalty rate.
 */
function openPenalty(l: Ledger, i: number, d: Day): Fen {
  if (l.penaltyRate === undefined) return 0;
  const days = d - (l.segmentStart[i] as number);
  if (days <= 0) return 0;
  const unpaid = inst(l, i).principal - (l.paidPrincipal[i] as number);
  if (unpaid <= 0) return 0;
  return applyRateHalfUp(unpaid, l.penaltyRate, BigInt(days), 360n);
}

function unpaidOf(l: Ledger, i: number, c: AllocationComponent): Fen {
  switch (c) {
    case 'penalty':
      return (l.penaltyClosed[i] as number) - (l.paidPenalty[i] as number);
    case 'interest':
      return inst(l, i).interest - (l.paidInterest[i] as number) - (l.waivedInterest[i] as number);
    case 'principal':
      return inst(l, i).principal - (l.paidPrincipal[i] as number);
  }
}

function pay(l: Ledger, i: number, c: AllocationComponent, amount: Fen): void {
  switch (c) {
    case 'penalty':
      (l.paidPenalty)[i] = (l.paidPenalty[i] as number) + amount;
      return;
    case 'interest':
      (l.paidInterest)[i] = (l.paidInterest[i] as number) + amount;
      return;
    case 'principal':
      (l.paidPrincipal)[i] = (l.paidPrincipal[i] as number) + amount;
      l.principalPaidTotal += amount;
      return;
  }
}

function isCleared(l: Ledger, i: number): boolean {
  return unpaidOf(l, i, 'penalty') === 0 && unpaidOf(l, i, 'interest') === 0 && unpaidOf(l, i, 'principal') === 0;
}

/** Pays instalment `i` in the ledger's component order; returns what is left of `amount`. */
function payInstalment(l: Ledger, i: number, amount: Fen, d: Day, acc: Record<AllocationComponent, number>): Fen {
  let left = amount;
  for (const c of l.order) {
    if (left === 0) break;
    const due = unpaidOf(l, i, c);
    if (due <= 0) continue;
    const part = due < left ? due : left;
    pay(l, i, c, part);
    acc[c] += part;
    left -= part;
  }
  if ((l.clearedOn[i] as number) < 0 && isCleared(l, i)) markCleared(l, i, d);
  return left;
}

/** Instalment `i` became fully paid on day `d`. */
function markCleared(l: Ledger, i: number, d: Day): void {
  (l.clearedOn)[i] = d;
  l.clears++;
}

function advanceFirstOpen(l: Ledger): void {
  while (l.firstOpen < l.schedule.length && (l.clearedOn[l.firstOpen] as number) >= 0) l.firstOpen++;
}

/**
 * The schedule position of the current period on day `d`: the first instalment falling due after `d`,
 * paid or not (`schedule.length` when none does). Instalments paid ahead come before the first open one,
 * so the current period may be one of them: it then owes nothing, and the first open instalment is a
 * period not yet started (decision 548). The schedule is in date order (decision 547).
 */
export function currentPeriod(l: Ledger, d: Day): number {
  let i = l.firstOpen;
  while (i > 0 && inst(l, i - 1).dueOn > d) i--;
  while (i < l.schedule.length && inst(l, i).dueOn <= d) i++;
  return i;
}

/**
 * Applies a payment received on day `d`:
 * 1. penalty accrued so far is closed (rounded) on every overdue instalment;
 * 2. instalments due on or before `d` are paid oldest first, each in the pack's component order
 *    (default penalty → interest → principal);
 * 3. what is left, if it covers the pay-off amount (the current period's interest and principal plus
 *    all later principal), settles the loan and waives the interest of periods not yet started;
 *    otherwise it pays the next instalments ahead, oldest first;
 * 4. anything beyond all that is recorded as overpaid.
 */
export function applyPayment(l: Ledger, d: Day, amount: Fen): PaymentAllocation {
  const n = l.schedule.length;
  for (let i = l.firstOpen; i < n && inst(l, i).dueOn < d; i++) {
    const accrued = openPenalty(l, i, d);
    if (accrued > 0) (l.penaltyClosed)[i] = (l.penaltyClosed[i] as number) + accrued;
    if ((l.segmentStart[i] as number) < d) (l.segmentStart)[i] = d;
  }
  const acc: Record<AllocationComponent, number> = { penalty: 0, interest: 0, principal: 0 };
  let left = amount;
  let i = l.firstOpen;
  for (; i < n && left > 0 && inst(l, i).dueOn <= d; i++) left = payInstalment(l, i, left, d, acc);
  // Skip instalments already cleared in a previous run-ahead.
  while (i < n && inst(l, i).dueOn <= d) i++;
  let waived = 0;
  let settledEarly = false;
  if (left > 0 && i < n && allDueCleared(l, d)) {
    // The current period's interest is owed only when its instalment is the first open one: one paid
    // ahead owes nothing, and the interest of every later period is then of a period not yet started.
    const current = currentPeriod(l, d) === i;
    let payoff = (current ? unpaidOf(l, i, 'interest') : 0) + unpaidOf(l, i, 'principal') + unpaidOf(l, i, 'penalty');
    for (let j = i + 1; j < n; j++) payoff += unpaidOf(l, j, 'principal') + unpaidOf(l, j, 'penalty');
    if (left >= payoff) {
      for (let j = current ? i + 1 : i; j < n; j++) {
        const w = unpaidOf(l, j, 'interest');
        (l.waivedInterest)[j] = (l.waivedInterest[j] as number) + w;
        waived += w;
      }
      for (let j = i; j < n; j++) left = payInstalment(l, j, left, d, acc);
      settledEarly = true;
    }
  }
  for (let j = i; j < n && left > 0; j++) left = payInstalment(l, j, left, d, acc);
  advanceFirstOpen(l);
  if (left > 0) l.overpaid += left;
  return { penalty: acc.penalty, interest: acc.interest, principal: acc.principal, interestWaived: waived, overpaid: left, settledEarly };
}

function allDueCleared(l: Ledger, d: Day): boolean {
  for (let i = l.firstOpen; i < l.schedule.length && inst(l, i).dueOn <= d; i++) if ((l.clearedOn[i] as number) < 0) return false;
  return true;
}

/** Amounts split by component, in fen. */
export interface Amounts {
  readonly principal: Fen;
  readonly interest: Fen;
  readonly penalty: Fen;
  readonly total: Fen;
}

/** The ledger's position at the end of day `d`, from which facts and output are derived. */
export interface LedgerPosition {
  readonly dpd: number;
  /** Due date of the oldest instalment not fully paid, or undefined when all are. */
  readonly oldestOpenDueOn: Day | undefined;
  readonly outstanding: Amounts;
  readonly overdue: Amounts;
  readonly consecutiveMissed: number;
  readonly cumulativeMissed: number;
  readonly fullyRepaid: boolean;
}

/**
 * Position at the end of day `d`. DPD counts from the oldest instalment not fully paid: 0 on its due
 * date, 1 the day after. An instalment is missed when it was not fully paid by the end of its due date.
 */
export function positionAt(l: Ledger, d: Day): LedgerPosition {
  const n = l.schedule.length;
  const first = l.firstOpen;
  const oldest = first < n ? inst(l, first).dueOn : undefined;
  const dpd = oldest !== undefined && oldest < d ? d - oldest : 0;
  let odPrincipal = 0;
  let odInterest = 0;
  let penalty = 0;
  let dueInterest = 0;
  for (let i = first; i < n; i++) {
    const it = inst(l, i);
    if (it.dueOn > d) break;
    const interest = unpaidOf(l, i, 'interest');
    dueInterest += interest;
    if (it.dueOn < d) {
      odPrincipal += unpaidOf(l, i, 'principal');
      odInterest += interest;
      penalty += unpaidOf(l, i, 'penalty') + openPenalty(l, i, d);
    }
  }
  let cumulative = 0;
  let consecutive = 0;
  for (let i = 0; i < n; i++) {
    const it = inst(l, i);
    if (it.dueOn >= d) break;
    const cleared = l.clearedOn[i] as number;
    const missed = cleared < 0 || cleared > it.dueOn;
    if (missed) {
      cumulative++;
      consecutive++;
    } else consecutive = 0;
  }
  const outPrincipal = l.principal - l.principalPaidTotal;
  return {
    dpd,
    oldestOpenDueOn: oldest,
    outstanding: { principal: outPrincipal, interest: dueInterest, penalty, total: outPrincipal + dueInterest + penalty },
    overdue: { principal: odPrincipal, interest: odInterest, penalty, total: odPrincipal + odInterest + penalty },
    consecutiveMissed: consecutive,
    cumulativeMissed: cumulative,
    fullyRepaid: first >= n,
  };
}

/**
 * What a restructuring or extension on day `d` turns into the principal of the new schedule: the
 * pay-off amount of that day (see {@link applyPayment}) — unpaid principal, interest and penalty of
 * instalments already due, the current period's unpaid interest, and all principal not yet due.
 * Interest of periods not yet started is not owed. `principal`, `interest` and `penalty` say where the
 * amount comes from; `interest + penalty` is capitalised.
 */
export function payoffAt(l: Ledger, d: Day): Amounts {
  const n = l.schedule.length;
  let principal = 0;
  let interest = 0;
  let penalty = 0;
  // The current period's instalment, when it is not paid ahead (then it owes nothing: decision 548).
  const current = currentPeriod(l, d);
  for (let i = l.firstOpen; i < n; i++) {
    const it = inst(l, i);
    principal += unpaidOf(l, i, 'principal');
    if (it.dueOn <= d) {
      interest += unpaidOf(l, i, 'interest');
      penalty += unpaidOf(l, i, 'penalty') + openPenalty(l, i, d);
    } else if (i === current) {
      interest += unpaidOf(l, i, 'interest');
    }
  }
  return { principal, interest, penalty, total: principal + interest + penalty };
}

/** Appends `next` to `schedule` with nothing paid on it (an instalment owing nothing is paid on its due date). */
function appendInstalments(l: Ledger, schedule: Instalment[], next: readonly Instalment[]): void {
  for (const it of next) {
    schedule.push(it);
    l.paidPrincipal.push(0);
    l.paidInterest.push(0);
    l.paidPenalty.push(0);
    l.penaltyClosed.push(0);
    l.segmentStart.push(it.dueOn);
    l.waivedInterest.push(0);
    l.clearedOn.push(it.principal === 0 && it.interest === 0 ? it.dueOn : -1);
  }
}

/**
 * Replaces what is left of the schedule on day `d` by `next` (a restructuring or an extension):
 * every instalment not yet fully repaid, and every instalment not yet due, is closed at what was paid
 * on it (moved to `d` if it falls later, so the schedule stays in date order; one past its due date
 * counts as missed, as it was), instalments not yet due with nothing paid are dropped, and `next` is
 * appended. `next` must repay {@link payoffAt}`(l, d).total` in principal and fall due after `d`.
 * With `keepCurrentInterest` (an extension) the current period's instalment keeps its interest, due on
 * its own date, `next` repays the principal only and falls due after that date.
 * Returns how many instalments of the old schedule were kept.
 */
export function replaceSchedule(l: Ledger, d: Day, next: readonly Instalment[], keepCurrentInterest = false): number {
  const n = l.schedule.length;
  const kept: Instalment[] = l.schedule.slice(0, l.firstOpen);
  // An extension keeps the current period's interest due on its own date, and its new instalments fall
  // due after that date; a restructuring's after `d`. Instalments not yet due are closed on that day
  // (moved to it when they fall later) so the schedule stays in date order.
  const current = currentPeriod(l, d);
  const closeOn = keepCurrentInterest && current < n ? inst(l, current).dueOn : d;
  // Instalments paid in full ahead of their due dates come before the first open one: they are closed
  // on that day too, or they would fall due after the first new instalments (decision 547). The current
  // period may be one of them (then it owes nothing, and no open instalment keeps its interest).
  for (let i = 0; i < kept.length; i++) {
    const it = kept[i] as Instalment;
    if (it.dueOn <= closeOn) continue;
    kept[i] = { index: it.index, dueOn: closeOn, principal: it.principal, interest: it.interest };
    (l.segmentStart)[i] = closeOn;
  }
  for (let i = l.firstOpen; i < n; i++) {
    const it = inst(l, i);
    const paidP = l.paidPrincipal[i] as number;
    const paidI = l.paidInterest[i] as number;
    const paidPen = l.paidPenalty[i] as number;
    const cleared = (l.clearedOn[i] as number) >= 0;
    if (keepCurrentInterest && i === current) {
      kept.push({ index: it.index, dueOn: it.dueOn, principal: paidP, interest: it.interest });
      if (!cleared && paidP === 0 && paidI >= it.interest) markCleared(l, i, d);
      continue;
    }
    // Payments ahead fill instalments oldest first, so the untouched ones are the tail.
    if (it.dueOn > d && paidP === 0 && paidI === 0 && paidPen === 0 && !cleared) break;
    const on = it.dueOn > closeOn ? closeOn : it.dueOn;
    kept.push({ index: it.index, dueOn: on, principal: paidP, interest: paidI });
    (l.penaltyClosed)[i] = paidPen;
    (l.waivedInterest)[i] = 0;
    (l.segmentStart)[i] = on;
    if (!cleared) markCleared(l, i, d);
  }
  const k = kept.length;
  for (const arr of [l.paidPrincipal, l.paidInterest, l.paidPenalty, l.penaltyClosed, l.segmentStart, l.waivedInterest, l.clearedOn]) arr.length = k;
  appendInstalments(l, kept, next);
  l.schedule = kept;
  let principal = 0;
  for (const it of kept) principal += it.principal;
  l.principal = principal;
  l.firstOpen = 0;
  advanceFirstOpen(l);
  return k;
}

/** What a re-age moved to the end of the schedule ({@link reAgeSchedule}). */
export interface ReAged {
  /** Unpaid principal, interest and penalty (accrued to the day) of the instalments moved. */
  readonly moved: Amounts;
  /** Schedule position of the first new instalment, and how many there are (0 when nothing was past due). */
  readonly from: number;
  readonly count: number;
}

/**
 * A re-age on day `d` brings the loan current without forgiving anything: every instalment past its due
 * date (due before `d`) and not fully paid is closed at what was paid on it (it stays missed, as it
 * was), and what it still owes — principal, interest, and penalty accrued to `d` — falls due again in a
 * new instalment appended to the schedule, one month after the last (on the last instalment's day of
 * the month), in the same order. The penalty becomes interest of the new instalment; penalty accrues
 * again only if that instalment is missed.
 */
export function reAgeSchedule(l: Ledger, d: Day): ReAged {
  const n = l.schedule.length;
  const schedule = [...l.schedule];
  const last = inst(l, n - 1).dueOn;
  const anchor = toCivil(last).dayOfMonth;
  let index = 0;
  for (const it of schedule) if (it.index > index) index = it.index;
  const next: Instalment[] = [];
  let principal = 0;
  let interest = 0;
  let penalty = 0;
  for (let i = l.firstOpen; i < n && inst(l, i).dueOn < d; i++) {
    if ((l.clearedOn[i] as number) >= 0) continue;
    const it = inst(l, i);
    const p = unpaidOf(l, i, 'principal');
    const r = unpaidOf(l, i, 'interest');
    const pen = unpaidOf(l, i, 'penalty') + openPenalty(l, i, d);
    principal += p;
    interest += r;
    penalty += pen;
    schedule[i] = { index: it.index, dueOn: it.dueOn, principal: l.paidPrincipal[i] as number, interest: l.paidInterest[i] as number };
    (l.penaltyClosed)[i] = l.paidPenalty[i] as number;
    (l.waivedInterest)[i] = 0;
    (l.segmentStart)[i] = d;
    markCleared(l, i, d);
    next.push({ index: ++index, dueOn: addMonths(last, next.length + 1, anchor), principal: p, interest: r + pen });
  }
  appendInstalments(l, schedule, next);
  l.schedule = schedule;
  l.firstOpen = 0;
  advanceFirstOpen(l);
  return { moved: { principal, interest, penalty, total: principal + interest + penalty }, from: n, count: next.length };
}

/** A ledger's state as plain JSON, for loan snapshots: the schedule in force and what was paid on it. */
export interface LedgerState {
  readonly schedule: readonly Instalment[];
  readonly paidPrincipal: readonly number[];
  readonly paidInterest: readonly number[];
  readonly paidPenalty: readonly number[];
  readonly penaltyClosed: readonly number[];
  readonly segmentStart: readonly number[];
  readonly waivedInterest: readonly number[];
  readonly clearedOn: readonly number[];
  readonly principalPaidTotal: number;
  readonly overpaid: number;
}

/**
 * A ledger's state as a snapshot keeps it (format 5): the schedule only when the contract does not make
 * it (see `persistRun`), and the arrays of amounts that are 0 for every instalment — most loans pay no
 * penalty and are waived nothing — left out.
 */
export type PersistedLedger = Omit<LedgerState, 'schedule' | ZeroDefault> & { readonly schedule?: LedgerState['schedule'] } & { readonly [K in ZeroDefault]?: LedgerState[K] };

/** The per-instalment amounts a snapshot leaves out when every one is 0. */
type ZeroDefault = 'paidPrincipal' | 'paidInterest' | 'paidPenalty' | 'penaltyClosed' | 'waivedInterest';

/** A copy of the list, or undefined when every entry is 0. */
function unlessAllZero(list: readonly number[]): number[] | undefined {
  let i = 0;
  while (i < list.length && list[i] === 0) i++;
  return i === list.length ? undefined : list.slice();
}

/**
 * The ledger's state as plain JSON (copies: the snapshot does not change with the ledger). Without
 * `withSchedule` the schedule is left out and not copied: a snapshot whose contract regenerates it drops
 * it anyway (most loans, every night). An amount list that is 0 throughout is left out as well.
 */
export function persistLedger(l: Ledger, withSchedule = true): PersistedLedger {
  // Keys in sorted order, as every object of a snapshot has them: its JSON text is then its canonical
  // JSON, which its checksum is taken from (see makeSnapshot).
  const state: { -readonly [K in keyof PersistedLedger]?: PersistedLedger[K] } = { clearedOn: l.clearedOn.slice(), overpaid: l.overpaid };
  const paidInterest = unlessAllZero(l.paidInterest);
  if (paidInterest !== undefined) state.paidInterest = paidInterest;
  const paidPenalty = unlessAllZero(l.paidPenalty);
  if (paidPenalty !== undefined) state.paidPenalty = paidPenalty;
  const paidPrincipal = unlessAllZero(l.paidPrincipal);
  if (paidPrincipal !== undefined) state.paidPrincipal = paidPrincipal;
  const penaltyClosed = unlessAllZero(l.penaltyClosed);
  if (penaltyClosed !== undefined) state.penaltyClosed = penaltyClosed;
  state.principalPaidTotal = l.principalPaidTotal;
  if (withSchedule) state.schedule = l.schedule.map(withSortedKeys);
  state.segmentStart = l.segmentStart.slice();
  const waivedInterest = unlessAllZero(l.waivedInterest);
  if (waivedInterest !== undefined) state.waivedInterest = waivedInterest;
  // Every required key is set above; the type cannot follow assignments one by one.
  return state as PersistedLedger;
}

/** `n` zeros (a packed list, as a stored one is). */
function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/**
 * A ledger in the persisted state, on `schedule` (the one in force: the stored one, or the contract's),
 * with the contract's penalty rate and the pack's allocation order. The paid arrays are copied as they
 * are stored, not made empty first and filled again. The instalments are copied too, unless `shared`
 * says `schedule` is the contract's generated one, which nothing writes to: the ledger replaces its
 * schedule, never an instalment or the list in place, so it shares that one as a fresh replay does.
 */
export function restoreLedger(state: PersistedLedger, schedule: readonly Instalment[], penaltyRate: Rate | undefined, order: readonly AllocationComponent[], shared = false): Ledger {
  let principal = 0;
  let own: readonly Instalment[] = schedule;
  if (shared) for (const it of schedule) principal += it.principal;
  else {
    const copies: Instalment[] = [];
    for (const it of schedule) {
      copies.push({ ...it });
      principal += it.principal;
    }
    own = copies;
  }
  // The keys in createLedger's order, so both make objects of one shape.
  const l: Ledger = {
    schedule: own,
    penaltyRate,
    order,
    principal,
    paidPrincipal: state.paidPrincipal?.slice() ?? zeros(schedule.length),
    paidInterest: state.paidInterest?.slice() ?? zeros(schedule.length),
    paidPenalty: state.paidPenalty?.slice() ?? zeros(schedule.length),
    penaltyClosed: state.penaltyClosed?.slice() ?? zeros(schedule.length),
    segmentStart: state.segmentStart.slice(),
    waivedInterest: state.waivedInterest?.slice() ?? zeros(schedule.length),
    clearedOn: state.clearedOn.slice(),
    firstOpen: 0,
    clears: 0,
    principalPaidTotal: state.principalPaidTotal,
    overpaid: state.overpaid,
  };
  advanceFirstOpen(l);
  return l;
}
