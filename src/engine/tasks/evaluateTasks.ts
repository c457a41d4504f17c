import type { Instalment } from '../../contract/schedule';
import type { Facts } from '../../rules/facts';
import type { TaskParams } from '../../rules/decisions';
import { eventCloses, type ClosingEvent } from '../../rules/taskKinds';
import { addDays, formatDay, type Day } from '../../time/day';
import { cancelUnneeded } from './cancelTasks';
import { openDaily } from './dailyTasks';
import { recordBreach } from './closeTasks';
import { forgetRuleWake, unkeptWakeRules, wakeAt } from './nextTaskWake';
import { isTaken, openTask } from './openTask';
import { cachedPeriod, consider, singleConsidered, type RuleCursor } from './ruleCursor';
import { clampOpen, heldOn, missedOpen, openOf, singleAnchor, singleKey } from './taskAnchors';
import { doneKey, isCleared, wasMissed, type Task, type TaskBook, type TaskRule } from './taskBook';
import { applyOffset, negate, offsetKey } from './taskOffsets';
import { partiesOf } from './taskParties';
import { anchoredOn, rollingMayOpen, waitingFor } from './rulesByAnchor';
import { testTaskRules } from './testTaskRules';
import { answerOf, HOLDING, type RuleHolds } from './ruleHolds';

// The end-of-day evaluation of task rules: breaches, cancellations, and the instances each rule opens.

/** Whether `tasks` has one of `kind` for `party` (whose rule still holds, when `holds` is given). */
function isOwed(tasks: readonly Task[] | undefined, kind: string, party: string, holds?: RuleHolds): boolean {
  if (tasks === undefined) return false;
  for (const k of tasks) if (k.kind === kind && k.party === party && (holds === undefined || answerOf(holds, k) === HOLDING)) return true;
  return false;
}

/** Whether a task of `open` is past its deadline at the end of day `t` (a loop: a closure would capture `t` for the whole evaluation). */
function anyPastDue(open: readonly Task[], t: Day): boolean {
  for (const k of open) if (k.dueOn < t) return true;
  return false;
}

const anchorEvents = new WeakMap<TaskParams, ClosingEvent>();

/**
 * An `event` rule's event type (`type`, which is the rule's `event`) and `match` as a closing event,
 * built once per rule: it was a new literal for each event and visit.
 */
function anchorEvent(p: TaskParams, type: ClosingEvent['event']): ClosingEvent {
  const kept = anchorEvents.get(p);
  if (kept !== undefined) return kept;
  const def: ClosingEvent = { event: type, match: p.match };
  anchorEvents.set(p, def);
  return def;
}

/**
 * Raises, breaches and cancels tasks at the end of day `t`, after the day's events and the state
 * decisions. Task rules are evaluated against `facts`; instances are created the first time their open
 * date is reached while the rule holds.
 */
export function evaluateTasks(book: TaskBook, t: Day, facts: Facts): void {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const n = book.schedule.length;
  const holds = book.holds;
  const disbursed = book.loan.disbursedOn;

  // Breaches first: a task past its deadline at the end of a day is breached from the next day.
  if (anyPastDue(book.open, t)) {
    const still: Task[] = [];
    for (const task of book.open) {
      if (task.dueOn >= t) {
        still.push(task);
        continue;
      }
      task.status = 'breached';
      recordBreach(book, task);
      const list = book.breached.get(task.kind);
      if (list === undefined) book.breached.set(task.kind, [task]);
      else list.push(task);
      // A breached task blocks the next rolling one only while its rule holds: those of its kind look again.
      rollingMayOpen(book, task.kind);
    }
    book.open = still;
  }

  const answers = testTaskRules(book, facts);
  cancelUnneeded(book, t, facts, holds);
  const cursors = book.cursors;
  // Who has something to do at this evaluation: the rules whose answer changed, those whose visit day
  // has come, those looking at the day's events when there are some, and those anchored on the
  // limitation expiry when it moved (a payment restarts the period).
  const visitOn = book.visitOn;
  for (const r of book.tests.changed) visitOn[r] = Number.NEGATIVE_INFINITY;
  if (book.tests.changed.length > 0) rollingMayOpen(book);
  if (book.visitedExpiry !== book.limitationExpiry) {
    book.visitedExpiry = book.limitationExpiry;
    for (const r of anchoredOn(book.pack, 'limitationExpiry')) {
      visitOn[r] = Number.NEGATIVE_INFINITY;
      forgetRuleWake(book, r);
    }
  }
  // Of the `event` rules, only those waiting for a type of the day's events: the others would find none.
  for (const e of book.today) for (const r of waitingFor(book.pack, e.type)) visitOn[r] = Number.NEGATIVE_INFINITY;

  const unkept = unkeptWakeRules(book.pack);
  for (let r = 0; r < rules.length; r++) {
    // Most rules have nothing to do on most evaluations: their answer is the same and no instance opens
    // before their visit day. An evaluation before it would break out at once, moving no cursor.
    if ((visitOn[r] as number) > t) continue;
    const c = cursors[r] as RuleCursor;
    // What the rule's wake day depends on, to tell whether this visit moved it (see the end of the loop).
    const from = c.next;
    const consideredBefore = c.considered.size;
    const h = answers[r] === true;
    const rule = rules[r] as TaskRule;
    const p = rule.decision;
    // A rule's answer is constant between two evaluations (wake dates see to that), so an instance that
    // opened on a day skipped since the last evaluation is decided by the answer before this one:
    // (opened < t ? before : h) = opened < t ? before : h.
    const before = c.holding;
    const started = h && !before;
    if (started) c.holdingSince = t;
    c.holding = h;
    if (!h && !before && (p.anchor === 'event' || p.anchor === 'conditionStart' || p.anchor === 'lastDone')) {
      visitOn[r] = Number.POSITIVE_INFINITY;
      continue;
    }
    // What the visit leaves for later sets the next visit day; by default, the next evaluation.
    visitOn[r] = Number.NEGATIVE_INFINITY;

    switch (p.anchor) {
      case 'disbursement':
      case 'maturity':
      case 'missedMaturity':
      case 'limitationExpiry': {
        const anchor = singleAnchor(book, p.anchor);
        if (anchor === undefined) break;
        // Considered: nothing more unless the anchor moves (a new schedule or limitation period).
        if (singleConsidered(c, p, anchor)) {
          visitOn[r] = Number.POSITIVE_INFINITY;
          break;
        }
        const key = singleKey(p.anchor, anchor);
        // Not yet: decided without computing a deadline a strict calendar may not cover yet.
        if (p.anchor !== 'missedMaturity' && (visitOn[r] = wakeAt(book, c, p, anchor, anchor, undefined)) > t) break;
        const d = applyOffset(book, anchor, p.due);
        let opened = clampOpen(disbursed, openOf(book, p, anchor, d, undefined));
        if (p.anchor === 'missedMaturity') {
          opened = addDays(anchor, 1);
          if (t < opened) {
            // The deadline above was counted (a day a strict calendar does not cover stops the replay at
            // the first look, as before): later looks would count the same.
            visitOn[r] = opened;
            break;
          }
          consider(c, key);
          if ((opened < t ? before : h) && wasMissed(book, n - 1) && !isCleared(book, n - 1)) openTask(book, rule, r, key, anchor, opened, d, t);
          break;
        }
        if (t < opened) {
          visitOn[r] = opened;
          break;
        }
        consider(c, key);
        visitOn[r] = Number.POSITIVE_INFINITY;
        if (heldOn(opened, t, before, h)) openTask(book, rule, r, key, anchor, opened, d, t);
        break;
      }
      case 'eachDueDate':
      case 'eachInterestDate':
        // Past the last instalment: nothing until a new schedule.
        visitOn[r] = Number.POSITIVE_INFINITY;
        for (; c.next < n; c.next++) {
          const it = book.schedule[c.next] as Instalment;
          if (p.anchor === 'eachInterestDate' && it.interest === 0) continue;
          if ((visitOn[r] = wakeAt(book, c, p, c.next, it.dueOn, undefined)) > t) break;
          const d = applyOffset(book, it.dueOn, p.due);
          const opened = clampOpen(disbursed, openOf(book, p, it.dueOn, d, undefined));
          if ((visitOn[r] = opened) > t) break;
          if (heldOn(opened, t, before, h) && !isCleared(book, c.next) && d >= t) openTask(book, rule, r, `i${it.index}`, it.dueOn, opened, d, t, c.next);
          visitOn[r] = Number.POSITIVE_INFINITY;
        }
        break;
      case 'eachMissedDueDate':
      case 'eachMissedInterestDate':
        visitOn[r] = Number.POSITIVE_INFINITY;
        for (; c.next < n; c.next++) {
          const it = book.schedule[c.next] as Instalment;
          if (p.anchor === 'eachMissedInterestDate' && it.interest === 0) continue;
          const opened = missedOpen(book, p, it.dueOn);
          if (opened > t) {
            visitOn[r] = opened;
            break;
          }
          if (heldOn(opened, t, before, h) && wasMissed(book, c.next) && !isCleared(book, c.next)) {
            openTask(book, rule, r, p.opens === undefined ? `i${it.index}` : `i${it.index}+${offsetKey(p.opens)}`, it.dueOn, opened, applyOffset(book, it.dueOn, p.due), t, c.next);
          }
        }
        break;
      case 'monthEnd':
      case 'quarterEnd':
      case 'halfYearEnd':
      case 'yearEnd':
        for (;;) {
          const period = cachedPeriod(c, p.anchor, book.loan.disbursedOn);
          if ((visitOn[r] = wakeAt(book, c, p, c.next, period.end, period.start)) > t) break;
          const d = applyOffset(book, period.end, p.due);
          const opened = clampOpen(disbursed, openOf(book, p, period.end, d, period.start));
          if ((visitOn[r] = opened) > t) break;
          c.next++;
          const exempt = p.skipIfDisbursedWithin !== undefined && book.loan.disbursedOn >= applyOffset(book, period.end, negate(p.skipIfDisbursedWithin));
          if ((opened < t ? before : h) && !exempt && d >= t) openTask(book, rule, r, period.label, period.end, opened, d, t);
        }
        break;
      case 'eachDay':
      case 'eachWorkingDay':
        openDaily(book, rule, r, c, t, before, h);
        break;
      case 'event':
        // Only a day with events has something for it (see the top).
        visitOn[r] = Number.POSITIVE_INFINITY;
        if (!h) break;
        for (const e of book.today) {
          // A reversal anchors no task (the pack refuses one): it only takes its event back.
          if (e.type !== p.event || e.type === 'reversal') continue;
          if (p.match !== undefined && !eventCloses(anchorEvent(p, e.type), e, 'borrower')) continue;
          openTask(book, rule, r, e.id, e.on, e.on, applyOffset(book, e.on, p.due), t);
        }
        break;
      case 'conditionStart':
        visitOn[r] = Number.POSITIVE_INFINITY;
        if (started) openTask(book, rule, r, formatDay(t), t, t, applyOffset(book, t, p.due), t);
        break;
      case 'lastDone': {
        if (!h) {
          visitOn[r] = Number.POSITIVE_INFINITY;
          break;
        }
        // Once each party owes one, nothing opens until a task stops being owed or an answer changes.
        let blocked = true;
        for (const party of partiesOf(book, p)) {
          // One at a time per party: the previous one still owed blocks the next, unless the
          // requirement that raised it has changed (pass → special mention, low → medium risk).
          if (isOwed(book.open, p.kind, party) || isOwed(book.breached.get(p.kind), p.kind, party, holds)) continue;
          let owes = false;
          // One done at once by an event of the day (opened and done today) is followed by the next at once.
          for (let again = 0; again < 8; again++) {
            // Counted from the last time it was done (whatever requirement asked for it), else from when
            // the requirement started; never due before today.
            const anchor = book.lastDone.get(doneKey(book, p.kind, party)) ?? c.holdingSince;
            const d = applyOffset(book, anchor, p.due);
            // Keyed by the opening day; a second one the same day (the first was done that day) gets a suffix.
            let key = formatDay(t);
            for (let i = 2; isTaken(book, `${book.loan.id}/${p.kind}/${key}/${party}`); i++) key = `${formatDay(t)}-${i}`;
            openTask(book, rule, r, key, anchor, t, d < t ? t : d, t, undefined, party);
            if (isOwed(book.open, p.kind, party)) {
              owes = true;
              break;
            }
          }
          if (!owes) blocked = false;
        }
        visitOn[r] = blocked ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
        break;
      }
    }
    // A visit that moved the cursor, changed the answer or considered an anchor moved the rule's wake
    // day: it is found again when next asked. (Its anchors move only with the schedule and the expiry.)
    if (c.next !== from || h !== before || c.considered.size !== consideredBefore) forgetRuleWake(book, r, unkept);
  }

}
