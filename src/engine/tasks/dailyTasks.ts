import type { CompiledPack } from '../../rules/loadPack';
import { formatDay, type Day } from '../../time/day';
import { openTask } from './openTask';
import type { RuleCursor } from './ruleCursor';
import { clampOpen, heldOn, openOf } from './taskAnchors';
import type { TaskBook, TaskRule } from './taskBook';
import { applyOffset } from './taskOffsets';

// Daily task rules (anchors eachDay, eachWorkingDay): one task a day while the rule holds (P-CS-10).

/** Whether a task rule raises one task a day. */
export function isDailyRule(rule: TaskRule): boolean {
  return rule.decision.anchor === 'eachDay' || rule.decision.anchor === 'eachWorkingDay';
}

/** The pack's daily task rules: a flag by rule index, and their indexes. */
export interface DailyRules {
  readonly flags: Uint8Array;
  readonly list: readonly number[];
}

const dailyCache = new WeakMap<CompiledPack, DailyRules>();

/** The pack's daily task rules (1 in `flags` at their index, and `list` of the indexes), computed once per pack. */
export function dailyRules(pack: CompiledPack): DailyRules {
  let daily = dailyCache.get(pack);
  if (daily === undefined) {
    const rules = pack.rulesByType.task as readonly TaskRule[];
    const flags = new Uint8Array(rules.length);
    const list: number[] = [];
    for (let r = 0; r < rules.length; r++) {
      if (!isDailyRule(rules[r] as TaskRule)) continue;
      flags[r] = 1;
      list.push(r);
    }
    daily = { flags, list };
    dailyCache.set(pack, daily);
  }
  return daily;
}

/**
 * Opens a daily rule's tasks for the days from its cursor up to `t`: `before` is whether the rule held
 * at the previous evaluation (it decides the days since), `now` whether it holds on `t`.
 */
export function openDaily(book: TaskBook, rule: TaskRule, r: number, c: RuleCursor, t: Day, before: boolean, now: boolean): void {
  const p = rule.decision;
  const disbursed = book.loan.disbursedOn;
  // The cursor is the next day to consider (a day number); days passed while the rule did not hold open nothing.
  if (c.next < disbursed) c.next = disbursed;
  for (; c.next <= t; c.next++) {
    const d = c.next as Day;
    if (p.anchor === 'eachWorkingDay' && !book.pack.calendar.isWorkingDay(d)) continue;
    const due = applyOffset(book, d, p.due);
    const opened = clampOpen(disbursed, openOf(book, p, d, due, undefined));
    if (opened > t) break;
    if (heldOn(opened, t, before, now) && due >= t) openTask(book, rule, r, formatDay(d), d, opened, due, t);
  }
}

/**
 * The morning of a day with events: a daily rule that held at the last evaluation opens the day's task
 * before the day's events are applied, so that the day's own work does the day's task (the feedback of
 * the day) rather than making up for a missed one. A task opened so whose rule no longer holds at the
 * end of the day is cancelled, as any open task.
 */
export function openDailyTasksInTheMorning(book: TaskBook, t: Day): void {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const today = book.today;
  // The day's events are applied next, in order: none does a task here.
  book.today = [];
  // The daily rules only, in pack order (a walk of every rule on every day with events was ≈ 1 % of a replay).
  for (const r of dailyRules(book.pack).list) {
    const c = book.cursors[r] as RuleCursor;
    if (c.holding && c.next <= t) openDaily(book, rules[r] as TaskRule, r, c, t, true, true);
  }
  book.today = today;
}
