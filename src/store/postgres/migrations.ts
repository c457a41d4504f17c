import type { Pool } from 'pg';
import { PostloanError } from '../../errors/PostloanError';
import { storeText } from '../../errors/storeMessages';
import { issueFrom } from '../../errors/issueText';

/** One schema change: applied once, in order, in the transaction of {@link migrate}. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL with `{schema}` standing for the quoted schema name. */
  readonly sql: string;
}

/**
 * The store's schema, version by version. Never edit an applied migration: add the next one.
 *
 * - `contracts`: each loan's contract in the history-file form, with its content hash.
 * - `events`: the append-only event log, one row per (loan, event id), with the canonical content hash.
 * - `loans`: each loan's current state — lean snapshot (JSON text: the engine's keys may hold characters
 *   jsonb refuses), as-of date, next review day (indexed: the end of
 *   day reads only the loans due), pack id/version/hash, and a version bumped by every write.
 * - `tasks`: one row per task id; partial indexes answer "outstanding tasks due by D for a party / kind".
 * - `changes`: the outbox — one row per timeline entry added or withdrawn and per task change, with a
 *   stable id and a sequence that grows in commit order.
 * - Version 2: `tasks.assignee`, the collector a task is given to (P-CS-10), generated from the task's
 *   body so no writer has to fill it; a partial index answers "a collector's outstanding tasks due by D".
 *
 * @example
 * ```ts
 * MIGRATIONS.map((m) => `${m.version} ${m.name}`); // what store.migrate() applies, in order
 * ```
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'loan store: contracts, event log, loan state, tasks, change feed',
    sql: `
CREATE TABLE {schema}.contracts (
  loan_id text PRIMARY KEY,
  contract jsonb NOT NULL,
  hash text NOT NULL
);
CREATE TABLE {schema}.events (
  loan_id text NOT NULL REFERENCES {schema}.contracts (loan_id),
  event_id text NOT NULL,
  on_date date NOT NULL,
  body jsonb NOT NULL,
  hash text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (loan_id, event_id)
);
CREATE TABLE {schema}.loans (
  loan_id text PRIMARY KEY REFERENCES {schema}.contracts (loan_id),
  as_of date NOT NULL,
  next_review_on date,
  snapshot text NOT NULL,
  pack_id text NOT NULL,
  pack_version text NOT NULL,
  pack_hash text NOT NULL,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX loans_next_review_on ON {schema}.loans (next_review_on) WHERE next_review_on IS NOT NULL;
CREATE TABLE {schema}.tasks (
  loan_id text NOT NULL REFERENCES {schema}.contracts (loan_id),
  task_id text NOT NULL,
  kind text NOT NULL,
  party text NOT NULL,
  rule_id text NOT NULL,
  status text NOT NULL,
  opened_on date NOT NULL,
  due_on date NOT NULL,
  closed_on date,
  body jsonb NOT NULL,
  row_hash text NOT NULL,
  PRIMARY KEY (loan_id, task_id)
);
CREATE INDEX tasks_outstanding_by_party ON {schema}.tasks (party, due_on) WHERE status IN ('open', 'breached');
CREATE INDEX tasks_outstanding_by_kind ON {schema}.tasks (kind, due_on) WHERE status IN ('open', 'breached');
CREATE INDEX tasks_outstanding_by_due ON {schema}.tasks (due_on) WHERE status IN ('open', 'breached');
CREATE TABLE {schema}.changes (
  seq bigserial PRIMARY KEY,
  -- Unique by construction (entity, op, loan, loan version): no index of its own, the feed is the store's biggest table.
  id text NOT NULL,
  loan_id text NOT NULL,
  loan_version bigint NOT NULL,
  entity text NOT NULL CHECK (entity IN ('timeline', 'task')),
  entity_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('added', 'withdrawn', 'changed')),
  on_date date NOT NULL,
  body jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 2,
    name: "tasks: the collector a task is assigned to (P-CS-10), indexed for a collector's daily list",
    sql: `
ALTER TABLE {schema}.tasks ADD COLUMN assignee text GENERATED ALWAYS AS (body ->> 'assignee') STORED;
CREATE INDEX tasks_outstanding_by_assignee ON {schema}.tasks (assignee, due_on) WHERE status IN ('open', 'breached') AND assignee IS NOT NULL;
`,
  },
];

/**
 * The schema version this postloan writes and reads.
 *
 * @example
 * ```ts
 * (await store.migrate()).version === SCHEMA_VERSION; // true
 * ```
 */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** What {@link migrate} did. */
export interface MigrateResult {
  readonly schema: string;
  /** Versions applied now, in order (empty: it was up to date). */
  readonly applied: readonly number[];
  readonly version: number;
}

/**
 * Brings the schema up to {@link SCHEMA_VERSION}: one transaction under an advisory lock (two hosts
 * migrating at once wait for each other; a failure leaves the schema as it was), the applied versions
 * recorded in `<schema>.migrations`.
 */
export async function migrate(pool: Pool, schema: string, quoted: string): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`postloan.migrate.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${quoted}.migrations`)).rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) throw newerSchema(schema, newest);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql.replaceAll('{schema}', quoted));
      await client.query(`INSERT INTO ${quoted}.migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return { schema, applied, version: SCHEMA_VERSION };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function newerSchema(schema: string, version: number): PostloanError {
  return new PostloanError([
    issueFrom({ code: 'store.schema', path: schema }, storeText.newerSchema(schema, version, SCHEMA_VERSION)),
  ]);
}

/**
 * Refuses to work on a schema that is missing or not at {@link SCHEMA_VERSION}, with the command that fixes it.
 */
export async function checkMigrated(pool: Pool, schema: string, quoted: string): Promise<void> {
  const r = await pool.query<{ version: number | null; present: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS present, CASE WHEN to_regclass($1) IS NULL THEN NULL END AS version`,
    [`${quoted}.migrations`],
  );
  let version = 0;
  if (r.rows[0]?.present === true) version = (await pool.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${quoted}.migrations`)).rows[0]?.v ?? 0;
  if (version > SCHEMA_VERSION) throw newerSchema(schema, version);
  if (version < SCHEMA_VERSION) {
    throw new PostloanError([
      issueFrom({ code: 'store.schema', path: schema }, storeText.notMigrated(schema, version, SCHEMA_VERSION)),
    ]);
  }
}
