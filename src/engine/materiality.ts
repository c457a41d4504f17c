import type { LedgerPosition } from '../ledger/ledger';
import type { Fen } from '../money/fen';
import type { Rate } from '../money/rate';
import type { BorrowerKind } from '../contract/LoanContract';
import type { Day } from '../time/day';
import type { Run } from './run';

/**
 * The materiality threshold of past-due amounts (Delegated Regulation (EU) 2018/171), from the pack's
 * `materialityAbsolute` and `materialityRelative` parameters.
 *
 * @example
 * ```ts
 * const t: MaterialityThreshold = { absolute: { retail: 10_000, corporate: 50_000 }, relative: parseRate('0.01')! };
 * ```
 */
export interface MaterialityThreshold {
  /** Absolute component by borrower kind, in the loan's minor unit. */
  readonly absolute: Readonly<Record<BorrowerKind, Fen>>;
  /** Relative component: share of the exposure. */
  readonly relative: Rate;
}

/** The material arrear being counted: the day it began (undefined while none) and the day the last one ended. */
export interface MaterialityState {
  since: Day | undefined;
  endedOn: Day | undefined;
}

/**
 * True when a past-due amount is material: it exceeds both the absolute component for the borrower kind
 * and the relative component × the exposure (2018/171: material when both limits are exceeded). The
 * relative test is `pastDue × scale > units × exposure` in integers, never a float.
 *
 * @example
 * ```ts
 * isMaterial(15_000, 1_000_000, t, 'retail'); // true: 150.00 > 100.00 and 150.00 > 1 % of 10,000.00
 * isMaterial(15_000, 2_000_000, t, 'retail'); // false: 150.00 is not above 1 % of 20,000.00
 * ```
 */
export function isMaterial(pastDue: Fen, exposure: Fen, t: MaterialityThreshold, kind: BorrowerKind): boolean {
  if (pastDue <= t.absolute[kind]) return false;
  return BigInt(pastDue) * t.relative.scale > t.relative.units * BigInt(exposure);
}

/**
 * Sets the facts `materialPastDue`, `materialDpd` and `daysWithoutMaterialArrears` for the end of day
 * `d` from the ledger's position. The past-due amount is the principal and interest of instalments past
 * their due date and unpaid; the exposure the outstanding principal plus the interest due and unpaid.
 * Penalty interest is in neither: it accrues every day, and leaving it out keeps the day an arrear
 * becomes material one the engine knows in advance (a due date, the day after, or an event).
 * With `settle` (an evaluation, not a look ahead at permits) the day a material arrear begins or ends
 * is remembered; the engine evaluates a loan on every day that can change (events, each due date and
 * the day after), so those days are exact. Without the pack's parameters the facts are 0.
 */
export function refreshMateriality(run: Run, d: Day, p: LedgerPosition, settle: boolean): void {
  const f = run.facts;
  const t = run.pack.materiality;
  if (t === undefined) {
    f.materialPastDue = 0;
    f.materialDpd = 0;
    f.daysWithoutMaterialArrears = 0;
    return;
  }
  const pastDue = p.overdue.principal + p.overdue.interest;
  const exposure = p.outstanding.principal + p.outstanding.interest;
  const m = run.materiality;
  const material = isMaterial(pastDue, exposure, t, run.history.loan.borrower.kind);
  const since = material ? (m.since ?? d) : undefined;
  const endedOn = !material && m.since !== undefined ? d : m.endedOn;
  if (settle) {
    m.since = since;
    m.endedOn = endedOn;
  }
  f.materialPastDue = pastDue;
  f.materialDpd = since === undefined ? 0 : d - since + 1;
  f.daysWithoutMaterialArrears = since !== undefined ? 0 : d - (endedOn ?? run.history.loan.disbursedOn);
}

/**
 * The next day after `d` on which `materialDpd`, `daysWithoutMaterialArrears`, `daysSinceRestructuring`
 * or `daysWithoutMaterialEvent` reaches a threshold of the pack's rules, if no event intervenes.
 */
export function nextMaterialityWake(run: Run, d: Day): number {
  const { thresholds } = run.pack;
  let best = Number.POSITIVE_INFINITY;
  const first = (start: number, values: readonly number[]): void => {
    for (const c of values) {
      const w = start + c;
      if (w > d) {
        if (w < best) best = w;
        return;
      }
    }
  };
  const m = run.materiality;
  // materialDpd is d − since + 1: it reaches c on since + c − 1.
  if (m.since !== undefined) first(m.since - 1, thresholds.materialDpd);
  else first(m.endedOn ?? run.history.loan.disbursedOn, thresholds.sinceMaterialArrears);
  const obs = run.restructuring.observation;
  if (obs !== undefined) first(obs.on, thresholds.sinceRestructuring);
  if (!run.signals.materialEventOpen) first(run.signals.materialEventResolvedOn ?? run.history.loan.disbursedOn, thresholds.sinceMaterialEvent);
  return best;
}
