import type { Pool, PoolClient } from 'pg';
import { PostloanError, unwrap } from '../../errors/PostloanError';
import type { PostloanIssue } from '../../errors/PostloanIssue';
import type { ReplayOutput, TaskOutput } from '../../engine/output';
import { replay, replayWithSnapshot, resumeReplay } from '../../engine/replay';
import { restoreSnapshotText, type LoanSnapshot, type RestoredSnapshot } from '../../engine/snapshot';
import { snapshotText } from '../../engine/snapshotText';
import { parseHistoryValue, type History } from '../../history/parseHistory';
import type { CompiledPack } from '../../rules/loadPack';
import { parseDay, type Day } from '../../time/day';
import { checkMigrated, migrate } from './migrations';
import { useNodeSha256 } from '../../node/useNodeSha256';
import { DEFAULT_SCHEMA, quotedSchema } from './schemaName';
import { jsonHash, timelineIds, type IdentifiedEntry } from './timelineIds';
import { storeText } from '../../errors/storeMessages';
import { toJsonPortable } from '../../errors/portableIssue';
import { textRefOf, withTextRef } from '../../errors/issueText';
import type { IssueText } from '../../contract/messages';

import type { AppendItem, AppendResult, Change, ChunkResult, FailedLoan, PostgresStore, PostgresStoreOptions } from './storeTypes';

export type { AdvanceSummary, AppendItem, AppendOptions, AppendResult, Change, ChunkResult, FailedLoan, PostgresStore, PostgresStoreOptions, StoredLoan, StoredTask, TaskQuery } from './storeTypes';

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

/** A damaged stored snapshot, named by its loan. */
const notJson = (loanId: string): PostloanError => new PostloanError([issue('input.invalid', `loans.${loanId}.snapshot`, storeText.snapshotNotJson(loanId))]);

/** A stored snapshot's JSON text, parsed; a damaged one is reported as such, naming the loan. */
function storedSnapshot(text: string, loanId: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw notJson(loanId);
  }
}

/**
 * A stored snapshot's JSON text, restored trusted (a row this store wrote) from the text itself
 * (`restoreSnapshotText`: the checksum checked on the stored bytes, nothing stringified again); a
 * damaged one is reported as such, naming the loan, as `storedSnapshot` reports it.
 */
function restoreStored(text: string, loanId: string, pack: CompiledPack, file: string): RestoredSnapshot {
  const restored = restoreSnapshotText(text, pack, { file, trusted: true });
  if (!restored.ok && restored.issues.some((i) => i.code.startsWith('json.'))) throw notJson(loanId);
  return unwrap(restored);
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

/**
 * A loan of a chunk that failed: its issues when the failure is one (in JSON form, so the reader of the
 * job's result can print them in its language), the error's own words otherwise.
 */
function failedLoan(loanId: string, e: unknown): FailedLoan {
  if (e instanceof PostloanError) return { loanId, reason: e.issues.map((i) => i.message).join('; '), issues: e.issues.map(toJsonPortable) };
  return { loanId, reason: e instanceof Error ? e.message : String(e) };
}

function packMismatch(loanId: string, row: { pack_id: string; pack_version: string; pack_hash: string }, pack: CompiledPack): PostloanError {
  return new PostloanError([
    issue('store.pack', `loans.${loanId}`, storeText.packMismatch(loanId, row.pack_id, row.pack_version, row.pack_hash, pack.id, pack.version, pack.hash)),
  ]);
}

/**
 * The statement that opens a write transaction: with lz4 for the values it TOASTs when the server has it.
 * A due loan's snapshot (≈ 9 KB of JSON text) is rewritten every night; compressing it with the default
 * pglz cost the server more than the rest of the write (measured: ≈ 3× the time of lz4 for the same
 * update). A transaction-local setting, not a column option: no schema change, stores migrated before
 * keep working, and a server without lz4 (or older than PostgreSQL 14) keeps pglz.
 */
async function beginStatement(pool: Pool): Promise<string> {
  const r = await pool.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
  return r.rows[0]?.lz4 === true ? 'BEGIN; SET LOCAL default_toast_compression = lz4' : 'BEGIN';
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
  // The store runs in Node: its replays hash ids and checksums natively (the same digests, faster).
  useNodeSha256();
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const q = quotedSchema(schema);
  const { pack } = options;
  let checked: Promise<void> | undefined;
  let begin = 'BEGIN';
  const ready = (): Promise<void> => {
    checked ??= checkMigrated(pool, schema, q).then(async () => {
      begin = await beginStatement(pool);
    }).catch((e: unknown) => {
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
      await client.query(begin);
      const feed: ChangeRow[] = [];
      const result = await work(client, feed);
      if (feed.length > 0) {
        // Held to the commit: change rows get their sequence numbers in commit order, so a reader polling
        // "after seq N" never misses a row that a slower transaction commits later with a smaller number.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`postloan.changes.${schema}`]);
        const column = <T,>(f: (r: ChangeRow) => T): T[] => feed.map(f);
        await client.query(
          `INSERT INTO ${q}.changes (id, loan_id, loan_version, entity, entity_id, op, on_date, body)
           SELECT id, loan_id, loan_version, entity, entity_id, op, on_date, body::jsonb
           FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[]) WITH ORDINALITY AS x(id, loan_id, loan_version, entity, entity_id, op, on_date, body, n)
           ORDER BY n`,
          [column((c) => c.id), column((c) => c.loan_id), column((c) => c.loan_version), column((c) => c.entity), column((c) => c.entity_id), column((c) => c.op), column((c) => c.on_date), column((c) => JSON.stringify(c.body))],
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
    const rows = writes.map((w) => ({ loan_id: w.loanId, snapshot: w.snapshot, version: (w.previousVersion ?? 0) + 1 }));
    // Column arrays, not one JSON document: the snapshot text goes to the server once, unescaped by
    // nothing but the array syntax, and no jsonb of the whole chunk is built to be taken apart again.
    const upserted = await client.query(
      `INSERT INTO ${q}.loans AS l (loan_id, as_of, next_review_on, snapshot, pack_id, pack_version, pack_hash, version)
       SELECT loan_id, as_of, next_review_on, snapshot, $5, $6, $7, version
       FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $8::bigint[]) AS x(loan_id, as_of, next_review_on, snapshot, version)
       ON CONFLICT (loan_id) DO UPDATE SET as_of = excluded.as_of, next_review_on = excluded.next_review_on, snapshot = excluded.snapshot,
         pack_id = excluded.pack_id, pack_version = excluded.pack_version, pack_hash = excluded.pack_hash, version = excluded.version, updated_at = now()
       WHERE l.version = excluded.version - 1`,
      [rows.map((r) => r.loan_id), rows.map((r) => r.snapshot.asOf), rows.map((r) => r.snapshot.nextReviewOn), rows.map((r) => snapshotText(r.snapshot)), pack.id, pack.version, pack.hash, rows.map((r) => r.version)],
    );
    // The rows are locked, so this only fails on a bug; it guards the optimistic version all the same.
    if (upserted.rowCount !== rows.length) throw new Error(`version check failed: ${rows.length - (upserted.rowCount ?? 0)} of ${rows.length} loan rows changed under the write`);
    const version = new Map(rows.map((r) => [r.loan_id, r.version]));

    const taskRows = writes.flatMap((w) => w.tasks.map((t) => ({ loanId: w.loanId, t })));
    const changedTasks = new Set<string>();
    if (taskRows.length > 0) {
      const column = <T,>(f: (r: { loanId: string; t: TaskOutput }) => T): T[] => taskRows.map(f);
      const r = await client.query<{ loan_id: string; task_id: string }>(
        `INSERT INTO ${q}.tasks AS t (loan_id, task_id, kind, party, rule_id, status, opened_on, due_on, closed_on, body, row_hash)
         SELECT loan_id, task_id, kind, party, rule_id, status, opened_on, due_on, closed_on, body::jsonb, row_hash
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::date[], $10::text[], $11::text[])
           AS x(loan_id, task_id, kind, party, rule_id, status, opened_on, due_on, closed_on, body, row_hash)
         ON CONFLICT (loan_id, task_id) DO UPDATE SET kind = excluded.kind, party = excluded.party, rule_id = excluded.rule_id, status = excluded.status,
           opened_on = excluded.opened_on, due_on = excluded.due_on, closed_on = excluded.closed_on, body = excluded.body, row_hash = excluded.row_hash
         WHERE t.row_hash <> excluded.row_hash
         RETURNING loan_id, task_id`,
        [
          column((x) => x.loanId),
          column((x) => x.t.id),
          column((x) => x.t.kind),
          column((x) => x.t.party),
          column((x) => x.t.ruleId),
          column((x) => x.t.status),
          column((x) => x.t.openedOn),
          column((x) => x.t.dueOn),
          column((x) => x.t.closedOn ?? null),
          column((x) => JSON.stringify(x.t)),
          column((x) => jsonHash(x.t)),
        ],
      );
      for (const row of r.rows) changedTasks.add(`${row.loan_id}\n${row.task_id}`);
    }
    // Replayed loans: their tasks the replay no longer has are withdrawn, for all of them in one statement.
    const replayed = writes.filter((w) => w.allTasks && w.previousVersion !== null);
    const withdrawnTasks: { loanId: string; task: TaskOutput }[] = [];
    if (replayed.length > 0) {
      const kept = replayed.flatMap((w) => w.tasks.map((t) => [w.loanId, t.id] as const));
      const r = await client.query<{ loan_id: string; task_id: string; body: TaskOutput }>(
        `DELETE FROM ${q}.tasks t WHERE t.loan_id = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS k(loan_id, task_id) WHERE k.loan_id = t.loan_id AND k.task_id = t.task_id)
         RETURNING t.loan_id, t.task_id, t.body`,
        [replayed.map((w) => w.loanId), kept.map((k) => k[0]), kept.map((k) => k[1])],
      );
      const order = new Map(replayed.map((w, i) => [w.loanId, i]));
      const rows = [...r.rows].sort((a, b) => (order.get(a.loan_id) ?? 0) - (order.get(b.loan_id) ?? 0) || (a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0));
      for (const row of rows) withdrawnTasks.push({ loanId: row.loan_id, task: row.body });
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

  /**
   * Appends to a batch of loans in the open transaction, with a fixed number of statements whatever the
   * batch's size: the contracts new to the store, then every contract row and loan row of the batch locked
   * in one statement each (in loan-id order, as {@link advanceLoans} locks them), the stored events of the
   * same ids, the logs of the loans to replay, and the writes. The engine runs between the reads and the
   * writes. A loan id listed twice goes through one item at a time (the second sees the first's events).
   * Throws the first loan's problems; the caller then retries the loans one by one.
   */
  async function appendBatch(client: PoolClient, items: readonly AppendItem[], asOfText: string, feed: ChangeRow[]): Promise<AppendResult[]> {
    const asOf = checkDay(asOfText, 'asOf');
    const sorted = [...items].sort((a, b) => (a.loanId < b.loanId ? -1 : a.loanId > b.loanId ? 1 : 0));
    if (sorted.some((item, i) => i > 0 && sorted[i - 1]?.loanId === item.loanId)) {
      const out: AppendResult[] = [];
      for (const item of sorted) out.push(...(await appendBatch(client, [item], asOfText, feed)));
      return out;
    }
    const ids = sorted.map((item) => item.loanId);
    const newContracts: { loanId: string; text: string; hash: string }[] = [];
    for (const { loanId, loan } of sorted) {
      if (loan === undefined) continue;
      const file = `loan ${loanId}`;
      if (!isRecord(loan) || loan['id'] !== loanId) {
        throw new PostloanError([issue('input.invalid', 'loan.id', storeText.otherLoanId(JSON.stringify(isRecord(loan) ? loan['id'] : loan), loanId), file)]);
      }
      if (hasNul(loan)) throw new PostloanError([issue('input.invalid', 'loan', storeText.contractNul(loanId), file)]);
      newContracts.push({ loanId, text: JSON.stringify(loan), hash: jsonHash(loan) });
    }
    if (newContracts.length > 0) {
      await client.query(`INSERT INTO ${q}.contracts (loan_id, contract, hash) SELECT loan_id, contract::jsonb, hash FROM unnest($1::text[], $2::text[], $3::text[]) AS x(loan_id, contract, hash) ON CONFLICT (loan_id) DO NOTHING`, [
        newContracts.map((c) => c.loanId),
        newContracts.map((c) => c.text),
        newContracts.map((c) => c.hash),
      ]);
    }
    // The contract row is the loan's lock: every writer of the loan takes it first.
    const contracts = new Map(
      (await client.query<{ loan_id: string; contract: unknown; hash: string }>(`SELECT loan_id, contract, hash FROM ${q}.contracts WHERE loan_id = ANY($1::text[]) ORDER BY loan_id FOR UPDATE`, [ids])).rows.map((r) => [r.loan_id, r]),
    );
    const states = new Map(
      (await client.query<LoanRow>(`SELECT loan_id, as_of::text, next_review_on::text, snapshot, version, pack_id, pack_version, pack_hash FROM ${q}.loans WHERE loan_id = ANY($1::text[]) ORDER BY loan_id FOR UPDATE`, [ids])).rows.map((r) => [r.loan_id, r]),
    );
    const asked = sorted.flatMap((item) => item.events.flatMap((e) => (isRecord(e) && typeof e['id'] === 'string' ? [[item.loanId, e['id']] as const] : [])));
    const storedHashes = new Map<string, Map<string, string>>();
    if (asked.length > 0) {
      const r = await client.query<{ loan_id: string; event_id: string; hash: string }>(
        `SELECT e.loan_id, e.event_id, e.hash FROM ${q}.events e JOIN unnest($1::text[], $2::text[]) AS x(loan_id, event_id) ON e.loan_id = x.loan_id AND e.event_id = x.event_id`,
        [asked.map((a) => a[0]), asked.map((a) => a[1])],
      );
      for (const row of r.rows) {
        const m = storedHashes.get(row.loan_id) ?? new Map<string, string>();
        m.set(row.event_id, row.hash);
        storedHashes.set(row.loan_id, m);
      }
    }

    const plans = sorted.map((item) => {
      const file = `loan ${item.loanId}`;
      const contract = contracts.get(item.loanId);
      if (contract === undefined) throw new PostloanError([issue('input.invalid', 'loan', storeText.notIngested(item.loanId), file)]);
      if (item.loan !== undefined && contract.hash !== jsonHash(item.loan)) {
        throw new PostloanError([issue('store.conflict', 'loan', storeText.otherContract(item.loanId), file)]);
      }
      const state = states.get(item.loanId);
      if (state !== undefined && state.pack_hash !== pack.hash) throw packMismatch(item.loanId, state, pack);
      const storedAsOf = state === undefined ? undefined : checkDay(state.as_of, 'as_of');
      const target = storedAsOf !== undefined && storedAsOf > asOf ? storedAsOf : asOf;
      const { fresh, duplicates } = classify(item.loanId, item.events, storedHashes.get(item.loanId) ?? new Map(), target);
      const how: AppendResult['how'] =
        state === undefined ? 'created' : fresh.length === 0 && target === storedAsOf ? 'unchanged' : fresh.every((e) => e.on > state.as_of && e.body['type'] !== 'reversal') ? 'resumed' : 'replayed';
      return { item, file, contract: contract.contract, state, storedAsOf, target, fresh, duplicates, how };
    });
    // New loans and back-dated events: the whole stored log, for those loans only, in one read.
    const toReplay = plans.filter((p) => p.how === 'created' || p.how === 'replayed').map((p) => p.item.loanId);
    const logs = new Map<string, StoredEvent[]>();
    if (toReplay.length > 0) {
      const r = await client.query<{ loan_id: string; event_id: string; on_date: string; body: Record<string, unknown>; hash: string }>(
        `SELECT loan_id, event_id, on_date::text, body, hash FROM ${q}.events WHERE loan_id = ANY($1::text[])`,
        [toReplay],
      );
      for (const row of r.rows) logs.set(row.loan_id, [...(logs.get(row.loan_id) ?? []), { id: row.event_id, on: row.on_date, body: row.body, hash: row.hash }]);
    }

    const results: AppendResult[] = [];
    const writes: LoanWrite[] = [];
    for (const p of plans) {
      const { loanId } = p.item;
      const base = { loanId, written: p.fresh.length, duplicates: p.duplicates };
      const previousVersion = p.state === undefined ? null : Number(p.state.version);
      const version = (previousVersion ?? 0) + 1;
      if (p.how === 'unchanged' && p.state !== undefined) {
        results.push({ ...base, how: 'unchanged', asOf: p.state.as_of, version: Number(p.state.version) });
        continue;
      }
      if (p.how === 'resumed' && p.state !== undefined) {
        // Only later events, none a reversal (which may take back a stored event): continue from the snapshot.
        const restored = restoreStored(p.state.snapshot, loanId, pack, p.file);
        const later = historyOf(p.contract, p.fresh, p.file);
        const r = resumeReplay(restored, pack, later.events, { asOf: p.target, lean: true });
        writes.push({ loanId, snapshot: r.snapshot, previousVersion, added: timelineIds(r.output.timeline), withdrawn: [], tasks: changedTasks(r.output), allTasks: false });
        results.push({ ...base, how: 'resumed', asOf: r.snapshot.asOf, version });
        continue;
      }
      // The whole log, replayed; for a loan already stored, the entries it no longer has are withdrawn.
      const log = logs.get(loanId) ?? [];
      const history = historyOf(p.contract, [...log, ...p.fresh], p.file);
      const { output, snapshot } = replayWithSnapshot(history, pack, { asOf: p.target, lean: true });
      const now = timelineIds(output.timeline);
      let added = now;
      let withdrawn: IdentifiedEntry[] = [];
      if (p.state !== undefined && p.storedAsOf !== undefined) {
        const before = timelineIds(replay(historyOf(p.contract, log, p.file), pack, { asOf: p.storedAsOf }).timeline);
        const nowIds = new Set(now.map((e) => e.id));
        const beforeIds = new Set(before.map((e) => e.id));
        added = now.filter((e) => !beforeIds.has(e.id));
        withdrawn = before.filter((e) => !nowIds.has(e.id));
      }
      writes.push({ loanId, snapshot, previousVersion, added, withdrawn, tasks: output.tasks, allTasks: true });
      results.push({ ...base, how: p.how, asOf: snapshot.asOf, version });
    }
    const fresh = plans.flatMap((p) => p.fresh.map((e) => ({ loanId: p.item.loanId, e })));
    if (fresh.length > 0) {
      await client.query(
        `INSERT INTO ${q}.events (loan_id, event_id, on_date, body, hash) SELECT loan_id, event_id, on_date, body::jsonb, hash FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[]) AS x(loan_id, event_id, on_date, body, hash)`,
        [fresh.map((f) => f.loanId), fresh.map((f) => f.e.id), fresh.map((f) => f.e.on), fresh.map((f) => JSON.stringify(f.e.body)), fresh.map((f) => f.e.hash)],
      );
    }
    await write(client, writes, feed);
    return results;
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
      const failed: FailedLoan[] = [];
      const found = new Set(rows.map((r) => r.loan_id));
      for (const id of loanIds) if (!found.has(id)) failed.push(failedLoan(id, new PostloanError([issue('input.invalid', 'loanIds', storeText.notInStore(id))])));
      const writes: LoanWrite[] = [];
      let skipped = 0;
      for (const row of rows) {
        if (row.as_of >= toDate) {
          skipped++;
          continue;
        }
        try {
          if (row.pack_hash !== pack.hash) throw packMismatch(row.loan_id, row, pack);
          const restored = restoreStored(row.snapshot, row.loan_id, pack, `loan ${row.loan_id}`);
          const r = resumeReplay(restored, pack, [], { asOf: to, lean: true });
          writes.push({ loanId: row.loan_id, snapshot: r.snapshot, previousVersion: Number(row.version), added: timelineIds(r.output.timeline), withdrawn: [], tasks: changedTasks(r.output), allTasks: false });
        } catch (e) {
          failed.push(failedLoan(row.loan_id, e));
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
    append: async (loanId, events, opts) => {
      const results = await inTransaction((client, feed) => appendBatch(client, [{ loanId, events, ...(opts.loan === undefined ? {} : { loan: opts.loan }) }], opts.asOf, feed));
      return results[0] as AppendResult;
    },
    appendMany: async (items, opts) => {
      const results: AppendResult[] = [];
      const refused: { loanId: string; issues: readonly PostloanIssue[] }[] = [];
      for (let i = 0; i < items.length; i += BULK_BATCH) {
        const batch = items.slice(i, i + BULK_BATCH);
        try {
          results.push(...(await inTransaction((client, feed) => appendBatch(client, batch, opts.asOf, feed))));
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
      const failed: FailedLoan[] = [];
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
           AND ($6::text IS NULL OR assignee = $6)
         ORDER BY due_on, loan_id COLLATE "C", task_id COLLATE "C" LIMIT $5`,
        [query.status ?? ['open', 'breached'], query.dueBy ?? null, query.party ?? null, query.kind ?? null, query.limit ?? 10_000, query.collector ?? null],
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
