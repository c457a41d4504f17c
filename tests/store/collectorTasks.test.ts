/**
 * P-CS-10 in the store: `store.tasks({ collector, dueBy })` is a collector's daily task list, answered
 * from the `assignee` column migration 2 generates from each task's body (and indexes).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { createPostgresStore, MIGRATIONS, type PostgresStore } from '../../src/store/postgres';
import { freshSchema, services } from '../support/services';
import { freshStore, newPool } from './storeFixtures';

const pack = cnDefaultPack();
const example = JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')) as { loan: { id: string } & Record<string, unknown>; events: ({ id: string; on: string } & Record<string, unknown>)[] };

/** The example loan under another id, in collection from 2026-01-11, with a collector from the 12th. */
function loanOf(id: string, collectorId: string) {
  return {
    loan: { ...example.loan, id },
    events: [...example.events.filter((e) => e.on <= '2026-01-14'), { id: 'as-1', type: 'assigned', on: '2026-01-12', collectorId }, { id: 'fb-1', type: 'collectionFeedback', on: '2026-01-12', at: '2026-01-12T11:00:00+08:00' }],
  };
}

describe.skipIf(services.missing !== null)('PostgreSQL store: a collector’s tasks', () => {
  let pool: pg.Pool;
  let store: PostgresStore;
  beforeAll(async () => {
    pool = newPool();
    store = await freshStore(pool, pack);
    for (const [id, collector] of [['L-A', 'C-7'], ['L-B', 'C-7'], ['L-C', 'C-8']] as const) {
      const h = loanOf(id, collector);
      await store.append(id, h.events, { asOf: '2026-01-14', loan: h.loan });
    }
  });
  afterAll(async () => {
    await pool.end();
  });

  it('store.tasks({ collector, dueBy }) lists that collector’s outstanding tasks due by the day, oldest first', async () => {
    const rows = await store.tasks({ collector: 'C-7', dueBy: '2026-01-14' });
    expect(rows.map((t) => [t.loanId, t.openedOn, t.status, t.assignee])).toEqual([
      ['L-A', '2026-01-13', 'breached', 'C-7'],
      ['L-B', '2026-01-13', 'breached', 'C-7'],
      ['L-A', '2026-01-14', 'open', 'C-7'],
      ['L-B', '2026-01-14', 'open', 'C-7'],
    ]);
    expect((await store.tasks({ collector: 'C-7', dueBy: '2026-01-13' })).map((t) => t.dueOn)).toEqual(['2026-01-13', '2026-01-13']);
    expect((await store.tasks({ collector: 'C-8', dueBy: '2026-01-14' })).every((t) => t.loanId === 'L-C')).toBe(true);
    expect(await store.tasks({ collector: 'C-9' })).toEqual([]);
    const done = await store.tasks({ collector: 'C-7', status: ['done'] });
    expect(done.map((t) => [t.loanId, t.closedBy])).toEqual([
      ['L-A', 'fb-1'],
      ['L-B', 'fb-1'],
    ]);
  });

  it('the nightly advance keeps the list current: the next day’s task is added, the day before breached', async () => {
    await store.advance('2026-01-15');
    const rows = await store.tasks({ collector: 'C-8', dueBy: '2026-01-15' });
    expect(rows.map((t) => [t.openedOn, t.status])).toEqual([
      ['2026-01-13', 'breached'],
      ['2026-01-14', 'breached'],
      ['2026-01-15', 'open'],
    ]);
  });

  it('the assignee column is indexed for outstanding tasks', async () => {
    const r = await pool.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'tasks_outstanding_by_assignee'`, [store.schema]);
    expect(r.rows[0]?.indexdef).toContain('(assignee, due_on)');
  });

  it('migration 2 fills the column for tasks a version-1 schema already holds', async () => {
    const schema = freshSchema('m');
    const v1 = MIGRATIONS[0];
    if (v1 === undefined) throw new Error('no migration 1');
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.query(v1.sql.replaceAll('{schema}', `"${schema}"`));
    await pool.query(`CREATE TABLE "${schema}".migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query(`INSERT INTO "${schema}".migrations (version, name) VALUES (1, $1)`, [v1.name]);
    await pool.query(`INSERT INTO "${schema}".contracts VALUES ('L-1', '{}', 'h')`);
    const body = { id: 'L-1/collectionFeedback/2026-01-12/collector', kind: 'collectionFeedback', ruleId: 'P-CS-10', party: 'collector', assignee: 'C-7', openedOn: '2026-01-12', dueOn: '2026-01-12', status: 'open' };
    await pool.query(`INSERT INTO "${schema}".tasks VALUES ('L-1', $1, 'collectionFeedback', 'collector', 'P-CS-10', 'open', '2026-01-12', '2026-01-12', NULL, $2, 'h')`, [body.id, body]);
    const upgraded = createPostgresStore(pool, { pack, schema });
    expect(await upgraded.migrate()).toMatchObject({ applied: [2], version: 2 });
    expect(await upgraded.tasks({ collector: 'C-7' })).toEqual([{ loanId: 'L-1', ...body }]);
  });
});
