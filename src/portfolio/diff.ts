/**
 * Impact of a rule-pack change: the same loans replayed under two packs, compared decision by decision.
 * Pure: the caller replays; this module only counts, with every ordering fixed.
 */
import type { ReplayOutput, TaskOutput } from '../engine/output';
import { issueFrom } from '../errors/issueText';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { maskIssues } from '../errors/maskPersonalData';
import { portfolioText } from './portfolioMessages';

/**
 * The decisions compared loan by loan, in this order.
 *
 * @example
 * ```ts
 * for (const d of DIFF_DIMENSIONS) console.log(d, diff.dimensions[d].changed);
 * ```
 */
export const DIFF_DIMENSIONS = ['state', 'bucket', 'classification', 'riskLevel', 'managementMode', 'segment'] as const;
export type DiffDimension = (typeof DIFF_DIMENSIONS)[number];

/** Task statuses in the order tables list them. */
const TASK_STATUSES: readonly TaskOutput['status'][] = ['open', 'done', 'late', 'breached', 'cancelled'];

/** Loans whose value moved from one value to another between the two packs. */
export interface DiffTransition {
  readonly from: string;
  readonly to: string;
  readonly loans: number;
  /** The first loan ids with this change, in input order (at most `examples` of them). */
  readonly examples: readonly string[];
}

/** One decision across the book: how many loans change, and how. */
export interface DimensionDiff {
  readonly changed: number;
  /** Most loans first. */
  readonly transitions: readonly DiffTransition[];
}

/** The number of tasks of one kind and status over the book, under each pack. */
export interface TaskCountDiff {
  readonly kind: string;
  readonly status: TaskOutput['status'];
  readonly before: number;
  readonly after: number;
  /** `after − before`. */
  readonly change: number;
  /** Loans whose count of this kind and status differs. */
  readonly loans: number;
  readonly examples: readonly string[];
}

/** A history that could not be compared, with why. */
export interface DiffError {
  /** The file it came from. */
  readonly source: string;
  /** 1-based line of a JSONL file; absent for a one-history file. */
  readonly line?: number;
  /** The loan id, when the history got far enough to name it. */
  readonly loanId?: string;
  readonly issues: readonly PostloanIssue[];
}

/** The pack of a side, as the replay outputs name it. */
export interface DiffPack {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
}

/**
 * The comparison of two replays of the same book: what {@link diffReplays} and `postloan diff --json` give.
 *
 * @example
 * ```ts
 * const d: PackDiff = diffReplays(current, proposed);
 * `${d.dimensions.state.changed} of ${d.loans} loans change state`;
 * ```
 */
export interface PackDiff {
  /** The pack of the `before` outputs (the first loan's); null for an empty book. */
  readonly before: DiffPack | null;
  readonly after: DiffPack | null;
  /** The as-of date of the replays; null for an empty book or when they differ. */
  readonly asOf: string | null;
  /** Loans compared. */
  readonly loans: number;
  /** Loans with at least one change (a decision or a task). */
  readonly changed: number;
  readonly dimensions: Readonly<Record<DiffDimension, DimensionDiff>>;
  readonly tasks: {
    /** Loans whose tasks differ: a task raised under one pack only, or with another status or deadline. */
    readonly changed: number;
    readonly examples: readonly string[];
    /** Every kind and status present under either pack, by kind then status. */
    readonly counts: readonly TaskCountDiff[];
  };
  /** Histories not yet disbursed at the as-of date: not compared. */
  readonly notYetDisbursed: number;
  readonly errors: readonly DiffError[];
}

/** Options of {@link createPackDiff} and {@link diffReplays}. */
export interface PackDiffOptions {
  /** Example loan ids kept per transition and per task row (default 5). */
  readonly examples?: number;
}

/** Adds loans one at a time (a book need not fit in memory), then {@link PackDiffBuilder.finish}. */
export interface PackDiffBuilder {
  /** Adds one loan's replays under the two packs; they must be of the same loan. */
  add(before: ReplayOutput, after: ReplayOutput): void;
  /** Records a history that could not be compared. */
  addError(error: DiffError): void;
  /** Counts a history disbursed after the as-of date. */
  skipNotYetDisbursed(): void;
  finish(): PackDiff;
}

interface Tally {
  loans: number;
  readonly examples: string[];
}

function note(map: Map<string, Tally>, key: string, loanId: string, max: number): void {
  let t = map.get(key);
  if (t === undefined) {
    t = { loans: 0, examples: [] };
    map.set(key, t);
  }
  t.loans++;
  if (t.examples.length < max) t.examples.push(loanId);
}

/** Tasks by `kind NUL status`. */
function taskCounts(tasks: readonly TaskOutput[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tasks) {
    const key = `${t.kind}\u0000${t.status}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** A loan's tasks as comparable text: id, status and deadline of each. */
function taskSignature(tasks: readonly TaskOutput[]): string {
  return tasks
    .map((t) => `${t.id}\u0000${t.status}\u0000${t.dueOn}`)
    .sort()
    .join('\u0001');
}

function packOf(out: ReplayOutput): DiffPack {
  return { id: out.pack.id, version: out.pack.version, hash: out.pack.hash };
}

const SEPARATOR = '\u0000';

/**
 * A diff built loan by loan: for `postloan diff`, which replays each history under both packs and keeps
 * only counts and example ids. {@link diffReplays} is the same over two arrays.
 *
 * @example
 * ```ts
 * const builder = createPackDiff();
 * for (const history of book) {
 *   builder.add(replay(history, current, { asOf }), replay(history, proposed, { asOf }));
 * }
 * const diff = builder.finish();
 * diff.dimensions.state.transitions[0]; // { from: 'overdueM2M3', to: 'outsourced', loans: 41, examples: ['L-1', …] }
 * ```
 */
export function createPackDiff(options: PackDiffOptions = {}): PackDiffBuilder {
  const max = options.examples ?? 5;
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`examples must be a whole number ≥ 0, got ${max}`);
  const transitions = Object.fromEntries(DIFF_DIMENSIONS.map((d) => [d, new Map<string, Tally>()])) as Record<DiffDimension, Map<string, Tally>>;
  const changedBy = Object.fromEntries(DIFF_DIMENSIONS.map((d) => [d, 0])) as Record<DiffDimension, number>;
  const counts = new Map<string, { before: number; after: number }>();
  const countChanges = new Map<string, Tally>();
  const taskChanges: Tally = { loans: 0, examples: [] };
  const errors: DiffError[] = [];
  let before: DiffPack | null = null;
  let after: DiffPack | null = null;
  let asOf: string | null | undefined;
  let loans = 0;
  let changed = 0;
  let notYetDisbursed = 0;
  return {
    add(a, b) {
      if (a.loanId !== b.loanId) {
        throw new PostloanError([
          issueFrom({ code: 'input.invalid', path: '' }, portfolioText.diffOtherLoan(a.loanId, b.loanId)),
        ]);
      }
      before ??= packOf(a);
      after ??= packOf(b);
      if (asOf === undefined) asOf = a.asOf;
      if (asOf !== a.asOf || asOf !== b.asOf) asOf = null;
      loans++;
      let any = false;
      for (const d of DIFF_DIMENSIONS) {
        if (a[d] === b[d]) continue;
        any = true;
        changedBy[d]++;
        note(transitions[d], `${a[d]}${SEPARATOR}${b[d]}`, a.loanId, max);
      }
      const ca = taskCounts(a.tasks);
      const cb = taskCounts(b.tasks);
      for (const key of new Set([...ca.keys(), ...cb.keys()])) {
        const x = ca.get(key) ?? 0;
        const y = cb.get(key) ?? 0;
        const c = counts.get(key) ?? { before: 0, after: 0 };
        c.before += x;
        c.after += y;
        counts.set(key, c);
        if (x !== y) note(countChanges, key, a.loanId, max);
      }
      if (taskSignature(a.tasks) !== taskSignature(b.tasks)) {
        any = true;
        taskChanges.loans++;
        if (taskChanges.examples.length < max) taskChanges.examples.push(a.loanId);
      }
      if (any) changed++;
    },
    addError(error) {
      // Printed by `diff` and `diff --json`: personal data in the messages is masked (P-CT-3).
      errors.push({ ...error, issues: maskIssues(error.issues) });
    },
    skipNotYetDisbursed() {
      notYetDisbursed++;
    },
    finish() {
      const dimensions = Object.fromEntries(
        DIFF_DIMENSIONS.map((d): [DiffDimension, DimensionDiff] => {
          const rows = [...transitions[d]].map(([key, t]) => {
            const [from = '', to = ''] = key.split(SEPARATOR);
            return { from, to, loans: t.loans, examples: [...t.examples] };
          });
          rows.sort((x, y) => y.loans - x.loans || (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
          return [d, { changed: changedBy[d], transitions: rows }];
        }),
      ) as Record<DiffDimension, DimensionDiff>;
      const rows: TaskCountDiff[] = [...counts].map(([key, c]) => {
        const [kind = '', status = 'open'] = key.split(SEPARATOR);
        const t = countChanges.get(key);
        return { kind, status: status as TaskOutput['status'], before: c.before, after: c.after, change: c.after - c.before, loans: t?.loans ?? 0, examples: t === undefined ? [] : [...t.examples] };
      });
      rows.sort((x, y) => (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : TASK_STATUSES.indexOf(x.status) - TASK_STATUSES.indexOf(y.status)));
      return {
        before,
        after,
        asOf: asOf ?? null,
        loans,
        changed,
        dimensions,
        tasks: { changed: taskChanges.loans, examples: [...taskChanges.examples], counts: rows },
        notYetDisbursed,
        errors: [...errors],
      };
    },
  };
}

/**
 * Compares the replays of the same loans under two packs — `before[i]` and `after[i]` are the same
 * loan — and reports how many loans change state, bucket, classification, risk level, management mode,
 * collection segment and tasks, with a transition table per decision (`41 loans overdueM2M3 →
 * outsourced`, with example loan ids) and task counts by kind and status under each pack.
 *
 * @example
 * ```ts
 * const asOf = day('2026-06-30');
 * const diff = diffReplays(
 *   histories.map((h) => replay(h, current, { asOf })),
 *   histories.map((h) => replay(h, proposed, { asOf })),
 * );
 * diff.dimensions.state; // { changed: 41, transitions: [{ from: 'overdueM2M3', to: 'outsourced', loans: 41, examples: [...] }] }
 * ```
 */
export function diffReplays(before: readonly ReplayOutput[], after: readonly ReplayOutput[], options: PackDiffOptions = {}): PackDiff {
  if (before.length !== after.length) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: '' }, portfolioText.diffCounts(before.length, after.length)),
    ]);
  }
  const builder = createPackDiff(options);
  before.forEach((a, i) => builder.add(a, after[i] as ReplayOutput));
  return builder.finish();
}
