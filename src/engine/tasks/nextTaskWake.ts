import type { Instalment } from '../../contract/schedule';
import { dailyRules } from './dailyTasks';
import type { TaskParams } from '../../rules/decisions';
import type { CompiledPack } from '../../rules/loadPack';
import { addDays, type Day } from '../../time/day';
import { cachedPeriod, singleConsidered, type RuleCursor } from './ruleCursor';
import { missedOpen, openOf, singleAnchor } from './taskAnchors';
import { isCleared, type TaskBook, type TaskRule } from './taskBook';
import { earliest, lookAhead } from './taskOffsets';

// The next day a task opens or breaches without any event: the task part of a loan's wake date.

/** When a task of this anchor opens, or an earlier safe day when the calendar cannot tell yet. */
export function wakeFor(book: TaskBook, p: TaskParams, anchor: Day, periodStart: Day | undefined): Day {
  const due = lookAhead(book, anchor, p.due);
  if (due === undefined) return periodStart ?? earliest(anchor, p.due);
  // (An open date before disbursement is clamped by the caller; waking early is always safe.)
  if (typeof p.opens === 'object' && lookAhead(book, anchor, p.opens) === undefined) return earliest(anchor, p.opens);
  return openOf(book, p, anchor, due, periodStart);
}

/**
 * `wakeFor` of the anchor, computed once per cursor position `key` (instalment or period index, or the
 * anchor day): evaluations and wake checks both ask.
 */
export function wakeAt(book: TaskBook, c: RuleCursor, p: TaskParams, key: number, anchor: Day, periodStart: Day | undefined): Day {
  if (c.wakeKey !== key) {
    c.wakeKey = key;
    c.wakeOn = wakeFor(book, p, anchor, periodStart);
  }
  return c.wakeOn;
}

/**
 * Instalment `i` is paid and its wake day may be passed over: the next instalment falls due no earlier.
 * A schedule restructured on its first day keeps the instalments already paid (owing nothing) before
 * the new ones, which may fall due earlier; the walk over them must stop there, as the evaluation's
 * does, or the next wake day would be one already behind.
 */
function passable(book: TaskBook, i: number): boolean {
  if (!isCleared(book, i)) return false;
  const after = book.schedule[i + 1];
  return after === undefined || after.dueOn >= (book.schedule[i] as Instalment).dueOn;
}

/**
 * The day rule `r` next opens a task without any event, from where its cursor stands (`+∞` when it
 * opens none: it does not hold, or nothing is left for it). Daily rules, which count from `t`, are not
 * asked here (see {@link nextTaskWake}). `passes` is `passesPaidRules(pack).flags`, looked up once a walk.
 */
function ruleWake(book: TaskBook, r: number, passes: Uint8Array): number {
  const c = book.cursors[r] as RuleCursor;
  // A rule that does not hold opens nothing until an evaluation finds it holding again.
  if (!c.holding) return Number.POSITIVE_INFINITY;
  const p = (book.pack.rulesByType.task[r] as TaskRule).decision;
  const n = book.schedule.length;
  const next = c.next;
  const passesPaid = passes[r] === 1;
  switch (p.anchor) {
    case 'eachDueDate':
    case 'eachInterestDate':
      for (let i = next; i < n; i++) {
        const it = book.schedule[i] as Instalment;
        if (p.anchor === 'eachInterestDate' && it.interest === 0) continue;
        if (passesPaid && passable(book, i)) continue;
        return i === next ? wakeAt(book, c, p, i, it.dueOn, undefined) : wakeFor(book, p, it.dueOn, undefined);
      }
      return Number.POSITIVE_INFINITY;
    case 'eachMissedDueDate':
    case 'eachMissedInterestDate':
      for (let i = next; i < n; i++) {
        const it = book.schedule[i] as Instalment;
        if (p.anchor === 'eachMissedInterestDate' && it.interest === 0) continue;
        if (passesPaid && passable(book, i)) continue;
        return missedOpen(book, p, it.dueOn);
      }
      return Number.POSITIVE_INFINITY;
    case 'monthEnd':
    case 'quarterEnd':
    case 'halfYearEnd':
    case 'yearEnd': {
      const period = cachedPeriod(c, p.anchor, book.loan.disbursedOn);
      return wakeAt(book, c, p, next, period.end, period.start);
    }
    case 'disbursement':
    case 'maturity':
    case 'missedMaturity':
    case 'limitationExpiry': {
      const anchor = singleAnchor(book, p.anchor);
      if (anchor === undefined) return Number.POSITIVE_INFINITY;
      if (p.anchor === 'missedMaturity') return addDays(anchor, 1);
      return singleConsidered(c, p, anchor) ? Number.POSITIVE_INFINITY : wakeAt(book, c, p, anchor, anchor, undefined);
    }
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/** Of the offsets of a task rule, the open day and the deadline: those a wake day is computed from. */
function needsCalendar(o: TaskParams['due'] | TaskParams['opens']): boolean {
  return typeof o === 'object' && 'workingDays' in o;
}

const passesPaidCache = new WeakMap<CompiledPack, { readonly flags: Uint8Array; readonly list: readonly number[] }>();

/**
 * The task rules whose wake day passes over instalments already fully paid (decision 542): those
 * anchored on each due or interest date, whose task is never opened for a paid instalment, and on each
 * missed one, whose task is opened only for an unpaid one. A paid instalment stays paid until the
 * schedule is replaced, so no evaluation on its open day can open anything. Only the rules whose days
 * need no calendar: a working-day offset the calendar does not cover stops the replay at the first
 * look (see `lookAhead`), and passing over the day would change when. By rule index, and as a list.
 */
export function passesPaidRules(pack: CompiledPack): { readonly flags: Uint8Array; readonly list: readonly number[] } {
  let found = passesPaidCache.get(pack);
  if (found === undefined) {
    const rules = pack.rulesByType.task as readonly TaskRule[];
    const flags = new Uint8Array(rules.length);
    const list: number[] = [];
    for (let r = 0; r < rules.length; r++) {
      const p = (rules[r] as TaskRule).decision;
      const onDue = p.anchor === 'eachDueDate' || p.anchor === 'eachInterestDate';
      const onMissed = p.anchor === 'eachMissedDueDate' || p.anchor === 'eachMissedInterestDate';
      // A missed instalment's open day is counted from `opens` alone (see `missedOpen`).
      if ((onDue && !needsCalendar(p.opens) && !needsCalendar(p.due)) || (onMissed && !needsCalendar(p.opens))) {
        flags[r] = 1;
        list.push(r);
      }
    }
    found = { flags, list };
    passesPaidCache.set(pack, found);
  }
  return found;
}

const unkeptCache = new WeakMap<CompiledPack, Uint8Array>();

/**
 * By rule index, 1 for the rules whose wake day is not kept in `book.ruleWake` nor walked by
 * `rulesWake`: the daily rules (asked from the day every time, see {@link nextTaskWake}) and the rules
 * `ruleWake` always answers `+∞` for — `event`, `conditionStart` and `lastDone` anchors, which open
 * only on an event, a change of answer or a task no longer owed, never on a day of their own. Leaving
 * them out of the least changes no answer (`+∞` is never the least of anything), spares the walk their
 * look-ups, and a visit of one of them no longer forgets the least. Computed once per pack.
 */
export function unkeptWakeRules(pack: CompiledPack): Uint8Array {
  let flags = unkeptCache.get(pack);
  if (flags === undefined) {
    const rules = pack.rulesByType.task as readonly TaskRule[];
    const daily = dailyRules(pack).flags;
    flags = new Uint8Array(rules.length);
    for (let r = 0; r < rules.length; r++) {
      const a = (rules[r] as TaskRule).decision.anchor;
      if (daily[r] === 1 || a === 'event' || a === 'conditionStart' || a === 'lastDone') flags[r] = 1;
    }
    unkeptCache.set(pack, flags);
  }
  return flags;
}

/** The next (working) day after `t` a daily rule that holds opens a task: the next one not yet considered. */
function dailyWake(book: TaskBook, r: number, t: Day): number {
  const c = book.cursors[r] as RuleCursor;
  if (!c.holding) return Number.POSITIVE_INFINITY;
  let w = (c.next > t ? c.next : t + 1) as Day;
  if ((book.pack.rulesByType.task[r] as TaskRule).decision.anchor === 'eachWorkingDay') for (let i = 0; i < 31 && !book.pack.calendar.isWorkingDay(w); i++) w = addDays(w, 1);
  return w;
}

/**
 * Forgets rule `r`'s wake day (an evaluation moved its cursor or answer): found again when next asked.
 * `unkept` is `unkeptWakeRules(pack)`, which a caller forgetting many looks up once.
 */
export function forgetRuleWake(book: TaskBook, r: number, unkept: Uint8Array = unkeptWakeRules(book.pack)): void {
  // A daily rule moves at every evaluation, and its wake day is never kept (see nextTaskWake); nor is
  // the wake day of a rule that never wakes the loan by itself.
  if (unkept[r] === 1) return;
  book.ruleWake[r] = Number.NaN;
  book.rulesWake.least = Number.NaN;
}

/** Forgets every rule's wake day (a new schedule). */
export function forgetRuleWakes(book: TaskBook): void {
  book.ruleWake.fill(Number.NaN);
  book.rulesWake.least = Number.NaN;
}

/**
 * The least wake day after `t` of the rules that are not daily: from the cached days when none was
 * forgotten since the last walk, which was for a day on or before `t` and found one after `t` (the days
 * it passed over as behind stay behind); else from a walk that asks again each forgotten or passed day.
 */
function rulesWake(book: TaskBook, t: Day): number {
  const last = book.rulesWake;
  if (last.least > t && last.askedOn <= t) return last.least;
  const cached = book.ruleWake;
  const unkept = unkeptWakeRules(book.pack);
  const passes = passesPaidRules(book.pack).flags;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < cached.length; r++) {
    if (unkept[r] === 1) continue;
    let d = cached[r] as number;
    // Not computed since the rule last moved (NaN), or already behind: asked again.
    if (!(d > t)) cached[r] = d = ruleWake(book, r, passes);
    if (d > t && d < best) best = d;
  }
  last.askedOn = t;
  last.least = best;
  return best;
}

/**
 * The next day after `t` on which a task opens or breaches without any event; undefined when none.
 * Runs after every evaluation of a loan, so it allocates nothing. A rule's own wake day is kept in
 * `book.ruleWake` and computed again only when it may have moved: its cursor, answer and anchors
 * change only when an evaluation visits the rule or the schedule is replaced, and both forget it.
 */
export function nextTaskWake(book: TaskBook, t: Day): Day | undefined {
  // An instalment paid since the last look moves the wake day of the rules that pass over paid ones.
  if (book.ledger.clears !== book.seenClears) {
    book.seenClears = book.ledger.clears;
    for (const r of passesPaidRules(book.pack).list) forgetRuleWake(book, r);
  }
  let best = rulesWake(book, t);
  for (const task of book.open) {
    // Breached the day after its deadline; one opened late, its deadline already behind (an instalment
    // found missed only now), at the next evaluation, which must then be the next day (decision 545).
    let d = addDays(task.dueOn, 1);
    if (d <= t) d = addDays(t, 1);
    if (d < best) best = d;
  }
  for (const r of dailyRules(book.pack).list) {
    const d = dailyWake(book, r, t);
    if (d > t && d < best) best = d;
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}
