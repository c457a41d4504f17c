import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { generatePortfolio } from '../../src/portfolio/generate';
import { freshSchema, services } from '../support/services';
import { canonicalEvents } from '../store/storeFixtures';
import { runCliAsync } from './run';


const STACK = /^\s+at .+:\d+:\d+/m;

describe.skipIf(services.missing !== null)('postloan db migrate, ingest, show, tasks', () => {
  const schema = freshSchema('cli');
  const db = ['--database-url', services.postgresUrl as string, '--schema', schema];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'postloan-storecli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an unmigrated schema: a clear error naming the command that fixes it, exit 1, no stack trace', async () => {
    const r = await runCliAsync('show', 'L-1', ...db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The schema "${schema}" has no postloan tables`);
    expect(r.stderr).toContain('run postloan db migrate');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('db migrate applies versions 1 and 2 once', async () => {
    const first = await runCliAsync('db', 'migrate', ...db);
    expect(first).toMatchObject({ code: 0, stdout: `Schema ${schema}: applied migration 1, 2; now at version 2\n` });
    expect((await runCliAsync('db', 'migrate', ...db)).stdout).toBe(`Schema ${schema} is up to date (version 2)\n`);
  });

  it('ingest then show prints what postloan replay prints for the history (events in the store order)', async () => {
    const history = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: unknown; events: { id: string; on: string }[] };
    const file = join(dir, 'cured.json');
    writeFileSync(file, JSON.stringify({ loan: history.loan, events: canonicalEvents(history.events) }));
    const ing = await runCliAsync('ingest', file, '--as-of', '2026-04-20', ...db);
    expect(ing.stderr).toBe('');
    expect(ing.code).toBe(0);
    expect(ing.stdout).toMatch(/^ingest: 1 loans to 2026-04-20 \(1 new,/);
    const shown = await runCliAsync('show', 'L-2026-0001', ...db);
    const replayed = await runCliAsync('replay', file, '--as-of', '2026-04-20');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(replayed.stdout);
    const again = await runCliAsync('ingest', file, '--as-of', '2026-04-20', ...db);
    expect(again.stdout).toContain('1 unchanged); 0 events written');
  });

  it('ingest of a JSONL book: bad lines are refused with file and line, the rest goes in, exit 1', async () => {
    const book = [...generatePortfolio({ seed: 3, loans: 5, asOf: '2026-06-30', years: 1 })].map((h) => JSON.stringify(h));
    book.splice(2, 0, '{"loan": {"id": "L-BAD"}, "events": []}', '{not json');
    const file = join(dir, 'book.jsonl');
    writeFileSync(file, `${book.join('\n')}\n`);
    const r = await runCliAsync('ingest', file, '--as-of', '2026-06-30', ...db);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ingest: 5 loans to 2026-06-30 \(5 new,.*; 2 refused;/);
    expect(r.stderr).toContain(`${file}:4`);
    expect(r.stderr).toContain(`${file}:3`);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('tasks lists outstanding tasks due by a date, by party', async () => {
    const r = await runCliAsync('tasks', '--on', '2026-12-31', '--party', 'borrower', '--json', ...db);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { party: string; status: string; dueOn: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((t) => t.party === 'borrower' && ['open', 'breached'].includes(t.status) && t.dueOn <= '2026-12-31')).toBe(true);
    const text = await runCliAsync('tasks', '--on', '2026-12-31', '--party', 'borrower', ...db);
    expect(text.stdout.trim().split('\n').at(-1)).toBe(`${rows.length} tasks due by 2026-12-31`);
    const cut = await runCliAsync('tasks', '--on', '2026-12-31', '--party', 'borrower', '--limit', '2', ...db);
    expect(cut.stdout.trim().split('\n').at(-1)).toBe('2 tasks due by 2026-12-31 shown; more than 2 match: narrow with --party, --kind or --collector, or raise --limit');
  });

  it('tasks --collector C --on D: the collector’s daily task list (P-CS-10), feedback due by 17:00', async () => {
    const history = JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')) as { loan: { id: string }; events: { id: string; on: string }[] };
    const events = [
      ...history.events.filter((e) => e.on <= '2026-01-15'),
      { id: 'as-1', type: 'assigned', on: '2026-01-12', collectorId: 'C-7' },
      { id: 'fb-1', type: 'collectionFeedback', on: '2026-01-12', at: '2026-01-12T16:00:00+08:00' },
      { id: 'fb-2', type: 'collectionFeedback', on: '2026-01-13', at: '2026-01-13T17:30:00+08:00' },
    ];
    const file = join(dir, 'collector.json');
    writeFileSync(file, JSON.stringify({ loan: history.loan, events: canonicalEvents(events) }));
    expect(await runCliAsync('ingest', file, '--as-of', '2026-01-15', ...db)).toMatchObject({ code: 0, stderr: '' });
    const id = (on: string) => `${history.loan.id}/collectionFeedback/${on}/collector`;
    const r = await runCliAsync('tasks', '--collector', 'C-7', '--on', '2026-01-15', '--json', ...db);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rows = JSON.parse(r.stdout) as { id: string; status: string; assignee: string; dueOn: string }[];
    // Done on 12 January, late on the 13th: outstanding are the 14th (breached) and the day's own task.
    expect(rows.map((t) => [t.id, t.status, t.assignee])).toEqual([
      [id('2026-01-14'), 'breached', 'C-7'],
      [id('2026-01-15'), 'open', 'C-7'],
    ]);
    const all = await runCliAsync('tasks', '--collector', 'C-7', '--on', '2026-01-15', '--status', 'done,late', ...db);
    expect(all.stdout).toBe(
      `2026-01-12  done      ${history.loan.id}  collectionFeedback  collector C-7  P-CS-10  ${id('2026-01-12')}\n` +
        `2026-01-13  late      ${history.loan.id}  collectionFeedback  collector C-7  P-CS-10  ${id('2026-01-13')}\n` +
        '2 tasks due by 2026-01-15\n',
    );
    const other = await runCliAsync('tasks', '--collector', 'C-8', '--on', '2026-01-15', ...db);
    expect(other.stdout).toBe('0 tasks due by 2026-01-15\n');
  });

  it('a bad database URL, a server that is not there, a bad date: clear errors, no stack trace', async () => {
    const bad = await runCliAsync('show', 'L-1', '--database-url', 'mysql://x');
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('is not a PostgreSQL URL');
    const down = await runCliAsync('show', 'L-1', '--database-url', 'postgres://postgres:secret@127.0.0.1:1/postgres');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('PostgreSQL at postgres://postgres:***@127.0.0.1:1/postgres');
    expect(down.stderr).not.toContain('secret');
    expect(down.stderr).not.toMatch(STACK);
    const none = await runCliAsync('show', 'L-1', '--database-url', '');
    expect(none.code).toBe(2);
    const date = await runCliAsync('show', 'L-2026-0001', '--as-of', '2026-02-30', ...db);
    expect(date.code).toBe(1);
    expect(date.stderr).toContain('"2026-02-30" is not a calendar date');
  });

  it('a loan stored under another pack is refused with the pack named', async () => {
    const pool = new pg.Pool({ connectionString: services.postgresUrl as string, max: 1 });
    await pool.query(`UPDATE "${schema}".loans SET pack_hash = 'sha256:other', pack_version = '0.9.0' WHERE loan_id = 'L-2026-0001'`);
    await pool.end();
    const r = await runCliAsync('show', 'L-2026-0001', ...db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was stored under pack cn-default 0.9.0 (sha256:other)');
    expect(r.stderr).not.toMatch(STACK);
  });
});
