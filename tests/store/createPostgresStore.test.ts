import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { PostloanError } from '../../src/errors/PostloanError';
import { formatIssues } from '../../src/errors/formatIssues';
import { fromPortable } from '../../src/errors/portableIssue';
import { generatePortfolio } from '../../src/portfolio/generate';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import type { PostgresStore } from '../../src/store/postgres';
import { services } from '../support/services';
import { fileReplay, freshStore, newPool } from './storeFixtures';

const pack = cnDefaultPack();
const example = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: { id: string }; events: ({ id: string; on: string } & Record<string, unknown>)[] };
const loanId = example.loan.id;

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PostloanError) return formatIssues(e.issues);
    throw e;
  }
  throw new Error('expected a PostloanError');
}

describe.skipIf(services.missing !== null)('PostgreSQL store', () => {
  let pool: pg.Pool;
  let store: PostgresStore;
  beforeAll(async () => {
    pool = newPool();
    store = await freshStore(pool, pack);
  });
  afterAll(async () => {
    await pool.end();
  });

  it('migrate is idempotent and records its version', async () => {
    expect((await store.migrate()).applied).toEqual([]);
    const r = await pool.query(`SELECT version FROM "${store.schema}".migrations`);
    expect(r.rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('show after ingest equals postloan replay of the file; later events resume; the feed has one row per timeline entry', async () => {
    const early = example.events.filter((e) => e.on <= '2026-02-28');
    const late = example.events.filter((e) => e.on > '2026-02-28');
    const first = await store.append(loanId, early, { asOf: '2026-02-28', loan: example.loan });
    expect(first).toMatchObject({ how: 'created', written: early.length, duplicates: 0, asOf: '2026-02-28', version: 1 });
    const second = await store.append(loanId, late, { asOf: '2026-04-20' });
    expect(second).toMatchObject({ how: 'resumed', written: late.length, version: 2 });
    const expected = fileReplay(example.loan, example.events, pack, '2026-04-20');
    expect(JSON.stringify(await store.show(loanId))).toBe(JSON.stringify(expected));
    const feed = (await store.changes(0, 100_000)).filter((c) => c.loanId === loanId && c.entity === 'timeline');
    expect(feed.map((c) => c.entityId)).toEqual(expected.timeline.map((e) => e.id));
    expect(feed.every((c) => c.op === 'added')).toBe(true);
    const tasks = await store.tasks({ status: ['open', 'done', 'late', 'breached', 'cancelled'] });
    expect(tasks.filter((t) => t.loanId === loanId).map(({ loanId: _, ...t }) => t).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...expected.tasks].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it('the same events again are a no-op; the same id with other content is refused and nothing is written', async () => {
    const before = await store.loan(loanId);
    const again = await store.append(loanId, example.events, { asOf: '2026-04-20' });
    expect(again).toMatchObject({ how: 'unchanged', written: 0, duplicates: example.events.length, version: before?.version });
    const changed = { ...example.events[5], amount: '1.00' };
    const text = await errorOf(store.append(loanId, [{ id: 'new-1', type: 'inspection', on: '2026-04-20', kind: 'workLog' }, changed], { asOf: '2026-04-20' }));
    expect(text).toContain(`Event ${String(changed.id)} of loan ${loanId} is already stored with other content`);
    expect((await store.loan(loanId))?.version).toBe(before?.version);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "${store.schema}".events WHERE event_id = 'new-1'`)).rows[0].n).toBe(0);
  });

  it('a back-dated event replays from the stored log and withdraws the entries it made untrue', async () => {
    const s = await freshStore(pool, pack);
    const withoutPayment = example.events.filter((e) => e.id !== 'pay-1');
    await s.append(loanId, withoutPayment, { asOf: '2026-04-20', loan: example.loan });
    const seqBefore = (await s.changes(0, 100_000)).at(-1)?.seq ?? 0;
    const payment = example.events.find((e) => e.id === 'pay-1') as Record<string, unknown>;
    const r = await s.append(loanId, [payment], { asOf: '2026-04-20' });
    expect(r.how).toBe('replayed');
    const expected = fileReplay(example.loan, example.events, pack, '2026-04-20');
    expect(JSON.stringify(await s.show(loanId))).toBe(JSON.stringify(expected));
    const after = await s.changes(seqBefore, 100_000);
    expect(after.some((c) => c.op === 'withdrawn' && c.entity === 'timeline')).toBe(true);
    expect(after.some((c) => c.op === 'added' && c.entity === 'timeline' && (c.body as { kind: string }).kind === 'paymentApplied')).toBe(true);
    const live = new Map<string, string>();
    for (const c of await s.changes(0, 100_000)) if (c.entity === 'timeline') live.set(c.entityId, c.op);
    expect([...live].filter(([, op]) => op === 'added').map(([id]) => id).sort()).toEqual(expected.timeline.map((e) => e.id).sort());
  });

  it('a reversal replays from the stored log without the reversed event; the feed withdraws its entries and adds the reversal (issue 12)', async () => {
    const s = await freshStore(pool, pack);
    const early = example.events.filter((e) => e.on <= '2026-03-27');
    await s.append(loanId, early, { asOf: '2026-03-27', loan: example.loan });
    expect((await s.show(loanId))?.state).toBe('normal');
    const seqBefore = (await s.changes(0, 100_000)).at(-1)?.seq ?? 0;
    const reversal = { id: 'rev-1', type: 'reversal', on: '2026-03-28', reverses: 'pay-2', reason: 'direct debit returned unpaid' };
    // Dated after the stored as-of date, but it takes back a stored event: not a resume.
    const r = await s.append(loanId, [reversal], { asOf: '2026-03-28' });
    expect(r).toMatchObject({ how: 'replayed', written: 1, asOf: '2026-03-28' });
    const expected = fileReplay(example.loan, [...early, reversal], pack, '2026-03-28');
    expect(JSON.stringify(await s.show(loanId))).toBe(JSON.stringify(expected));
    expect(expected.state).toBe('overdueM1');
    const after = await s.changes(seqBefore, 100_000);
    const withdrawn = after.filter((c) => c.op === 'withdrawn' && c.entity === 'timeline').map((c) => c.body as { kind: string; on: string; eventId?: string; to?: string });
    expect(withdrawn).toContainEqual(expect.objectContaining({ kind: 'paymentApplied', eventId: 'pay-2' }));
    expect(withdrawn).toContainEqual(expect.objectContaining({ kind: 'stateChanged', on: '2026-03-25', to: 'normal' }));
    expect(after.filter((c) => c.op === 'added' && c.entity === 'timeline').map((c) => (c.body as { kind: string }).kind)).toContain('eventReversed');
    const live = new Map<string, string>();
    for (const c of await s.changes(0, 100_000)) if (c.entity === 'timeline') live.set(c.entityId, c.op);
    expect([...live].filter(([, op]) => op === 'added').map(([id]) => id).sort()).toEqual(expected.timeline.map((e) => e.id).sort());
    // Refused, nothing written: a second reversal of the same event, a reversal of an unknown event.
    const version = (await s.loan(loanId))?.version;
    expect(await errorOf(s.append(loanId, [{ ...reversal, id: 'rev-2' }], { asOf: '2026-03-28' }))).toContain('Event "pay-2" is already reversed by "rev-1"');
    expect(await errorOf(s.append(loanId, [{ ...reversal, id: 'rev-3', reverses: 'pay-9' }], { asOf: '2026-03-28' }))).toContain('Reversal "rev-3" reverses event "pay-9", which is not in the history');
    expect((await s.loan(loanId))?.version).toBe(version);
  });

  it('refuses events dated after the as-of date, unknown loans and a contract that differs', async () => {
    expect(await errorOf(store.append(loanId, [{ id: 'future', type: 'inspection', on: '2026-05-01', kind: 'workLog' }], { asOf: '2026-04-20' }))).toContain('after the as-of date');
    expect(await errorOf(store.append('L-NOPE', [], { asOf: '2026-04-20' }))).toContain('Loan L-NOPE is not in the store');
    expect(await errorOf(store.append(loanId, [], { asOf: '2026-04-20', loan: { ...example.loan, principal: '1.00' } }))).toContain('stored with another contract');
  });

  it('tasks answers "outstanding tasks due by D for a party" from the index', async () => {
    const due = await store.tasks({ dueBy: '2026-12-31', party: 'borrower' });
    expect(due.every((t) => t.party === 'borrower' && (t.status === 'open' || t.status === 'breached') && t.dueOn <= '2026-12-31')).toBe(true);
    const plan = await pool.query(`EXPLAIN SELECT * FROM "${store.schema}".tasks WHERE status IN ('open', 'breached') AND party = 'borrower' AND due_on <= '2026-12-31'`);
    // Migration 2 rewrites the (empty) table, so the planner may prefer the other partial index of outstanding tasks.
    expect(JSON.stringify(plan.rows)).toMatch(/tasks_outstanding_by_(party|due)|Seq Scan/);
  });
});

describe.skipIf(services.missing !== null)('end-of-day chunks in the store', () => {
  it('a chunk run twice applies once: the second run skips every loan and writes nothing', async () => {
    const pool = newPool(2);
    const s = await freshStore(pool, pack);
    await s.append(loanId, example.events, { asOf: '2026-04-20', loan: example.loan });
    const due = await s.dueLoans('2026-06-30');
    expect(due).toEqual([loanId]);
    const v = (await s.loan(loanId))?.version as number;
    expect(await s.advanceLoans(due, '2026-06-30')).toEqual({ advanced: 1, skipped: 0, failed: [] });
    const feed = (await s.changes(0, 100_000)).length;
    expect(await s.advanceLoans(due, '2026-06-30')).toEqual({ advanced: 0, skipped: 1, failed: [] });
    expect((await s.loan(loanId))?.version).toBe(v + 1);
    expect((await s.changes(0, 100_000)).length).toBe(feed);
    expect(JSON.stringify(await s.show(loanId))).toBe(JSON.stringify(fileReplay(example.loan, example.events, pack, '2026-06-30')));
    const missing = await s.advanceLoans(['L-MISSING'], '2026-06-30');
    expect(missing).toMatchObject({ advanced: 0, skipped: 0, failed: [{ loanId: 'L-MISSING', reason: 'Loan L-MISSING is not in the store' }] });
    // As a worker's result comes back from Redis: JSON, its issues still in the reader's language.
    const read = JSON.parse(JSON.stringify(missing)) as typeof missing;
    expect(formatIssues((read.failed[0]?.issues ?? []).map(fromPortable), undefined, 'zh-CN')).toContain('库中没有贷款 L-MISSING');
    await pool.end();
  });
});

describe.skipIf(services.missing !== null)('snapshot text in the store (issue 14, decision 405)', () => {
  it('a row is the text made at sealing; the end of day restores it from the text, and a damaged or edited row fails as before', async () => {
    const pool = newPool(2);
    const s = await freshStore(pool, pack);
    await s.append(loanId, example.events, { asOf: '2026-04-20', loan: example.loan });
    const q = `"${s.schema}".loans`;
    const text = async (): Promise<string> => ((await pool.query<{ snapshot: string }>(`SELECT snapshot FROM ${q} WHERE loan_id = $1`, [loanId])).rows[0] as { snapshot: string }).snapshot;
    const row = await text();
    // JSON.stringify of the snapshot, its checksum right after asOf (where restoreSnapshotText reads it).
    expect(row).toBe(JSON.stringify(JSON.parse(row)));
    expect(row).toMatch(/^\{"asOf":"2026-04-20","checksum":"sha256:[0-9a-f]{64}",/);
    await pool.query(`UPDATE ${q} SET snapshot = $2 WHERE loan_id = $1`, [loanId, row.slice(0, -1)]);
    expect((await s.advanceLoans([loanId], '2026-06-30')).failed.map((f) => f.reason)).toEqual([`The stored snapshot of loan ${loanId} is not valid JSON`]);
    await pool.query(`UPDATE ${q} SET snapshot = $2 WHERE loan_id = $1`, [loanId, row.replace('"overpaid":0', '"overpaid":1')]);
    expect((await s.advanceLoans([loanId], '2026-06-30')).failed.map((f) => f.reason)).toEqual(['The snapshot was modified: its content does not match its checksum']);
    await pool.query(`UPDATE ${q} SET snapshot = $2 WHERE loan_id = $1`, [loanId, row]);
    expect(await s.advanceLoans([loanId], '2026-06-30')).toEqual({ advanced: 1, skipped: 0, failed: [] });
    expect(JSON.stringify(await s.show(loanId))).toBe(JSON.stringify(fileReplay(example.loan, example.events, pack, '2026-06-30')));
    await pool.end();
  });
});

describe.skipIf(services.missing !== null)('a batch of appends next to single appends', () => {
  it('does not deadlock: the feed lock is taken last, after every row lock (regression)', async () => {
    const pool = newPool(6);
    const s = await freshStore(pool, pack);
    const book = [...generatePortfolio({ seed: 11, loans: 30, asOf: '2026-06-30', years: 1 })];
    const ids = book.map((h) => h.loan.id);
    await s.appendMany(book.map((h) => ({ loanId: h.loan.id, loan: h.loan, events: [] })), { asOf: '2026-06-30' });
    for (let round = 0; round < 4; round++) {
      const on = `2026-07-0${round + 1}`;
      const batch = s.appendMany(ids.map((loanId) => ({ loanId, events: [{ id: `b${round}`, type: 'inspection', on, kind: 'workLog' }] })), { asOf: on });
      const singles = [...ids].reverse().map((loanId) => s.append(loanId, [{ id: `s${round}`, type: 'inspection', on, kind: 'callback' }], { asOf: on }));
      const [many] = await Promise.all([batch, ...singles]);
      expect(many.refused).toEqual([]);
    }
    const n = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${s.schema}".events`);
    expect(n.rows[0]?.n).toBe(30 * 8);
    await pool.end();
  });
});
