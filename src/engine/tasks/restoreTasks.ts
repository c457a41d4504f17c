import type { Day } from '../../time/day';
import { isCompact, retiredTaskIds, type CompactRetired } from './compactRetired';
import { consider } from './ruleCursor';
import { idKind, idParty, type TaskBookState } from './persistTasks';
import { answersFromCursors, setAnswerById } from './ruleHolds';
import { indexedTasks, type Task, type TaskBook, type TaskRule } from './taskBook';
import { taskRuleIndex } from './taskRuleIndex';

// A persisted task state put back into a fresh task book.

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type StoredTask = TaskBookState['tasks'][number];

/**
 * A stored task as a replay's: the fields always there in one literal, the optional ones set after
 * when stored (a task has a property only when the stored one has it; no spread of a throw-away
 * object per optional field, as before, for each task of each due loan).
 */
function restoredTask(s: StoredTask, rule: TaskRule, ruleIndex: number, cut: number): Task {
  const task: Writable<Task> = {
    id: s.id,
    kind: s.kind ?? kindOf(s.id, rule, cut),
    ruleId: rule.policyId,
    rule,
    ruleIndex,
    party: s.party ?? idParty(s.id),
    openedOn: s.openedOn as Day,
    dueOn: s.dueOn as Day,
    anchorOn: s.anchorOn as Day,
    times: s.times,
    progress: s.progress ?? 0,
    status: s.status,
    breachRecorded: s.breachRecorded ?? false,
  };
  if (s.assignee !== undefined) task.assignee = s.assignee;
  if (s.instalment !== undefined && s.slot !== undefined) {
    task.instalment = s.instalment;
    task.slot = s.slot;
  }
  if (s.closedOn !== undefined) task.closedOn = s.closedOn as Day;
  if (s.closedBy !== undefined) task.closedBy = s.closedBy;
  if (s.reason !== undefined) task.reason = s.reason;
  return task;
}

/**
 * The kind a stored task's id names (format 5 leaves `kind` out when it is that): the rule's own string
 * when the id has it, as a replay's task shares it, else a slice of the id.
 */
function kindOf(id: string, rule: TaskRule, cut: number): string {
  const k = rule.decision.kind;
  return id.startsWith(k, cut) && id.charCodeAt(cut + k.length) === 47 ? k : idKind(id, cut);
}

/**
 * The tasks of those ids that the book has, in order (an id it lacks is passed over; of two tasks with
 * one id, the later, as an index by id gives). A restored book's `byId` is filled only when a task is
 * about to be raised (see `isTaken`): most restored loans raise none before they are saved, and the few
 * ids of `open` and `breached` are found by comparing ids. A book of more tasks (a full snapshot) is
 * indexed first.
 */
function tasksOf(book: TaskBook, ids: readonly string[]): Task[] {
  const out: Task[] = [];
  const tasks = book.tasks;
  if (tasks.length > SCAN_AT_MOST) {
    const byId = indexedTasks(book);
    for (const id of ids) {
      const t = byId.get(id);
      if (t !== undefined) out.push(t);
    }
    return out;
  }
  for (const id of ids) {
    for (let j = tasks.length - 1; j >= 0; j--) {
      const t = tasks[j] as Task;
      if (t.id === id) {
        out.push(t);
        break;
      }
    }
  }
  return out;
}

/** Up to this many tasks, `tasksOf` compares ids instead of indexing the book. */
const SCAN_AT_MOST = 32;

/** The compact closed ids of a state, kept as a book's `retired.kept` (`retired` before `retiredBy`, when there). */
function keptRetired(state: TaskBookState): CompactRetired {
  const kept: Writable<CompactRetired> = {};
  if (state.retired !== undefined) kept.retired = state.retired;
  if (state.retiredBy !== undefined) kept.retiredBy = state.retiredBy;
  return kept;
}

/**
 * Puts a persisted state into a fresh book of the same pack. Returns the ids of rules the state names
 * that the pack does not have (the snapshot was made with another pack); empty when all is well.
 */
export function restoreTasks(book: TaskBook, state: TaskBookState): string[] {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const index = taskRuleIndex(book.pack);
  const missing: string[] = [];
  const cut = book.loan.id.length + 1;
  for (const s of state.tasks) {
    const r = index.get(s.rule);
    if (r === undefined) {
      missing.push(s.rule);
      continue;
    }
    book.tasks.push(restoredTask(s, rules[r] as TaskRule, r, cut));
  }
  book.indexed = false;
  book.open = tasksOf(book, state.open);
  for (const [kind, ids] of state.breached) book.breached.set(kind, tasksOf(book, ids));
  // A cursor not stored is where a fresh book starts it.
  const flat = state.cursors;
  const cursors = book.cursors;
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const ruleAndHolding = flat[i] as number;
    const r = ruleAndHolding >> 1;
    const c = cursors[r];
    if (c === undefined) {
      missing.push(`task rule ${r}, the pack has ${cursors.length}`);
      continue;
    }
    c.next = flat[i + 1] as number;
    c.holding = (ruleAndHolding & 1) === 1;
    c.holdingSince = flat[i + 2] as Day;
  }
  for (const [r, keys] of state.considered ?? []) {
    const c = cursors[r];
    if (c !== undefined) for (const k of keys) consider(c, k);
  }
  // Left out when they were the cursors' (decision 421); listed by rule id otherwise, set in their order.
  if (state.holds !== undefined) for (const [k, v] of state.holds) setAnswerById(book.holds, book.pack, k, v);
  else answersFromCursors(book.holds, cursors);
  const lastDone = state.lastDone;
  for (let i = 0; i + 1 < lastDone.length; i += 2) book.lastDone.set(lastDone[i] as string, lastDone[i + 1] as Day);
  for (const w of state.calendarWarnings) book.calendarWarnings.add(w);
  book.limitationExpiry = (state.limitationExpiry ?? undefined) as Day | undefined;
  // Kept as stored when it is the form a resume writes back; expanded otherwise (format 3's list).
  if (state.retired === undefined && state.retiredBy === undefined) book.retired.kept = undefined;
  else if (isCompact(state)) book.retired.kept = keptRetired(state);
  else book.retired.ids.push(...retiredTaskIds(state));
  book.schedule = book.ledger.schedule;
  return missing;
}
