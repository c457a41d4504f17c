import { compactClosed, compactRetired, mergeRetired, type CompactRetired } from './compactRetired';
import { answerEntries, answersFollowCursors } from './ruleHolds';
import type { TaskOutput } from '../output';
import type { RuleCursor } from './ruleCursor';
import type { Task, TaskBook, TaskRule } from './taskBook';

// A task book's state as plain JSON, for loan snapshots.

/** A task book's state as plain JSON, for loan snapshots. */
export interface TaskBookState {
  /**
   * Format 5 leaves out what the task's id or a default gives: `kind` and `party` when they are the id's
   * (`loanId/kind/key/party`), `breachRecorded` when false, `progress` when 0.
   */
  readonly tasks: readonly {
    readonly id: string;
    readonly kind?: string;
    /** The compiled rule's id (the policy id comes with it). */
    readonly rule: string;
    readonly party?: string;
    readonly assignee?: string;
    readonly openedOn: number;
    readonly dueOn: number;
    readonly anchorOn: number;
    readonly instalment?: number;
    readonly slot?: number;
    readonly times: number;
    readonly progress?: number;
    readonly status: TaskOutput['status'];
    readonly breachRecorded?: boolean;
    readonly closedOn?: number;
    readonly closedBy?: string;
    readonly reason?: string;
  }[];
  readonly open: readonly string[];
  readonly breached: readonly (readonly [string, readonly string[]])[];
  /**
   * Where the task rules have got to, three numbers per rule, flat, for the rules whose cursor has moved
   * from where a fresh book starts it (next 0, not holding, holding since the disbursement day): the
   * rule's index in pack order times 2, plus 1 when the rule held; the next instalment or period to
   * consider; and the day it started holding. Ascending. Format 5: most of a loan's rules never move,
   * and format 4's three numbers for every rule were a sixth of a lean snapshot's values.
   */
  readonly cursors: readonly number[];
  /** Single-anchor instances each rule has considered, as [rule index, keys]; only rules with some. */
  readonly considered?: readonly (readonly [number, readonly string[]])[];
  /**
   * Whether each task rule held at the last evaluation. Left out when it says what the cursors' `holding`
   * say (always, once the loan has been evaluated): restored from them then.
   */
  readonly holds?: readonly (readonly [string, boolean])[];
  /** The day each `kind|party` was last done, flat (`[key, day, key, day, …]`, in the book's order); format 5. */
  readonly lastDone: readonly (string | number)[];
  readonly calendarWarnings: readonly string[];
  readonly limitationExpiry: number | null;
  /**
   * The ids of the closed tasks a lean snapshot leaves out of `tasks` (done, late, cancelled), so they
   * are never raised again — without the leading `loanId/` every task id of the loan has. From format 4
   * only the ids `retiredBy` cannot hold (none that postloan makes); formats 1–3 list them all here.
   * Absent when there are none (a full snapshot's `tasks` has every task).
   */
  readonly retired?: readonly string[];
  /**
   * Format 4: the same ids, compact — a task id is `kind/key/party`, so they are grouped by `kind/party`
   * (sorted), each group with the keys that are dates as day numbers (ascending) and the other keys
   * (instalments, months, event ids; sorted). A set: the order of retirement is not kept.
   */
  readonly retiredBy?: readonly (readonly [group: string, days: readonly number[], keys: readonly string[]])[];
}

/**
 * The state of formats 1–4: `cursors` holds three numbers for every task rule, and `lastDone` is a list
 * of `[key, day]` entries (format 1's cursor objects are made flat by `restoreSnapshot` first).
 */
export interface TaskBookStateFormat4 extends Omit<TaskBookState, 'cursors' | 'lastDone'> {
  readonly cursors: readonly number[];
  readonly lastDone: readonly (readonly [string, number])[];
}

/** A format-4 state in format 5 (a snapshot written before format 5, restored): every rule's cursor kept. */
export function tasksFromFormat4(state: TaskBookStateFormat4): TaskBookState {
  const cursors: number[] = [];
  const flat = state.cursors;
  for (let r = 0; 3 * r + 2 < flat.length; r++) cursors.push(2 * r + (flat[3 * r + 1] === 1 ? 1 : 0), flat[3 * r] as number, flat[3 * r + 2] as number);
  const lastDone: (string | number)[] = [];
  for (const [k, d] of state.lastDone) lastDone.push(k, d);
  return { ...state, cursors, lastDone };
}

/** A task still owed: open, or breached and not yet done late. */
const isOwed = (k: Task): boolean => k.status === 'open' || k.status === 'breached';

type Persisted = TaskBookState['tasks'][number];
type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

/**
 * The book's state as plain JSON. Caches (next open dates, periods) are left out: they are recomputed.
 * So are the events of the day and the events already used that day: a snapshot is taken at the end of
 * a day, and later days bring their own events. Every object is built with its keys in sorted order, an
 * optional key set only when present, so the snapshot's JSON text is its canonical JSON (its checksum
 * is taken from that text, see makeSnapshot).
 */
export function persistTasks(book: TaskBook, lean = false): TaskBookState {
  const { considered, cursors } = persistCursors(book.cursors, book.loan.disbursedOn);
  const retired = retiredState(book, lean);
  const breached: (readonly [string, readonly string[]])[] = [];
  for (const [kind, list] of book.breached) breached.push([kind, idsOf(list)]);
  const out: Mutable<TaskBookState> = { breached, calendarWarnings: [...book.calendarWarnings] };
  if (considered !== undefined) out.considered = considered;
  out.cursors = cursors;
  // Listed only when they say something else than the cursors (decision 421), as the map by rule id lists them.
  if (!answersFollowCursors(book.holds, book.cursors)) out.holds = answerEntries(book.holds, book.pack.rulesByType.task as readonly TaskRule[]);
  const lastDone: (string | number)[] = [];
  for (const [k, d] of book.lastDone) lastDone.push(k, d);
  out.lastDone = lastDone;
  out.limitationExpiry = book.limitationExpiry ?? null;
  out.open = idsOf(book.open);
  if (retired.retired !== undefined) out.retired = retired.retired;
  if (retired.retiredBy !== undefined) out.retiredBy = retired.retiredBy;
  const cut = book.loan.id.length + 1;
  const tasks: Persisted[] = [];
  for (const k of book.tasks) if (!lean || isOwed(k)) tasks.push(persistTask(k, cut));
  out.tasks = tasks;
  return out as TaskBookState;
}

/** The ids of the tasks, in order (a loop: `map` made a closure per call). */
function idsOf(list: readonly Task[]): string[] {
  const ids: string[] = [];
  for (const k of list) ids.push(k.id);
  return ids;
}

/**
 * The kind and the party a task id names (`loanId/kind/key/party`; `cut` is the loan id's length + 1;
 * kinds and parties have no `/`, decision 171).
 */
export function idKind(id: string, cut: number): string {
  return id.slice(cut, id.indexOf('/', cut));
}

export function idParty(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/** Whether {@link idKind} reads `kind` from the id: compared in place, without a slice, when the id has its usual form. */
function idHasKind(id: string, kind: string, cut: number): boolean {
  if (id.charCodeAt(cut + kind.length) === 47 && id.startsWith(kind, cut)) return kind.indexOf('/') < 0;
  return idKind(id, cut) === kind;
}

/** Whether {@link idParty} reads `party` from the id: compared in place, without a slice, when the id has its usual form. */
function idHasParty(id: string, party: string): boolean {
  if (id.charCodeAt(id.length - party.length - 1) === 47 && id.endsWith(party)) return party.indexOf('/') < 0;
  return idParty(id) === party;
}

/** One task, its keys in sorted order, without what its id or a default gives (format 5). */
function persistTask(k: Task, cut: number): Persisted {
  const t: Mutable<Persisted> = { anchorOn: k.anchorOn };
  if (k.assignee !== undefined) t.assignee = k.assignee;
  if (k.breachRecorded) t.breachRecorded = true;
  if (k.closedBy !== undefined) t.closedBy = k.closedBy;
  if (k.closedOn !== undefined) t.closedOn = k.closedOn;
  t.dueOn = k.dueOn;
  t.id = k.id;
  if (k.instalment !== undefined) t.instalment = k.instalment;
  if (!idHasKind(k.id, k.kind, cut)) t.kind = k.kind;
  t.openedOn = k.openedOn;
  if (!idHasParty(k.id, k.party)) t.party = k.party;
  if (k.progress !== 0) t.progress = k.progress;
  if (k.reason !== undefined) t.reason = k.reason;
  t.rule = k.rule.id;
  if (k.slot !== undefined) t.slot = k.slot;
  t.status = k.status;
  t.times = k.times;
  return t as Persisted;
}

/** How many closed task ids a task state keeps, in either form. */
export function retiredCount(state: TaskBookState): number {
  let n = state.retired?.length ?? 0;
  for (const [, days, keys] of state.retiredBy ?? []) n += days.length + keys.length;
  return n;
}

/** The cursors that have moved from a fresh book's (next 0, not holding, since `disbursedOn`), and the considered keys. */
function persistCursors(cursors: readonly RuleCursor[], disbursedOn: number): { cursors: number[]; considered: [number, string[]][] | undefined } {
  const flat: number[] = [];
  let considered: [number, string[]][] | undefined;
  for (let r = 0; r < cursors.length; r++) {
    const c = cursors[r] as RuleCursor;
    if (c.next !== 0 || c.holding || c.holdingSince !== disbursedOn) flat.push(c.holding ? 2 * r + 1 : 2 * r, c.next, c.holdingSince);
    if (c.considered.size > 0) (considered ??= []).push([r, [...c.considered]]);
  }
  return { cursors: flat, considered };
}

/**
 * Closed task ids a lean snapshot keeps, without the loan id prefix they all share: those the book was
 * restored with (merged in their compact form) and those closed since. The tasks closed in this run are
 * grouped by their own kind and party ({@link compactClosed}); ids restored in the expanded form of
 * formats 1–3 go through {@link compactRetired}. The three compact forms merge into what compacting all
 * the ids together gives (a merge of sorted lists; see `mergeRetired`).
 */
function retiredState(book: TaskBook, lean: boolean): CompactRetired {
  const closed = lean ? compactClosed(book.tasks, book.loan.id.length + 1) : {};
  const added = book.retired.ids.length === 0 ? closed : mergeRetired(compactRetired(book.retired.ids), closed);
  return book.retired.kept === undefined ? added : mergeRetired(book.retired.kept, added);
}
