import type { TaskParams } from '../../rules/decisions';
import type { Day } from '../../time/day';
import { singleKey } from './taskAnchors';
import { periodOf, type PeriodAnchor } from './taskPeriods';

// Where each task rule has got to, and the dates computed for that position.

/** Where one task rule has got to (persisted), with caches of what that position implies (recomputed). */
export interface RuleCursor {
  /** Next instalment (index) or period end to consider. */
  next: number;
  holding: boolean;
  holdingSince: Day;
  /**
   * Single-anchor instances already considered, by key; {@link NOTHING_CONSIDERED} until the first
   * (most rules never consider one: a book of 58 rules made 58 sets). Added to by {@link consider} only.
   */
  considered: ReadonlySet<string>;
  /** The anchor day last found in `considered` (not persisted): spares building its key at every evaluation. */
  consideredOn: number;
  /** The open date of the next instance, cached for the cursor position (or anchor day) it was computed for. */
  wakeKey: number;
  wakeOn: Day;
  /** The period of `next`, for period anchors. */
  periodKey: number;
  period: { readonly start: Day; readonly end: Day; readonly label: string } | undefined;
}

/** The `considered` of a cursor that has considered nothing yet: shared, never added to. */
export const NOTHING_CONSIDERED: ReadonlySet<string> = new Set<string>();

/** Records the single-anchor instance `key` as considered by the cursor (its own set made on the first). */
export function consider(c: RuleCursor, key: string): void {
  if (c.considered === NOTHING_CONSIDERED) c.considered = new Set<string>([key]);
  else (c.considered as Set<string>).add(key);
}

/**
 * Whether the single-anchor instance on `anchor` was considered, building its key only when the day is
 * not the one found last. Keys are only ever added, so a day once found stays found. (No closure for
 * the key: a closure would make the evaluation loop allocate a context for every rule it looks at.)
 */
export function singleConsidered(c: RuleCursor, p: TaskParams, anchor: Day): boolean {
  if (c.consideredOn === anchor) return true;
  if (!c.considered.has(singleKey(p.anchor, anchor))) return false;
  c.consideredOn = anchor;
  return true;
}

/** The period of the cursor position, computed once per position. */
export function cachedPeriod(c: RuleCursor, anchor: PeriodAnchor, from: Day): { readonly start: Day; readonly end: Day; readonly label: string } {
  if (c.periodKey !== c.next || c.period === undefined) {
    c.periodKey = c.next;
    c.period = periodOf(anchor, from, c.next);
  }
  return c.period;
}
