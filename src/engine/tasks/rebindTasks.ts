import type { Instalment } from '../../contract/schedule';
import type { CompiledPack } from '../../rules/loadPack';
import type { Day } from '../../time/day';
import { cancelTask } from './cancelTasks';
import { consider, type RuleCursor } from './ruleCursor';
import { singleAnchor, singleKey } from './taskAnchors';
import { answerEntries, setAnswerById } from './ruleHolds';
import { createTaskBook, type Task, type TaskBook, type TaskRule } from './taskBook';
import { taskRuleIndex } from './taskRuleIndex';
import { isPeriodAnchor, periodOf } from './taskPeriods';

// A task book moved to another version of the pack (a version switch).

/**
 * The same task book under another version of the pack, from day `t` on (a version switch). Tasks and
 * rolling clocks carry over; a rule the new version keeps (same id) keeps its place; a rule it drops
 * has its open tasks cancelled with that reason; a rule it adds applies from `t` only — instances
 * anchored before `t` are not raised after the fact.
 */
export function rebindTasks(book: TaskBook, pack: CompiledPack, t: Day, why: string): TaskBook {
  const next = createTaskBook(pack, book.loan, book.ledger.schedule, book.ledger, book.timeline);
  const oldRules = book.pack.rulesByType.task as readonly TaskRule[];
  const newRules = pack.rulesByType.task as readonly TaskRule[];
  const index = taskRuleIndex(pack);
  for (const task of book.tasks) {
    const r = index.get(task.rule.id);
    // A task of a rule the new version drops keeps its rule, and its answer by id (see `answerOf`).
    const moved: Task = r === undefined ? { ...task, ruleIndex: -1 } : { ...task, rule: newRules[r] as TaskRule, ruleId: (newRules[r] as TaskRule).policyId, ruleIndex: r };
    next.tasks.push(moved);
    next.byId.set(moved.id, moved);
  }
  next.open = book.open.map((k) => next.byId.get(k.id) as Task);
  for (const [kind, list] of book.breached) next.breached.set(kind, list.map((k) => next.byId.get(k.id) as Task));
  for (const [k, v] of answerEntries(book.holds, oldRules)) setAnswerById(next.holds, pack, k, v);
  for (const [k, v] of book.lastDone) next.lastDone.set(k, v);
  for (const w of book.calendarWarnings) next.calendarWarnings.add(w);
  next.retired.kept = book.retired.kept;
  next.retired.ids.push(...book.retired.ids);
  next.limitationExpiry = book.limitationExpiry;
  next.collector = book.collector;
  newRules.forEach((rule, i) => {
    const c = next.cursors[i] as RuleCursor;
    const j = oldRules.findIndex((r) => r.id === rule.id);
    const old = j < 0 ? undefined : book.cursors[j];
    if (old !== undefined) {
      c.next = old.next;
      c.holding = old.holding;
      c.holdingSince = old.holdingSince;
      for (const k of old.considered) consider(c, k);
      return;
    }
    // A new rule starts at the switch: skip instalments and periods already behind, and single anchors before it.
    const a = rule.decision.anchor;
    c.holdingSince = t;
    if (a === 'eachDueDate' || a === 'eachInterestDate' || a === 'eachMissedDueDate' || a === 'eachMissedInterestDate') {
      const s = next.schedule;
      let k = 0;
      while (k < s.length && (s[k] as Instalment).dueOn < t) k++;
      c.next = k;
    } else if (isPeriodAnchor(a)) {
      let k = 0;
      while (periodOf(a, book.loan.disbursedOn, k).end < t) k++;
      c.next = k;
    } else if (a === 'disbursement' || a === 'maturity' || a === 'missedMaturity' || a === 'limitationExpiry') {
      const anchor = singleAnchor(next, a);
      if (anchor !== undefined && anchor < t) consider(c, singleKey(a, anchor));
    } else if (a === 'eachDay' || a === 'eachWorkingDay') {
      c.next = t;
    }
  });
  for (const task of [...next.open]) if (task.ruleIndex < 0) cancelTask(next, task, t, why);
  return next;
}
