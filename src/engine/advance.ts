import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import type { LoanEvent } from '../history/parseHistory';
import type { CompiledPack } from '../rules/loadPack';
import { formatDay, type Day } from '../time/day';
import type { ReplayOutput } from './output';
import { resumeReplay } from './replay';
import { restoreSnapshot, restoreSnapshotText, type LoanSnapshot } from './snapshot';

/** What the wake index needs of a loan: a snapshot, or the row a store keeps beside the stored text. */
export interface WakeEntry {
  readonly loanId: string;
  /** `YYYY-MM-DD`, or null for a loan that never wakes again. */
  readonly nextReviewOn: string | null;
}

/**
 * Loans by the day they next need looking at (`nextReviewOn`): the end-of-day step asks it for the
 * loans due and never reads the others. Loans that never wake again (settled) are not indexed. It holds
 * whatever entries it is given — whole snapshots, or small rows pointing at stored ones, so a book of
 * millions is indexed without parsing a single snapshot.
 *
 * @example
 * ```ts
 * const index = new WakeIndex(snapshots);
 * for (const s of index.due('2026-04-21')) …;
 * const rows = new WakeIndex([{ loanId: 'L-1', nextReviewOn: '2026-04-21', offset: 0 }]);
 * ```
 */
export class WakeIndex<T extends WakeEntry = LoanSnapshot> {
  readonly #byDay = new Map<string, Map<string, T>>();
  readonly #dayOf = new Map<string, string>();

  constructor(entries: Iterable<T> = []) {
    for (const s of entries) this.put(s);
  }

  /** Adds a loan, or moves it to its new review day. */
  put(s: T): void {
    this.remove(s.loanId);
    if (s.nextReviewOn === null) return;
    let bucket = this.#byDay.get(s.nextReviewOn);
    if (bucket === undefined) this.#byDay.set(s.nextReviewOn, (bucket = new Map<string, T>()));
    bucket.set(s.loanId, s);
    this.#dayOf.set(s.loanId, s.nextReviewOn);
  }

  remove(loanId: string): void {
    const day = this.#dayOf.get(loanId);
    if (day === undefined) return;
    const bucket = this.#byDay.get(day);
    bucket?.delete(loanId);
    if (bucket?.size === 0) this.#byDay.delete(day);
    this.#dayOf.delete(loanId);
  }

  /** Loans whose review day is on or before `toDate` (YYYY-MM-DD), earliest day first, then by loan id. */
  due(toDate: string): T[] {
    const days = [...this.#byDay.keys()].filter((d) => d <= toDate).sort();
    return days.flatMap((d) => [...(this.#byDay.get(d) as Map<string, T>).values()].sort((a, b) => (a.loanId < b.loanId ? -1 : a.loanId > b.loanId ? 1 : 0)));
  }

  get size(): number {
    return this.#dayOf.size;
  }
}

/**
 * A stored loan as a store's row holds it: its id and review day beside the snapshot's JSON text (what
 * `snapshotText` gave the store to write). {@link advance} restores it from the text
 * (`restoreSnapshotText`), without parsing the loans it does not touch.
 */
export interface StoredSnapshot extends WakeEntry {
  readonly text: string;
}

/** What {@link advance} did. */
export interface AdvanceResult<T extends LoanSnapshot | StoredSnapshot = LoanSnapshot> {
  /**
   * Every loan's snapshot after the step, in the order given: untouched loans are the very same objects
   * (a stored row stays the row), and so are the loans that failed (see `failures`); an advanced loan is
   * its new snapshot (`snapshotText` gives its text to store).
   */
  readonly snapshots: readonly (T | LoanSnapshot)[];
  /** The replay output of each loan the step touched, by loan id (a stored row's `loanId`). */
  readonly outputs: ReadonlyMap<string, ReplayOutput>;
  readonly touched: number;
  /**
   * Loans that could not advance, by loan id, with every reason (a modified or invalid snapshot, a
   * back-dated event, …): their snapshots are returned unchanged; the other loans advanced.
   */
  readonly failures: ReadonlyMap<string, readonly PostloanIssue[]>;
  /** New events for loan ids that are not in the book, by loan id: reported, never dropped silently. */
  readonly unknownLoans: ReadonlyMap<string, readonly LoanEvent[]>;
}

/** Options of {@link advance}. */
export interface AdvanceOptions {
  /**
   * The snapshots are the caller's own, as postloan wrote them (e.g. read back from its store's table):
   * each restores as trusted ({@link restoreSnapshot}), its checksum checked but its engine state not
   * validated again. Leave it out for snapshots from anywhere else.
   */
  readonly trusted?: boolean;
}

/** A stored row, not a snapshot: a text and no state. */
const isStored = (s: LoanSnapshot | StoredSnapshot): s is StoredSnapshot => typeof (s as Partial<StoredSnapshot>).text === 'string' && (s as Partial<LoanSnapshot>).state === undefined;

/**
 * The end-of-day step over a book: every loan whose review day is on or before `toDate`, or that has new
 * events, is resumed to `toDate`; the others are not read at all — their state cannot change before their
 * review day, so their snapshots are returned as they are (resume them later to any date). Snapshots must
 * come from `pack` (see {@link restoreSnapshot}). A loan that cannot advance (a modified or invalid
 * snapshot, a back-dated event) is listed in `failures` with why and keeps its snapshot; the rest of the
 * book advances. Events for loan ids not in the book are listed in `unknownLoans`.
 *
 * The book may hold snapshots or a store's rows ({@link StoredSnapshot}: id, review day and snapshot
 * text); a row is restored from its text, as `restoreSnapshotText` does, and only when the loan is due.
 *
 * @example
 * ```ts
 * const { snapshots, touched } = advance(book, pack, day('2026-04-21'), newEventsByLoan);
 * advance(ownSnapshots, pack, day('2026-04-21'), new Map(), { trusted: true }); // the caller's own store
 * // Rows of the caller's store, as it keeps them; write back the text of each advanced loan.
 * const r = advance(rows.map((w) => ({ loanId: w.id, nextReviewOn: w.review, text: w.snapshot })), pack, to, new Map(), { trusted: true });
 * for (const s of r.snapshots) if (!('text' in s)) write(s.loanId, snapshotText(s));
 * ```
 */
export function advance<T extends LoanSnapshot | StoredSnapshot = LoanSnapshot>(
  snapshots: readonly T[],
  pack: CompiledPack,
  toDate: Day,
  events: ReadonlyMap<string, readonly LoanEvent[]> = new Map(),
  options: AdvanceOptions = {},
): AdvanceResult<T> {
  const to = formatDay(toDate);
  const index = new WakeIndex(snapshots);
  const wake = new Set(index.due(to).map((s) => s.loanId));
  for (const id of events.keys()) wake.add(id);
  const outputs = new Map<string, ReplayOutput>();
  const failures = new Map<string, readonly PostloanIssue[]>();
  const known = new Set<string>();
  const next = snapshots.map((s): T | LoanSnapshot => {
    known.add(s.loanId);
    if (!wake.has(s.loanId)) return s;
    // One bad snapshot or event stops its own loan, not the book: its reasons are reported per loan.
    try {
      const restoreOptions = { file: s.loanId, trusted: options.trusted === true };
      const restored = isStored(s) ? restoreSnapshotText(s.text, pack, restoreOptions) : restoreSnapshot(s, pack, restoreOptions);
      if (!restored.ok) {
        failures.set(s.loanId, restored.issues);
        return s;
      }
      const r = resumeReplay(restored.value, pack, events.get(s.loanId) ?? [], { asOf: toDate });
      outputs.set(s.loanId, r.output);
      return r.snapshot;
    } catch (e) {
      if (!(e instanceof PostloanError)) throw e;
      failures.set(s.loanId, e.issues);
      return s;
    }
  });
  const unknownLoans = new Map<string, readonly LoanEvent[]>();
  for (const [id, list] of events) if (!known.has(id) && list.length > 0) unknownLoans.set(id, list);
  return { snapshots: next, outputs, touched: outputs.size, failures, unknownLoans };
}
