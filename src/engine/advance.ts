import { unwrap } from '../errors/PostloanError';
import type { LoanEvent } from '../history/parseHistory';
import type { CompiledPack } from '../rules/loadPack';
import { formatDay, type Day } from '../time/day';
import type { ReplayOutput } from './output';
import { resumeReplay } from './replay';
import { restoreSnapshot, type LoanSnapshot } from './snapshot';

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

/** What {@link advance} did. */
export interface AdvanceResult {
  /** Every loan's snapshot after the step, in the order given: untouched loans are the very same objects. */
  readonly snapshots: readonly LoanSnapshot[];
  /** The replay output of each loan the step touched, by loan id. */
  readonly outputs: ReadonlyMap<string, ReplayOutput>;
  readonly touched: number;
}

/**
 * The end-of-day step over a book: every loan whose review day is on or before `toDate`, or that has new
 * events, is resumed to `toDate`; the others are not read at all — their state cannot change before their
 * review day, so their snapshots are returned as they are (resume them later to any date). Snapshots must
 * come from `pack` (see {@link restoreSnapshot}).
 *
 * @example
 * ```ts
 * const { snapshots, touched } = advance(book, pack, day('2026-04-21'), newEventsByLoan);
 * ```
 */
export function advance(snapshots: readonly LoanSnapshot[], pack: CompiledPack, toDate: Day, events: ReadonlyMap<string, readonly LoanEvent[]> = new Map()): AdvanceResult {
  const to = formatDay(toDate);
  const index = new WakeIndex(snapshots);
  const wake = new Set(index.due(to).map((s) => s.loanId));
  for (const id of events.keys()) wake.add(id);
  const outputs = new Map<string, ReplayOutput>();
  const next = snapshots.map((s) => {
    if (!wake.has(s.loanId)) return s;
    const r = resumeReplay(unwrap(restoreSnapshot(s, pack, { file: s.loanId })), pack, events.get(s.loanId) ?? [], { asOf: toDate });
    outputs.set(s.loanId, r.output);
    return r.snapshot;
  });
  return { snapshots: next, outputs, touched: outputs.size };
}
