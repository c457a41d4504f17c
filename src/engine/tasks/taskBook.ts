import type { Instalment } from '../../contract/schedule';
import type { LoanContract } from '../../contract/LoanContract';
import type { LoanEvent } from '../../history/parseHistory';
import type { Ledger } from '../../ledger/ledger';
import type { TaskParams } from '../../rules/decisions';
import type { CompiledPack, CompiledRule } from '../../rules/loadPack';
import type { Day } from '../../time/day';
import type { TaskOutput, TimelineRecord } from '../output';
import type { CompactRetired } from './compactRetired';
import { NOTHING_CONSIDERED, type RuleCursor } from './ruleCursor';
import { freshHolds, type RuleHolds } from './ruleHolds';

// A replay's task state: the tasks raised so far, where each rule has got to, and what the ledger says of their instalments.

/** A compiled rule whose decision is a task. */
export type TaskRule = CompiledRule & { readonly decision: { readonly type: 'task' } & TaskParams };

/** A task while a replay runs. */
export interface Task {
  readonly id: string;
  readonly kind: string;
  readonly ruleId: string;
  readonly rule: TaskRule;
  /**
   * The rule's index in the book's pack's task rules (`pack.rulesByType.task`), where its answer is kept
   * (`TaskBook.holds`); -1 for a rule the pack no longer has (dropped at a version switch).
   */
  readonly ruleIndex: number;
  /** Whom the task is for: the role, or the guarantor, contact or collateral id (also the last part of the id). */
  readonly party: string;
  /** The collector the loan was assigned to when a collector's task opened (P-CS-10). */
  readonly assignee?: string;
  readonly openedOn: Day;
  readonly dueOn: Day;
  readonly anchorOn: Day;
  /** 1-based instalment number for instalment anchors. */
  readonly instalment?: number;
  /** Position of that instalment in the schedule in force (numbers are never reused after a restructuring). */
  readonly slot?: number;
  /** Events needed to do the task (`times`), and how many have counted so far. */
  readonly times: number;
  progress: number;
  status: TaskOutput['status'];
  breachRecorded: boolean;
  closedOn?: Day;
  closedBy?: string;
  reason?: string;
}

/**
 * Closed tasks left out of a lean snapshot: their ids without the `loanId/` prefix, and a set of them
 * built only when a task is about to be raised (most restored loans raise none before they are saved).
 */
interface Retired {
  /**
   * The ids as a snapshot kept them, still compact (`isCompact`): a resume writes them back merged
   * with the tasks it closed, without expanding them. Undefined when there were none, or when the
   * stored form was not compact (then they are in `ids`).
   */
  kept: CompactRetired | undefined;
  readonly ids: string[];
  set: Set<string> | undefined;
}

/** Task state of one replay: the tasks raised so far and where each rule has got to. */
export interface TaskBook {
  readonly pack: CompiledPack;
  readonly loan: LoanContract;
  /** The schedule in force (the ledger's; replaced by a restructuring or extension). */
  schedule: readonly Instalment[];
  readonly ledger: Ledger;
  readonly timeline: TimelineRecord[];
  readonly tasks: Task[];
  /**
   * `tasks` by id, while `indexed`. A restored book is not indexed until a task is about to be raised
   * (`isTaken` calls {@link indexedTasks}): most restored loans raise none before they are saved.
   */
  readonly byId: Map<string, Task>;
  indexed: boolean;
  /**
   * Ids of tasks closed (done, late or cancelled) before a lean snapshot, which left the tasks out: they
   * are never raised again, and are not in the output of the resumed replay.
   */
  readonly retired: Retired;
  /** Tasks open now (not yet due or due today): the only ones breach, cancel and wake checks look at. */
  open: Task[];
  /** Breached tasks by kind: they can still be done late, and a rolling one blocks the next. */
  readonly breached: Map<string, Task[]>;
  /** Task kinds each event type can do (from the pack's task kinds). */
  readonly closers: ReadonlyMap<string, readonly string[]>;
  /** One cursor per task rule, in `pack.rulesByType.task` order. */
  readonly cursors: RuleCursor[];
  /**
   * Per task rule, the first day an evaluation can find something to do for it while its answer stays
   * what it was (not persisted; see `evaluateTasks`): an evaluation before it skips the rule.
   * -Infinity: at the next evaluation; +Infinity: only when its answer changes.
   */
  readonly visitOn: Float64Array;
  /**
   * Per task rule, the day it next opens a task without any event, as `nextTaskWake` last found it (not
   * persisted): NaN once an evaluation visits the rule or the schedule is replaced, which are what move it.
   */
  readonly ruleWake: Float64Array;
  /** The least of `ruleWake` after the day it was last walked for (NaN once a rule's was forgotten); see `nextTaskWake`. */
  readonly rulesWake: { askedOn: number; least: number };
  /**
   * The ledger's `clears` when the wake days of the rules that pass over paid instalments were last
   * forgotten (not persisted; see `nextTaskWake`).
   */
  seenClears: number;
  /**
   * Whether each task rule held at the last evaluation, by rule index (for cancellation and rolling);
   * snapshots list it by rule id (see `RuleHolds`).
   */
  readonly holds: RuleHolds;
  /** The same answers by rule index, with the fact values they were tested on (see `testTaskRules`). */
  readonly tests: TaskTests;
  /** Last day a task of `kind|party` was done, for rolling requirements. */
  readonly lastDone: Map<string, Day>;
  /** The `kind|party` keys of `lastDone` built so far, by kind and party (not persisted; see `doneKey`). */
  readonly doneKeys: Map<string, Map<string, string>>;
  /** Task kinds each event (by id) has done already: one event does one task of each kind, once. */
  readonly consumed: Map<string, string[]>;
  /** Events of the day being processed, for tasks the same day's evaluation opens. */
  today: LoanEvent[];
  readonly calendarWarnings: Set<string>;
  /** Current statute-of-limitations expiry (P-NT-7), undefined once settled. */
  limitationExpiry: Day | undefined;
  /** The expiry the rules anchored on it were last visited with (not persisted; see `evaluateTasks`). */
  visitedExpiry: Day | undefined;
  /** The collector holding the case (`assigned` events, P-CS-10): the assignee of the collector's tasks opened now. */
  collector: Collector | undefined;
}

/** A loan's collector, and the agency the collector works for (P-CS-10). */
export interface Collector {
  readonly collectorId: string;
  readonly agencyId?: string;
}

/**
 * The task rules' last answers by rule index and the fact values they were computed from: a rule is
 * tested again only when a fact it reads has changed. Not persisted: a restored or rebound book starts
 * with `valid` false and tests every rule once.
 */
export interface TaskTests {
  valid: boolean;
  /** Last value seen of each fact any task rule reads, by slot (see `taskFactSlots`). */
  readonly seen: unknown[];
  /** Each rule's answer, by rule index. */
  readonly results: boolean[];
  /** The rules (by index) whose answer the last test changed; every rule at the first test. */
  readonly changed: number[];
}

const closerCache = new WeakMap<CompiledPack, ReadonlyMap<string, readonly string[]>>();

/** Event type → the task kinds it can do, computed once per pack. */
function closersOf(pack: CompiledPack): ReadonlyMap<string, readonly string[]> {
  let m = closerCache.get(pack);
  if (m === undefined) {
    const built = new Map<string, string[]>();
    for (const [kind, def] of Object.entries(pack.taskKinds)) {
      for (const c of def.closedBy) {
        const list = built.get(c.event) ?? [];
        if (!list.includes(kind)) list.push(kind);
        built.set(c.event, list);
      }
    }
    m = built;
    closerCache.set(pack, m);
  }
  return m;
}

/** `n` cursors at the start (a loop: the end of day makes a book for every due loan). */
function freshCursors(n: number, disbursedOn: Day): RuleCursor[] {
  const cursors: RuleCursor[] = [];
  for (let r = 0; r < n; r++) {
    cursors.push({
      next: 0,
      holding: false,
      holdingSince: disbursedOn,
      considered: NOTHING_CONSIDERED,
      consideredOn: Number.NaN,
      wakeKey: Number.NaN,
      wakeOn: disbursedOn,
      periodKey: -1,
      period: undefined,
    });
  }
  return cursors;
}

/** Space for fresh books' day arrays (see {@link freshDays}): views are cut from it until it is full. */
const POOL_BYTES = 16_384;
let pool = new ArrayBuffer(POOL_BYTES);
let poolUsed = 0;

/**
 * A fresh book's visit days (all `-∞`), rule wake days (all NaN) and rule answers (all unanswered), as
 * views on a shared buffer: two `Float64Array`s and a `Uint8Array` (its length rounded up to 8 bytes, so
 * the next book's doubles stay aligned). A `Float64Array` of its own above 64 bytes gets a backing store
 * outside the heap, ≈ 0.6–0.8 µs to allocate, and the end of day makes a book for every due loan (the two
 * were ≈ 1 % of `resumeReplay`); a view on a buffer already there costs ≈ 0.1 µs. A buffer is dropped once
 * full, and freed when the last book with a view on it is (at most 16 KiB).
 */
function freshDays(n: number): { visitOn: Float64Array; ruleWake: Float64Array; answers: Uint8Array } {
  const bytes = 16 * n + ((n + 7) & ~7);
  if (bytes > POOL_BYTES) return { visitOn: new Float64Array(n).fill(Number.NEGATIVE_INFINITY), ruleWake: new Float64Array(n).fill(Number.NaN), answers: new Uint8Array(n) };
  if (poolUsed + bytes > POOL_BYTES) {
    pool = new ArrayBuffer(POOL_BYTES);
    poolUsed = 0;
  }
  const visitOn = new Float64Array(pool, poolUsed, n).fill(Number.NEGATIVE_INFINITY);
  const ruleWake = new Float64Array(pool, poolUsed + 8 * n, n).fill(Number.NaN);
  // A new buffer is all zeros (unanswered), and no view is cut from the same bytes twice.
  const answers = new Uint8Array(pool, poolUsed + 16 * n, n);
  poolUsed += bytes;
  return { visitOn, ruleWake, answers };
}

/** A fresh task book for a replay. */
export function createTaskBook(pack: CompiledPack, loan: LoanContract, schedule: readonly Instalment[], ledger: Ledger, timeline: TimelineRecord[]): TaskBook {
  const n = pack.rulesByType.task.length;
  const { visitOn, ruleWake, answers } = freshDays(n);
  return {
    pack,
    loan,
    schedule,
    ledger,
    timeline,
    tasks: [],
    byId: new Map(),
    indexed: true,
    retired: { kept: undefined, ids: [], set: undefined },
    open: [],
    breached: new Map(),
    closers: closersOf(pack),
    cursors: freshCursors(n, loan.disbursedOn),
    visitOn,
    ruleWake,
    rulesWake: { askedOn: Number.NaN, least: Number.NaN },
    seenClears: ledger.clears,
    holds: freshHolds(answers),
    tests: { valid: false, seen: [], results: [], changed: [] },
    lastDone: new Map(),
    doneKeys: new Map(),
    consumed: new Map(),
    today: [],
    calendarWarnings: new Set(),
    limitationExpiry: undefined,
    visitedExpiry: undefined,
    collector: undefined,
  };
}

/** The book's tasks by id, indexed now if they were not (see {@link TaskBook.byId}). */
export function indexedTasks(book: TaskBook): Map<string, Task> {
  const byId = book.byId;
  if (!book.indexed) {
    for (const task of book.tasks) byId.set(task.id, task);
    book.indexed = true;
  }
  return byId;
}

/** Instalment `i` of the schedule in force is fully paid. */
export function isCleared(book: TaskBook, i: number): boolean {
  return (book.ledger.clearedOn[i] as number) >= 0;
}

/** Instalment `i` was not fully paid by its due date (unpaid, or paid late). */
export function wasMissed(book: TaskBook, i: number): boolean {
  const cleared = book.ledger.clearedOn[i] as number;
  const due = (book.schedule[i] as Instalment).dueOn;
  return cleared < 0 || cleared > due;
}

/**
 * The `lastDone` key of a kind and party (`kind|party`, its persisted form), built once per book: the
 * rolling rules ask for it at each visit and every task done sets it, and a key built anew is a new
 * string to hash at each lookup.
 */
export function doneKey(book: TaskBook, kind: string, party: string): string {
  let byParty = book.doneKeys.get(kind);
  if (byParty === undefined) book.doneKeys.set(kind, (byParty = new Map<string, string>()));
  let key = byParty.get(party);
  if (key === undefined) byParty.set(party, (key = `${kind}|${party}`));
  return key;
}
