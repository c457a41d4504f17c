import type { Pool, PoolClient } from 'pg';
import { PostloanError, unwrap } from '../../errors/PostloanError';
import type { PostloanIssue } from '../../errors/PostloanIssue';
import type { ReplayOutput, TaskOutput, TimelineEntry } from '../../engine/output';
import { replay, replayWithSnapshot, resumeReplay } from '../../engine/replay';
import { restoreSnapshot, type LoanSnapshot } from '../../engine/snapshot';
import { parseHistoryValue, type History } from '../../history/parseHistory';
import type { CompiledPack } from '../../rules/loadPack';
import { parseDay, type Day } from '../../time/day';
import { checkMigrated, migrate, type MigrateResult } from './migrations';
import { DEFAULT_SCHEMA, quotedSchema } from './schemaName';
import { jsonHash, timelineIds, type IdentifiedEntry } from './timelineIds';
import { storeText } from '../../errors/storeMessages';
import { textRefOf, withTextRef } from '../../errors/issueText';
import type { IssueText } from '../../contract/messages';

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
  readonly failed: readonly { readonly loanId: string; readonly reason: string }[];
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

const MAX_EVENTS_PER_APPEND = 100_000;
const DEFAULT_CHUNK = 500;
const BULK_BATCH = 200;

/** What one loan's write changes: computed in memory, written in bulk. */
interface LoanWrite {
  readonly loanId: string;
  readonly snapshot: LoanSnapshot;
  /** Version of the row before the write; null: no row yet. */
  readonly previousVersion: number | null;
  readonly added: readonly IdentifiedEntry[];
  readonly withdrawn: readonly IdentifiedEntry[];
  readonly tasks: readonly TaskOutput[];
  /** A full replay: every task of the loan is in `tasks`, others are withdrawn. */
  readonly allTasks: boolean;
}

/** A change-feed row as inserted. */
interface ChangeRow {
  readonly id: string;
  readonly loan_id: string;
  readonly loan_version: number;
  readonly entity: string;
  readonly entity_id: string;
  readonly op: string;
  readonly on_date: string;
  readonly body: unknown;
}

interface StoredEvent {
  readonly id: string;
  readonly on: string;
  readonly body: Record<string, unknown>;
  readonly hash: string;
}

interface LoanRow {
  loan_id: string;
  as_of: string;
  next_review_on: string | null;
  /** JSON text of the lean snapshot. */
  snapshot: string;
  version: string;
  pack_id: string;
  pack_version: string;
  pack_hash: string;
}

/** PostgreSQL text and jsonb cannot hold U+0000; JSON.stringify writes it as the escape below. */
const hasNul = (v: unknown): boolean => JSON.stringify(v).includes('\\u0000');

/** A stored snapshot's JSON text, parsed; a damaged one is reported as such, naming the loan. */
function storedSnapshot(text: string, loanId: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PostloanError([issue('input.invalid', `loans.${loanId}.snapshot`, storeText.snapshotNotJson(loanId))]);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored log's replay order: by day, then event id — the same set of events gives the same order whatever order they arrived in. */
function canonicalOrder<E extends { readonly id: string; readonly on: string }>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function issue(code: PostloanIssue['code'], path: string, t: IssueText, file?: string): PostloanIssue {
  const { hint = '', message } = t;
  return withTextRef({ code, path, message, hint, ...(file === undefined ? {} : { file }) }, textRefOf(t));
}

function checkDay(text: unknown, path: string): Day {
  const d = typeof text === 'string' ? parseDay(text) : undefined;
  if (d === undefined) throw new PostloanError([issue('date.format', path, storeText.notADate(JSON.stringify(text), '2026-04-20'))]);
  return d;
}

/** The history of a loan from its contract and raw events, in the store's replay order; throws with every problem. */
function historyOf(loan: unknown, events: readonly StoredEvent[], file: string): History {
  return unwrap(parseHistoryValue({ loan, events: canonicalOrder(events).map((e) => e.body) }, file));
}

function packMismatch(loanId: string, row: { pack_id: string; pack_version: string; pack_hash: string }, pack: CompiledPack): PostloanError {
  return new PostloanError([
    issue('store.pack', `loans.${loanId}`, storeText.packMismatch(loanId, row.pack_id, row.pack_version, row.pack_hash, pack.id, pack.version, pack.hash)),
  ]);
}

/**
 * A PostgreSQL system of record for loans around the pure engine: contracts, the append-only event log,
 * each loan's lean snapshot and next review day, its tasks and a change feed, every write one
 * transaction. `pool` is the host's `pg` Pool (postloan never opens connections of its own); call
 * `migrate()` once per schema version.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { cnDefaultPack } from 'postloan';
 * import { createPostgresStore } from 'postloan/postgres';
 *
 * const store = createPostgresStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }), { pack: cnDefaultPack() });
 * await store.migrate();
 * await store.append('L-1', [{ id: 'p1', type: 'payment', on: '2026-02-15', amount: '1000.00' }], { asOf: '2026-02-15', loan });
 * await store.advance('2026-02-16');
 * const due = await store.tasks({ dueBy: '2026-02-16', party: 'borrower' });
 * ```
 */
export function createPostgresStore(pool: Pool, options: PostgresStoreOptions): PostgresStore {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const q = quotedSchema(schema);
  const { pack } = options;
  let checked: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    checked ??= checkMigrated(pool, schema, q).catch((e: unknown) => {
      checked = undefined;
      throw e;
    });
    return checked;
  };

  /**
   * One transaction. The change rows its writes produce are inserted last, just before COMMIT, under
   * the feed lock: no row lock is ever requested while that lock is held, so a batch of appends and a
   * single append on one of its loans cannot deadlock on it.
   */
  async function inTransaction<T>(work: (c: PoolClient, feed: ChangeRow[]) => Promise<T>): Promise<T> {
    await ready();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const feed: ChangeRow[] = [];
      const result = await work(client, feed);
      if (feed.length > 0) {
        // Held to the commit: change rows get their sequence numbers in commit order, so a reader polling
        // "after seq N" never misses a row that a slower transaction commits later with a smaller number.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`postloan.changes.${schema}`]);
        await client.query(
          `INSERT INTO ${q}.changes (id, loan_id, loan_version, entity, entity_id, op, on_date, body)
           SELECT v->>'id', v->>'loan_id', (v->>'loan_version')::bigint, v->>'entity', v->>'entity_id', v->>'op', (v->>'on_date')::date, v->'body'
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(v, n)
           ORDER BY n`,
          [JSON.stringify(feed)],
        );
      }
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** Writes loan rows and tasks of one transaction, and adds their change rows to `feed` (inserted at the commit). */
  async function write(client: PoolClient, writes: readonly LoanWrite[], feed: ChangeRow[]): Promise<void> {
    if (writes.length === 0) return;
    const rows = writes.map((w) => ({
      loan_id: w.loanId,
      as_of: w.snapshot.asOf,
      next_review_on: w.snapshot.nextReviewOn,
      snapshot: JSON.stringify(w.snapshot),
      pack_id: pack.id,
      pack_version: pack.version,
      pack_hash: pack.hash,
      version: (w.previousVersion ?? 0) + 1,
      previous: w.previousVersion,
    }));
    const upserted = await client.query(
      `INSERT INTO ${q}.loans AS l (loan_id, as_of, next_review_on, snapshot, pack_id, pack_version, pack_hash, version)
       SELECT loan_id, as_of, next_review_on, snapshot, pack_id, pack_version, pack_hash, version
       FROM jsonb_to_recordset($1::jsonb) AS x(loan_id text, as_of date, next_review_on date, snapshot text, pack_id text, pack_version text, pack_hash text, version bigint, previous bigint)
       ON CONFLICT (loan_id) DO UPDATE SET as_of = excluded.as_of, next_review_on = excluded.next_review_on, snapshot = excluded.snapshot,
         pack_id = excluded.pack_id, pack_version = excluded.pack_version, pack_hash = excluded.pack_hash, version = excluded.version, updated_at = now()
       WHERE l.version = excluded.version - 1`,
      [JSON.stringify(rows)],
    );
    // The rows are locked, so this only fails on a bug; it guards the optimistic version all the same.
    if (upserted.rowCount !== rows.length) throw new Error(`version check failed: ${rows.length - (upserted.rowCount ?? 0)} of ${rows.length} loan rows changed under the write`);
    const version = new Map(rows.map((r) => [r.loan_id, r.version]));

    const taskRows = writes.flatMap((w) => w.tasks.map((t) => taskRow(w.loanId, t)));
    const changedTasks = new Set<string>();
    if (taskRows.length > 0) {
      const r = await client.query<{ loan_id: string; task_id: string }>(
        `INSERT INTO ${q}.tasks AS t (loan_id, task_id, kind, party, rule_id, status, opened_on, due_on, closed_on, body, row_hash)
         SELECT loan_id, task_id, kind, party, rule_id, status, opened_on, due_on, closed_on, body, row_hash
         FROM jsonb_to_recordset($1::jsonb) AS x(loan_id text, task_id text, kind text, party text, rule_id text, status text, opened_on date, due_on date, closed_on date, body jsonb, row_hash text)
         ON CONFLICT (loan_id, task_id) DO UPDATE SET kind = excluded.kind, party = excluded.party, rule_id = excluded.rule_id, status = excluded.status,
           opened_on = excluded.opened_on, due_on = excluded.due_on, closed_on = excluded.closed_on, body = excluded.body, row_hash = excluded.row_hash
         WHERE t.row_hash <> excluded.row_hash
         RETURNING loan_id, task_id`,
        [JSON.stringify(taskRows)],
      );
      for (const row of r.rows) changedTasks.add(`${row.loan_id}\n${row.task_id}`);
    }
    const withdrawnTasks: { loanId: string; task: TaskOutput }[] = [];
    for (const w of writes) {
      if (!w.allTasks || w.previousVersion === null) continue;
      const r = await client.query<{ body: TaskOutput }>(`DELETE FROM ${q}.tasks WHERE loan_id = $1 AND NOT (task_id = ANY($2::text[])) RETURNING body`, [
        w.loanId,
        w.tasks.map((t) => t.id),
      ]);
      for (const row of r.rows) withdrawnTasks.push({ loanId: w.loanId, task: row.body });
    }

    const changes: ChangeRow[] = [];
    for (const w of writes) {
      const v = version.get(w.loanId) as number;
      const push = (entity: 'timeline' | 'task', entityId: string, op: Change['op'], on: string, body: unknown): void => {
        changes.push({ id: `${entityId}.${op}.${w.loanId}.${v}`, loan_id: w.loanId, loan_version: v, entity, entity_id: entityId, op, on_date: on, body });
      };
      for (const e of w.withdrawn) push('timeline', e.id, 'withdrawn', e.entry.on, e.entry);
      for (const e of w.added) push('timeline', e.id, 'added', e.entry.on, e.entry);
      for (const t of w.tasks) if (changedTasks.has(`${w.loanId}\n${t.id}`)) push('task', t.id, 'changed', t.closedOn ?? t.openedOn, t);
    }
    for (const { loanId, task } of withdrawnTasks) {
      const v = version.get(loanId) as number;
      changes.push({ id: `${task.id}.withdrawn.${loanId}.${v}`, loan_id: loanId, loan_version: v, entity: 'task', entity_id: task.id, op: 'withdrawn', on_date: task.openedOn, body: task });
    }
    feed.push(...changes);
  }

  /** Validates and sorts a batch against the stored log: new events, duplicates, conflicts (all problems at once). */
  function classify(loanId: string, events: readonly unknown[], stored: ReadonlyMap<string, string>, asOf: Day): { fresh: StoredEvent[]; duplicates: number } {
    const file = `loan ${loanId}`;
    const problems: PostloanIssue[] = [];
    const fresh = new Map<string, StoredEvent>();
    let duplicates = 0;
    if (events.length > MAX_EVENTS_PER_APPEND) throw new PostloanError([issue('input.invalid', 'events', storeText.tooManyEvents(events.length, MAX_EVENTS_PER_APPEND), file)]);
    events.forEach((raw, i) => {
      const path = `events[${i}]`;
      if (!isRecord(raw) || typeof raw['id'] !== 'string' || typeof raw['on'] !== 'string') {
        problems.push(issue('input.invalid', path, storeText.eventShape(), file));
        return;
      }
      const id = raw['id'];
      if (hasNul(raw)) {
        problems.push(issue('input.invalid', path, storeText.eventNul(id), file));
        return;
      }
      const hash = jsonHash(raw);
      const known = stored.get(id) ?? fresh.get(id)?.hash;
      if (known === hash) {
        duplicates++;
        return;
      }
      if (known !== undefined) {
        problems.push(issue('store.conflict', `${path}.id`, storeText.eventConflict(id, loanId), file));
        return;
      }
      const on = parseDay(raw['on']);
      if (on !== undefined && on > asOf) {
        problems.push(issue('input.invalid', `${path}.on`, storeText.eventAfterAsOf(id, String(raw['on'])), file));
        return;
      }
      fresh.set(id, { id, on: raw['on'], body: raw, hash });
    });
    if (problems.length > 0) throw new PostloanError(problems);
    return { fresh: [...fresh.values()], duplicates };
  }

  async function appendOne(client: PoolClient, loanId: string, events: readonly unknown[], asOfText: string, loan: unknown): Promise<{ result: AppendResult; write: LoanWrite | undefined; fresh: StoredEvent[] }> {
    const asOf = checkDay(asOfText, 'asOf');
    const file = `loan ${loanId}`;
    if (loan !== undefined) {
      if (!isRecord(loan) || loan['id'] !== loanId) {
        throw new PostloanError([issue('input.invalid', 'loan.id', storeText.otherLoanId(JSON.stringify(isRecord(loan) ? loan['id'] : loan), loanId), file)]);
      }
      if (hasNul(loan)) throw new PostloanError([issue('input.invalid', 'loan', storeText.contractNul(loanId), file)]);
      await client.query(`INSERT INTO ${q}.contracts (loan_id, contract, hash) VALUES ($1, $2, $3) ON CONFLICT (loan_id) DO NOTHING`, [loanId, JSON.stringify(loan), jsonHash(loan)]);
    }
    // The contract row is the loan's lock: every writer of the loan takes it first.
    const contract = (await client.query<{ contract: unknown; hash: string }>(`SELECT contract, hash FROM ${q}.contracts WHERE loan_id = $1 FOR UPDATE`, [loanId])).rows[0];
    if (contract === undefined) throw new PostloanError([issue('input.invalid', 'loan', storeText.notIngested(loanId), file)]);
    if (loan !== undefined && contract.hash !== jsonHash(loan)) {
      throw new PostloanError([issue('store.conflict', 'loan', storeText.otherContract(loanId), file)]);
    }
    const state = (await client.query<LoanRow>(`SELECT loan_id, as_of::text, next_review_on::text, snapshot, version, pack_id, pack_version, pack_hash FROM ${q}.loans WHERE loan_id = $1 FOR UPDATE`, [loanId])).rows[0];
    if (state !== undefined && state.pack_hash !== pack.hash) throw packMismatch(loanId, state, pack);
    const ids = events.flatMap((e) => (isRecord(e) && typeof e['id'] === 'string' ? [e['id']] : []));
    const stored = new Map((await client.query<{ event_id: string; hash: string }>(`SELECT event_id, hash FROM ${q}.events WHERE loan_id = $1 AND event_id = ANY($2::text[])`, [loanId, ids])).rows.map((r) => [r.event_id, r.hash]));
    const storedAsOf = state === undefined ? undefined : checkDay(state.as_of, 'as_of');
    const target = storedAsOf !== undefined && storedAsOf > asOf ? storedAsOf : asOf;
    const { fresh, duplicates } = classify(loanId, events, stored, target);
    const base = { loanId, written: fresh.length, duplicates };
    if (state !== undefined && fresh.length === 0 && target === storedAsOf) {
      return { result: { ...base, how: 'unchanged', asOf: state.as_of, version: Number(state.version) }, write: undefined, fresh };
    }
    const previousVersion = state === undefined ? null : Number(state.version);
    const version = (previousVersion ?? 0) + 1;
    if (state !== undefined && storedAsOf !== undefined && fresh.every((e) => e.on > state.as_of)) {
      // Only later events: continue from the snapshot.
      const restored = unwrap(restoreSnapshot(storedSnapshot(state.snapshot, loanId), pack, { file }));
      const later = historyOf(contract.contract, fresh, file);
      const r = resumeReplay(restored, pack, later.events, { asOf: target, lean: true });
      const write: LoanWrite = { loanId, snapshot: r.snapshot, previousVersion, added: timelineIds(loanId, r.output.timeline), withdrawn: [], tasks: changedTasks(r.output), allTasks: false };
      return { result: { ...base, how: 'resumed', asOf: r.snapshot.asOf, version }, write, fresh };
    }
    // New loan or a back-dated event: the whole log, replayed; the entries it no longer has are withdrawn.
    const log = (await client.query<{ event_id: string; on_date: string; body: Record<string, unknown>; hash: string }>(`SELECT event_id, on_date::text, body, hash FROM ${q}.events WHERE loan_id = $1`, [loanId])).rows.map(
      (r): StoredEvent => ({ id: r.event_id, on: r.on_date, body: r.body, hash: r.hash }),
    );
    const history = historyOf(contract.contract, [...log, ...fresh], file);
    const { output, snapshot } = replayWithSnapshot(history, pack, { asOf: target, lean: true });
    const now = timelineIds(loanId, output.timeline);
    let added = now;
    let withdrawn: IdentifiedEntry[] = [];
    if (state !== undefined && storedAsOf !== undefined) {
      const before = timelineIds(loanId, replay(historyOf(contract.contract, log, file), pack, { asOf: storedAsOf }).timeline);
      const nowIds = new Set(now.map((e) => e.id));
      const beforeIds = new Set(before.map((e) => e.id));
      added = now.filter((e) => !beforeIds.has(e.id));
      withdrawn = before.filter((e) => !nowIds.has(e.id));
    }
    const write: LoanWrite = { loanId, snapshot, previousVersion, added, withdrawn, tasks: output.tasks, allTasks: true };
    return { result: { ...base, how: state === undefined ? 'created' : 'replayed', asOf: snapshot.asOf, version }, write, fresh };
  }

  async function insertEvents(client: PoolClient, loanId: string, fresh: readonly StoredEvent[]): Promise<void> {
    if (fresh.length === 0) return;
    await client.query(
      `INSERT INTO ${q}.events (loan_id, event_id, on_date, body, hash) SELECT $1, event_id, on_date, body, hash FROM jsonb_to_recordset($2::jsonb) AS x(event_id text, on_date date, body jsonb, hash text)`,
      [loanId, JSON.stringify(fresh.map((e) => ({ event_id: e.id, on_date: e.on, body: e.body, hash: e.hash })))],
    );
  }

  async function advanceLoans(loanIds: readonly string[], toDate: string): Promise<ChunkResult> {
    const to = checkDay(toDate, 'toDate');
    if (loanIds.length === 0) return { advanced: 0, skipped: 0, failed: [] };
    return inTransaction(async (client, feed) => {
      const rows = (
        await client.query<LoanRow>(
          `SELECT loan_id, as_of::text, next_review_on::text, snapshot, version, pack_id, pack_version, pack_hash FROM ${q}.loans WHERE loan_id = ANY($1::text[]) ORDER BY loan_id FOR UPDATE`,
          [loanIds],
        )
      ).rows;
      const failed: { loanId: string; reason: string }[] = [];
      const found = new Set(rows.map((r) => r.loan_id));
      for (const id of loanIds) if (!found.has(id)) failed.push({ loanId: id, reason: 'not in the store' });
      const writes: LoanWrite[] = [];
      let skipped = 0;
      for (const row of rows) {
        if (row.as_of >= toDate) {
          skipped++;
          continue;
        }
        try {
          if (row.pack_hash !== pack.hash) throw packMismatch(row.loan_id, row, pack);
          const restored = unwrap(restoreSnapshot(storedSnapshot(row.snapshot, row.loan_id), pack, { file: `loan ${row.loan_id}` }));
          const r = resumeReplay(restored, pack, [], { asOf: to, lean: true });
          writes.push({ loanId: row.loan_id, snapshot: r.snapshot, previousVersion: Number(row.version), added: timelineIds(row.loan_id, r.output.timeline), withdrawn: [], tasks: changedTasks(r.output), allTasks: false });
        } catch (e) {
          failed.push({ loanId: row.loan_id, reason: e instanceof PostloanError ? e.issues.map((i) => i.message).join('; ') : e instanceof Error ? e.message : String(e) });
        }
      }
      await write(client, writes, feed);
      return { advanced: writes.length, skipped, failed };
    });
  }

  async function dueLoans(toDate: string): Promise<string[]> {
    checkDay(toDate, 'toDate');
    await ready();
    const r = await pool.query<{ loan_id: string }>(`SELECT loan_id FROM ${q}.loans WHERE next_review_on <= $1::date AND as_of < $1::date ORDER BY loan_id COLLATE "C"`, [toDate]);
    return r.rows.map((x) => x.loan_id);
  }

  const store: PostgresStore = {
    schema,
    migrate: async () => {
      const r = await migrate(pool, schema, q);
      checked = undefined;
      return r;
    },
    append: (loanId, events, opts) =>
      inTransaction(async (client, feed) => {
        const { result, write: w, fresh } = await appendOne(client, loanId, events, opts.asOf, opts.loan);
        await insertEvents(client, loanId, fresh);
        if (w !== undefined) await write(client, [w], feed);
        return result;
      }),
    appendMany: async (items, opts) => {
      const results: AppendResult[] = [];
      const refused: { loanId: string; issues: readonly PostloanIssue[] }[] = [];
      for (let i = 0; i < items.length; i += BULK_BATCH) {
        const batch = items.slice(i, i + BULK_BATCH);
        try {
          results.push(
            ...(await inTransaction(async (client, feed) => {
              const out: AppendResult[] = [];
              // In loan-id order, so two batches touching the same loans lock them in the same order.
              for (const item of [...batch].sort((a, b) => (a.loanId < b.loanId ? -1 : a.loanId > b.loanId ? 1 : 0))) {
                const { result, write: w, fresh } = await appendOne(client, item.loanId, item.events, opts.asOf, item.loan);
                await insertEvents(client, item.loanId, fresh);
                if (w !== undefined) await write(client, [w], feed);
                out.push(result);
              }
              return out;
            })),
          );
        } catch (e) {
          if (!(e instanceof PostloanError)) throw e;
          // A loan of the batch was refused and the batch rolled back: each loan again on its own, so the
          // refusal names its loan and the others go in.
          for (const item of batch) {
            try {
              results.push(await store.append(item.loanId, item.events, { asOf: opts.asOf, ...(item.loan === undefined ? {} : { loan: item.loan }) }));
            } catch (inner) {
              if (!(inner instanceof PostloanError)) throw inner;
              refused.push({ loanId: item.loanId, issues: inner.issues });
            }
          }
        }
      }
      return { results, refused };
    },
    dueLoans,
    advanceLoans,
    advance: async (toDate, opts = {}) => {
      const due = await dueLoans(toDate);
      const size = opts.chunkSize ?? DEFAULT_CHUNK;
      let advanced = 0;
      let skipped = 0;
      const failed: { loanId: string; reason: string }[] = [];
      for (let i = 0; i < due.length; i += size) {
        const r = await advanceLoans(due.slice(i, i + size), toDate);
        advanced += r.advanced;
        skipped += r.skipped;
        failed.push(...r.failed);
        opts.onChunk?.(r, due.length);
      }
      return { due: due.length, advanced, skipped, failed };
    },
    show: async (loanId, opts = {}) => {
      await ready();
      const file = `loan ${loanId}`;
      const row = (
        await pool.query<{ contract: unknown; as_of: string | null; pack_id: string | null; pack_version: string | null; pack_hash: string | null }>(
          `SELECT c.contract, l.as_of::text, l.pack_id, l.pack_version, l.pack_hash FROM ${q}.contracts c LEFT JOIN ${q}.loans l USING (loan_id) WHERE c.loan_id = $1`,
          [loanId],
        )
      ).rows[0];
      if (row?.as_of == null) throw new PostloanError([issue('input.invalid', 'loanId', storeText.notInStore(loanId), file)]);
      if (row.pack_hash !== pack.hash) throw packMismatch(loanId, { pack_id: String(row.pack_id), pack_version: String(row.pack_version), pack_hash: String(row.pack_hash) }, pack);
      const asOf = checkDay(opts.asOf ?? row.as_of, 'asOf');
      const log = (await pool.query<{ event_id: string; on_date: string; body: Record<string, unknown>; hash: string }>(`SELECT event_id, on_date::text, body, hash FROM ${q}.events WHERE loan_id = $1`, [loanId])).rows;
      return replay(historyOf(row.contract, log.map((r) => ({ id: r.event_id, on: r.on_date, body: r.body, hash: r.hash })), file), pack, { asOf });
    },
    tasks: async (query = {}) => {
      await ready();
      if (query.dueBy !== undefined) checkDay(query.dueBy, 'dueBy');
      const r = await pool.query<{ loan_id: string; body: TaskOutput }>(
        `SELECT loan_id, body FROM ${q}.tasks
         WHERE status = ANY($1::text[]) AND ($2::date IS NULL OR due_on <= $2::date) AND ($3::text IS NULL OR party = $3) AND ($4::text IS NULL OR kind = $4)
         ORDER BY due_on, loan_id COLLATE "C", task_id COLLATE "C" LIMIT $5`,
        [query.status ?? ['open', 'breached'], query.dueBy ?? null, query.party ?? null, query.kind ?? null, query.limit ?? 10_000],
      );
      return r.rows.map((row) => ({ loanId: row.loan_id, ...row.body }));
    },
    changes: async (sinceSeq = 0, limit = 1000) => {
      await ready();
      const r = await pool.query<{ seq: string; id: string; loan_id: string; loan_version: string; entity: Change['entity']; entity_id: string; op: Change['op']; on_date: string; body: Change['body'] }>(
        `SELECT seq, id, loan_id, loan_version, entity, entity_id, op, on_date::text, body FROM ${q}.changes WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [sinceSeq, limit],
      );
      return r.rows.map((x) => ({ seq: Number(x.seq), id: x.id, loanId: x.loan_id, loanVersion: Number(x.loan_version), entity: x.entity, entityId: x.entity_id, op: x.op, on: x.on_date, body: x.body }));
    },
    loan: async (loanId) => {
      await ready();
      const row = (await pool.query<LoanRow>(`SELECT loan_id, as_of::text, next_review_on::text, snapshot, version, pack_id, pack_version, pack_hash FROM ${q}.loans WHERE loan_id = $1`, [loanId])).rows[0];
      if (row === undefined) return undefined;
      return { loanId: row.loan_id, asOf: row.as_of, nextReviewOn: row.next_review_on, version: Number(row.version), pack: { id: row.pack_id, version: row.pack_version, hash: row.pack_hash }, snapshot: storedSnapshot(row.snapshot, row.loan_id) as LoanSnapshot };
    },
  };
  return store;
}

const TASK_ENTRIES: ReadonlySet<string> = new Set(['taskOpened', 'taskDone', 'taskBreached', 'taskCancelled']);

/**
 * The tasks a resumed run may have changed: those its timeline names (opened, done, breached,
 * cancelled), or all of them when it replaced the schedule (tasks bound to instalments move with it).
 * A resumed output lists every task still owed; writing only these keeps the end of day from sending
 * dozens of unchanged task rows a loan. The round-trip property checks the table against full replays.
 */
function changedTasks(output: ReplayOutput): readonly TaskOutput[] {
  if (output.timeline.some((e) => e.kind === 'scheduleReplaced')) return output.tasks;
  const ids = new Set<string>();
  for (const e of output.timeline) if (TASK_ENTRIES.has(e.kind) && 'taskId' in e) ids.add(e.taskId);
  return ids.size === 0 ? [] : output.tasks.filter((t) => ids.has(t.id));
}

function taskRow(loanId: string, t: TaskOutput): Record<string, unknown> {
  return {
    loan_id: loanId,
    task_id: t.id,
    kind: t.kind,
    party: t.party,
    rule_id: t.ruleId,
    status: t.status,
    opened_on: t.openedOn,
    due_on: t.dueOn,
    closed_on: t.closedOn ?? null,
    body: t,
    row_hash: jsonHash(t),
  };
}
