import type { LoanEvent } from '../../history/parseHistory';
import { eventCloses } from '../../rules/taskKinds';
import { addDays, formatDay } from '../../time/day';
import type { Task, TaskBook } from './taskBook';
import { partyFields, ROLE_OF_EACH } from './taskParties';

// Tasks done by history events, on time or late, and breaches recorded.

/** Records a breach in the timeline once, dated the day after the deadline, however the task ends. */
export function recordBreach(book: TaskBook, task: Task): void {
  if (task.breachRecorded) return;
  task.breachRecorded = true;
  book.timeline.push({ on: formatDay(addDays(task.dueOn, 1)), kind: 'taskBreached', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, ...partyFields(task), dueOn: formatDay(task.dueOn) });
}

/** Counts `e` towards the task if it can do it; returns whether it completed the task. */
export function tryClose(book: TaskBook, task: Task, e: LoanEvent): boolean {
  if (task.status !== 'open' && task.status !== 'breached') return false;
  if (e.on < task.openedOn) return false;
  const used = book.consumed.get(e.id);
  if (used?.includes(task.kind) === true) return false;
  const def = book.pack.taskKinds[task.kind];
  if (def === undefined) return false;
  if (!def.lateAllowed && e.on > task.dueOn) return false;
  const raw = e as unknown as Readonly<Record<string, unknown>>;
  if (!def.closedBy.some((c) => eventCloses(c, raw, task.party, ROLE_OF_EACH[task.rule.decision.party]))) return false;
  if (used === undefined) book.consumed.set(e.id, [task.kind]);
  else used.push(task.kind);
  // A task that needs several events (two calls a day, P-CS-2) counts them; the last one does it.
  task.progress++;
  if (task.progress < task.times) return false;
  const late = e.on > task.dueOn;
  if (late) recordBreach(book, task);
  const wasOpen = task.status === 'open';
  task.status = late ? 'late' : 'done';
  task.closedOn = e.on;
  task.closedBy = e.id;
  if (wasOpen) book.open = book.open.filter((k) => k !== task);
  else {
    const list = book.breached.get(task.kind);
    if (list !== undefined) book.breached.set(task.kind, list.filter((k) => k !== task));
  }
  book.lastDone.set(`${task.kind}|${task.party}`, e.on);
  book.timeline.push({ on: formatDay(e.on), kind: 'taskDone', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, ...partyFields(task), eventId: e.id, ...(late ? { late: true } : {}) });
  return true;
}

/** Closes the first task of `kind` in `tasks` that `e` completes; whether it closed one. */
function closeFirst(book: TaskBook, tasks: readonly Task[] | undefined, kind: string, e: LoanEvent): boolean {
  if (tasks === undefined) return false;
  for (const task of tasks) if (task.kind === kind && tryClose(book, task, e)) return true;
  return false;
}

/**
 * An event of the history closes, for each task kind it can close, the oldest open or breached task of
 * that kind for the matching party. Returns whether it closed anything.
 */
export function closeTasksWith(book: TaskBook, e: LoanEvent): boolean {
  const kinds = book.closers.get(e.type);
  if (kinds === undefined) return false;
  let closed = false;
  for (const kind of kinds) {
    // On-time work first: the current task of a kind before making up for a breached one.
    // (Walked in place: tryClose replaces the lists only when it closes a task, and then the walk stops.)
    if (closeFirst(book, book.open, kind, e) || closeFirst(book, book.breached.get(kind), kind, e)) closed = true;
  }
  return closed;
}
