import type { LoanEvent } from '../../history/parseHistory';
import { eventCloses, mayClose, type TaskKindDefinition } from '../../rules/taskKinds';
import { addDays, formatDay, type Day } from '../../time/day';
import { toLocalTime } from '../localTime';
import { doneKey, type Task, type TaskBook } from './taskBook';
import { rollingMayOpen } from './rulesByAnchor';
import { taskBreachedEntry, taskDoneEntry } from './taskEntries';
import { ROLE_OF_EACH } from './taskParties';

// Tasks done by history events, on time or late, and breaches recorded.

/**
 * Records a breach in the timeline once, dated the day after the deadline, however the task ends — or
 * `lateOn`, the deadline day itself, when an event after a kind's due time did it late that day.
 */
export function recordBreach(book: TaskBook, task: Task, lateOn?: Day): void {
  if (task.breachRecorded) return;
  task.breachRecorded = true;
  const on = lateOn !== undefined && lateOn <= task.dueOn ? lateOn : addDays(task.dueOn, 1);
  book.timeline.push(taskBreachedEntry(task, formatDay(on), formatDay(task.dueOn)));
}

/**
 * Whether `e` comes after the task's deadline: dated after the deadline day, or — for a kind with a due
 * time — carrying a timestamp `at` later than that time on the deadline day, in the pack's time zone
 * (P-CS-10: the feedback of the day by 17:00). An event without `at` is judged by its date alone.
 */
function isLate(book: TaskBook, task: Task, def: TaskKindDefinition, e: LoanEvent): boolean {
  if (e.on !== task.dueOn || def.dueTime === undefined) return e.on > task.dueOn;
  const at = (e as { readonly at?: unknown }).at;
  const local = typeof at === 'string' ? toLocalTime(at, book.pack.timeZone) : undefined;
  if (local === undefined) return false;
  const [h, m] = def.dueTime.split(':');
  return local.day > task.dueOn || (local.day === task.dueOn && local.minuteOfDay > Number(h) * 60 + Number(m));
}

/** Whether one of the kind's `closedBy` entries accepts `e` for the task (a loop: tried for many events and tasks, a closure each time adds up). */
function closedByAny(def: TaskKindDefinition, e: LoanEvent, task: Task): boolean {
  const raw = e as unknown as Readonly<Record<string, unknown>>;
  const role = ROLE_OF_EACH[task.rule.decision.party];
  for (const c of def.closedBy) if (eventCloses(c, raw, task.party, role, task.assignee)) return true;
  return false;
}

/** A new list of `tasks` without `task` (the lists are replaced, never changed in place: callers may be walking them). */
function without(tasks: readonly Task[], task: Task): Task[] {
  const rest: Task[] = [];
  for (const k of tasks) if (k !== task) rest.push(k);
  return rest;
}

/** Counts `e` towards the task if it can do it; returns whether it completed the task. */
export function tryClose(book: TaskBook, task: Task, e: LoanEvent): boolean {
  if (task.status !== 'open' && task.status !== 'breached') return false;
  if (e.on < task.openedOn) return false;
  const def = book.pack.taskKinds[task.kind];
  // An event of another type or kind (most of those tried) is told apart before the look-ups below.
  if (def === undefined || !mayClose(def, e)) return false;
  const used = book.consumed.get(e.id);
  if (used?.includes(task.kind) === true) return false;
  const late = isLate(book, task, def, e);
  if (!def.lateAllowed && late) return false;
  if (!closedByAny(def, e, task)) return false;
  if (used === undefined) book.consumed.set(e.id, [task.kind]);
  else used.push(task.kind);
  // A task that needs several events (two calls a day, P-CS-2) counts them; the last one does it.
  task.progress++;
  if (task.progress < task.times) return false;
  if (late) recordBreach(book, task, e.on);
  const wasOpen = task.status === 'open';
  task.status = late ? 'late' : 'done';
  task.closedOn = e.on;
  task.closedBy = e.id;
  if (wasOpen) book.open = without(book.open, task);
  else {
    const list = book.breached.get(task.kind);
    if (list !== undefined) book.breached.set(task.kind, without(list, task));
  }
  rollingMayOpen(book, task.kind);
  book.lastDone.set(doneKey(book, task.kind, task.party), e.on);
  book.timeline.push(taskDoneEntry(task, formatDay(e.on), e.id, late));
  return true;
}

/**
 * Closes the first task of `kind` in `tasks` that `e` completes; whether it closed one. `current`: only
 * tasks still in time on the event's day (true), only those past their deadline (false), or any.
 */
function closeFirst(book: TaskBook, tasks: readonly Task[] | undefined, kind: string, e: LoanEvent, current?: boolean): boolean {
  if (tasks === undefined) return false;
  for (const task of tasks) if (task.kind === kind && (current === undefined || task.dueOn >= e.on === current) && tryClose(book, task, e)) return true;
  return false;
}

/**
 * Closes the first task of `kind` among `mine` (open tasks when the event came, in `book.open` order)
 * that is still open and `e` completes; whether it closed one. Those still open are exactly the
 * book's open tasks of the kind, in the same order: closing takes a task out of `book.open` and
 * nothing opens one while an event is applied. `current` as for {@link closeFirst}.
 */
function closeOpen(book: TaskBook, mine: readonly Task[], kind: string, e: LoanEvent, current: boolean): boolean {
  for (const task of mine) if (task.kind === kind && task.status === 'open' && task.dueOn >= e.on === current && tryClose(book, task, e)) return true;
  return false;
}

const kindPlaces = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

/** The kinds an event type can do, each with its place in that list (built once per pack and event type). */
function placesOf(kinds: readonly string[]): ReadonlyMap<string, number> {
  let places = kindPlaces.get(kinds);
  if (places === undefined) kindPlaces.set(kinds, (places = new Map(kinds.map((k, i) => [k, i]))));
  return places;
}

/** The places of the kinds owed: scratch of `closeTasksWith`, its first `count` entries (nothing it calls comes back to it). */
let owed = new Int32Array(32);

/** Adds place `i` to the first `count` of `owed`, kept ascending and without repeats; the new count. */
function addPlace(count: number, i: number): number {
  let j = count;
  while (j > 0 && (owed[j - 1] as number) > i) j--;
  if (j > 0 && owed[j - 1] === i) return count;
  for (let k = count; k > j; k--) owed[k] = owed[k - 1] as number;
  owed[j] = i;
  return count + 1;
}

/**
 * An event of the history closes, for each task kind it can close, the oldest open or breached task of
 * that kind for the matching party. Returns whether it closed anything.
 */
export function closeTasksWith(book: TaskBook, e: LoanEvent): boolean {
  const kinds = book.closers.get(e.type);
  // Nothing owed, or an event type that does no kind: nothing to walk.
  if (kinds === undefined || (book.open.length === 0 && book.breached.size === 0)) return false;
  // An event type may do a dozen kinds while a loan owes tasks of one or two: the kinds owed (open, or
  // breached and not yet done late) are found from the tasks, and only they are tried, in the order of
  // `kinds`. Closing a task changes only what its own kind owes, so the kinds owed are known up front.
  const places = placesOf(kinds);
  if (owed.length < kinds.length) owed = new Int32Array(kinds.length);
  const mine: Task[] = [];
  let count = 0;
  for (const task of book.open) {
    const i = places.get(task.kind);
    if (i === undefined) continue;
    mine.push(task);
    count = addPlace(count, i);
  }
  for (const [kind, list] of book.breached) {
    if (list.length === 0) continue;
    const i = places.get(kind);
    if (i !== undefined) count = addPlace(count, i);
  }
  let closed = false;
  for (let n = 0; n < count; n++) {
    const kind = kinds[owed[n] as number] as string;
    // An event the kind's entries refuse by type and fields (an inspection or a notice of another kind)
    // closes no task of the kind, whoever's: its tasks are not tried one by one.
    const def = book.pack.taskKinds[kind];
    if (def === undefined || !mayClose(def, e)) continue;
    // On-time work first: the current task of a kind before making up for a breached one.
    // (Walked in place: tryClose replaces the lists only when it closes a task, and then the walk stops.)
    // An open task past its deadline (breached at the end of this day's evaluation) counts as breached.
    if (closeOpen(book, mine, kind, e, true) || closeFirst(book, book.breached.get(kind), kind, e) || closeOpen(book, mine, kind, e, false)) closed = true;
  }
  return closed;
}
