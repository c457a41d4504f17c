// The public shapes of the PostgreSQL store: its options, what append and the end of day return, the
// task query and the change feed's rows. The implementation is createPostgresStore.ts.
import type { ReplayOutput, TaskOutput, TimelineEntry } from '../../engine/output';
import type { PostloanIssue } from '../../errors/PostloanIssue';
import type { PortableIssue } from '../../errors/portableIssue';
import type { CompiledPack } from '../../rules/loadPack';
import type { LoanSnapshot } from '../../engine/snapshot';
import type { MigrateResult } from './migrations';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** The compiled rule pack every loan of the store is replayed under. */
  readonly pack: CompiledPack;
  /** Schema of the store's tables; default `postloan`. */
  readonly schema?: string;
}

/** Options of {@link PostgresStore.append}. */
export interface AppendOptions {
  /**
   * The business date to bring the loan to (`YYYY-MM-DD`); a loan already further on stays at its date.
   * Events dated after it are refused: they are not known yet on that date.
   */
  readonly asOf: string;
  /** The loan contract in the history-file form: required for a loan new to the store, checked otherwise. */
  readonly loan?: unknown;
}

/** What {@link PostgresStore.append} did. */
export interface AppendResult {
  readonly loanId: string;
  /** Events written now. */
  readonly written: number;
  /** Events already in the log with the same content (nothing written for them). */
  readonly duplicates: number;
  /**
   * How the loan was brought forward: `created` (first replay), `resumed` (from its snapshot, only later
   * events), `replayed` (a back-dated event: the whole stored log replayed), `unchanged` (nothing to do).
   */
  readonly how: 'created' | 'resumed' | 'replayed' | 'unchanged';
  readonly asOf: string;
  /** The loan row's version after the write. */
  readonly version: number;
}

/** A loan to append in {@link PostgresStore.appendMany}. */
export interface AppendItem {
  readonly loanId: string;
  readonly events: readonly unknown[];
  readonly loan?: unknown;
}

/** What one end-of-day chunk did ({@link PostgresStore.advanceLoans}). */
export interface ChunkResult {
  readonly advanced: number;
  /** Already at (or past) the target date: a retried chunk skips what it committed before. */
  readonly skipped: number;
  /** Loans that could not be advanced, each with the reason; the rest of the chunk commits. */
  readonly failed: readonly FailedLoan[];
}

/**
 * A loan the end of day could not advance. `reason` is the English sentence; `issues`, when the failure
 * was a postloan issue (a pack mismatch, a snapshot that does not restore, a loan not in the store), are
 * those issues as JSON data that keeps their text references, so a reader in another process — `postloan
 * eod` reading a worker's results from Redis — prints them in its own language (`fromPortable`, then
 * `localizeIssue`). Absent for a failure that is not an issue (a bug, a lost connection) and in results
 * of workers older than this field.
 */
export interface FailedLoan {
  readonly loanId: string;
  readonly reason: string;
  readonly issues?: readonly PortableIssue[];
}

/** What {@link PostgresStore.advance} did over the whole book. */
export interface AdvanceSummary extends ChunkResult {
  /** Loans whose review day was on or before the target date and that were not there yet. */
  readonly due: number;
}

/** A query of {@link PostgresStore.tasks}. */
export interface TaskQuery {
  /** Tasks due on or before this day (`YYYY-MM-DD`). */
  readonly dueBy?: string;
  readonly party?: string;
  readonly kind?: string;
  /** Only the tasks assigned to this collector (P-CS-10: the collector's daily task list). */
  readonly collector?: string;
  /** Default: the outstanding ones, `open` and `breached`. */
  readonly status?: readonly TaskOutput['status'][];
  /** Most rows returned; default 10,000. */
  readonly limit?: number;
}

/** A stored task: the engine's task with its loan. */
export interface StoredTask extends TaskOutput {
  readonly loanId: string;
}

/** One row of the change feed. */
export interface Change {
  /** Grows in commit order: a reader that has seen `seq` never finds a smaller one committed later. */
  readonly seq: number;
  /** Unique per row. */
  readonly id: string;
  readonly loanId: string;
  /** The loan row's version that wrote it. */
  readonly loanVersion: number;
  readonly entity: 'timeline' | 'task';
  /** The timeline entry's stable id (`tl-…`), or the task id. */
  readonly entityId: string;
  /**
   * `added`: a new timeline entry; `withdrawn`: a back-dated event made the entry (or task) no longer
   * true; `changed`: a task opened or changed (body is the task as it now is).
   */
  readonly op: 'added' | 'withdrawn' | 'changed';
  readonly on: string;
  readonly body: TimelineEntry | TaskOutput;
}

/** The store: see {@link createPostgresStore}. */
export interface PostgresStore {
  readonly schema: string;
  /** Creates or upgrades the schema (versioned migrations, one transaction, advisory lock). */
  migrate(): Promise<MigrateResult>;
  /**
   * Appends events to a loan's log and brings the loan forward, in one transaction: the events (an
   * event already stored with the same content is skipped; the same id with other content is refused
   * and nothing is written), the loan state, its tasks and the change feed. A back-dated event (on or
   * before the loan's date) replays the loan from its stored log. Concurrent appends to one loan queue
   * on its row lock.
   */
  append(loanId: string, events: readonly unknown[], options: AppendOptions): Promise<AppendResult>;
  /**
   * {@link append} for many loans, 200 to a transaction (a book's ingest). A loan refused (bad event,
   * conflict) is listed with its problems and the others still go in.
   */
  appendMany(items: readonly AppendItem[], options: { readonly asOf: string }): Promise<{ readonly results: readonly AppendResult[]; readonly refused: readonly { readonly loanId: string; readonly issues: readonly PostloanIssue[] }[] }>;
  /** Ids of the loans due by `toDate`: review day on or before it, not yet there. Sorted. */
  dueLoans(toDate: string): Promise<string[]>;
  /** Advances these loans to `toDate` in one transaction (state, tasks and changes); skips those already there. */
  advanceLoans(loanIds: readonly string[], toDate: string): Promise<ChunkResult>;
  /** The end of day in this process: {@link dueLoans} in chunks through {@link advanceLoans}. */
  advance(toDate: string, options?: { readonly chunkSize?: number; readonly onChunk?: (done: ChunkResult, due: number) => void }): Promise<AdvanceSummary>;
  /** The replay output of a loan from its whole stored log, to its stored date or `asOf`: what `postloan replay` prints. */
  show(loanId: string, options?: { readonly asOf?: string }): Promise<ReplayOutput>;
  tasks(query?: TaskQuery): Promise<StoredTask[]>;
  /** Change-feed rows after `sinceSeq` (0: from the start), in sequence order. */
  changes(sinceSeq?: number, limit?: number): Promise<Change[]>;
  /** The stored state of a loan (as-of date, next review day, version, pack), or undefined. */
  loan(loanId: string): Promise<StoredLoan | undefined>;
}

/** A loan's row in the store. */
export interface StoredLoan {
  readonly loanId: string;
  readonly asOf: string;
  readonly nextReviewOn: string | null;
  readonly version: number;
  readonly pack: { readonly id: string; readonly version: string; readonly hash: string };
  readonly snapshot: LoanSnapshot;
}
