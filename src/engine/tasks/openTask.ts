import type { Instalment } from '../../contract/schedule';
import type { TaskParams } from '../../rules/decisions';
import { formatDay, toCivil, type Day } from '../../time/day';
import { tryClose } from './closeTasks';
import { hasRetired } from './compactRetired';
import { indexedTasks, type Task, type TaskBook, type TaskRule } from './taskBook';
import { taskOpenedEntry } from './taskEntries';
import { partiesOf } from './taskParties';

// Raising a task instance: its id, party, deadline and timeline entry.

/**
 * A task whose working-day deadline was counted outside the calendar's coverage (the pack allows the
 * weekends-only fallback) gets a warning, once per calendar year: a guessed date is never silent.
 */
function warnIfGuessed(book: TaskBook, p: TaskParams, anchor: Day, due: Day, on: Day): void {
  const usesWorkingDays = 'workingDays' in p.due || (typeof p.opens === 'object' && 'workingDays' in p.opens) || p.anchor === 'eachWorkingDay';
  const cal = book.pack.calendar;
  if (!usesWorkingDays || (cal.covers(anchor) && cal.covers(due))) return;
  const year = String(toCivil(cal.covers(anchor) ? due : anchor).year);
  if (book.calendarWarnings.has(year)) return;
  book.calendarWarnings.add(year);
  book.timeline.push({
    on: formatDay(on),
    kind: 'warning',
    ruleIds: [],
    message: `Working days in ${year} are counted as Monday to Friday: business calendar "${cal.id}" covers ${formatDay(cal.coverage.from)} to ${formatDay(cal.coverage.to)} (calendarFallback "weekends")`,
  });
}

/** A task's optional fields when it has none of them. */
const NO_FIELDS: Readonly<Record<string, never>> = {};

/** A task of that id was raised before (it may have been left out of a lean snapshot since). */
export function isTaken(book: TaskBook, id: string): boolean {
  if (indexedTasks(book).has(id)) return true;
  const r = book.retired;
  if (r.ids.length === 0 && r.kept === undefined) return false;
  const prefix = `${book.loan.id}/`;
  if (!id.startsWith(prefix)) return false;
  const own = id.slice(prefix.length);
  if (r.kept !== undefined && hasRetired(r.kept, own)) return true;
  if (r.ids.length === 0) return false;
  // Built on first use: most nights a restored loan opens no task and never asks.
  r.set ??= new Set(r.ids);
  return r.set.has(own);
}

/**
 * Raises the instances of a rule (`r`: its index in the pack's task rules) keyed `key`: one per party of
 * the rule (or only `onlyParty`), each skipped when a task of that id was raised before.
 */
export function openTask(book: TaskBook, rule: TaskRule, r: number, key: string, anchor: Day, opened: Day, due: Day, t: Day, slot?: number, onlyParty?: string): void {
  const p = rule.decision;
  const openedOn = opened > t ? t : opened < book.loan.disbursedOn ? book.loan.disbursedOn : opened;
  const assignee = p.party === 'collector' ? book.collector?.collectorId : undefined;
  // The optional fields go after the fixed ones: a literal whose first fields are always the same is
  // built from one template, where fields after a spread would each be added one by one.
  const optional = slot === undefined ? (assignee === undefined ? NO_FIELDS : { assignee }) : { ...(assignee === undefined ? {} : { assignee }), instalment: (book.schedule[slot] as Instalment).index, slot };
  for (const party of onlyParty === undefined ? partiesOf(book, p) : [onlyParty]) {
    const id = `${book.loan.id}/${p.kind}/${key}/${party}`;
    if (isTaken(book, id)) continue;
    const task: Task = {
      id,
      kind: p.kind,
      ruleId: rule.policyId,
      rule,
      ruleIndex: r,
      party,
      openedOn,
      dueOn: due,
      anchorOn: anchor,
      times: p.times ?? 1,
      progress: 0,
      status: 'open',
      breachRecorded: false,
      ...optional,
    };
    warnIfGuessed(book, p, anchor, due, t);
    book.tasks.push(task);
    book.byId.set(id, task);
    book.open.push(task);
    book.timeline.push(taskOpenedEntry(task, formatDay(t), assignee, formatDay(due)));
    // The day's events may already have done it (a work-log entry written the day of the inspection).
    for (const e of book.today) if (e.on >= openedOn && tryClose(book, task, e)) break;
  }
}
