import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePortfolio } from '../../src/portfolio/generate';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { createPostgresStore, type PostgresStore } from '../../src/store/postgres';
import { freshSchema, services } from '../support/services';
import { freshStore, newPool } from './storeFixtures';

const pack = cnDefaultPack();
const AS_OF = '2026-06-30';

/** A pool whose clients count the statements they send (one `query` call is one round trip). */
function countingPool(): { pool: pg.Pool; statements: () => number } {
  let n = 0;
  const pool = new pg.Pool({ connectionString: services.postgresUrl as string, max: 2 });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      n++;
      return query(...args);
    };
  });
  return { pool, statements: () => n };
}

const book = (loans: number, firstLoan = 0) => [...generatePortfolio({ seed: 7, loans, firstLoan, asOf: AS_OF, years: 1 })];

describe.skipIf(services.missing !== null)('PostgreSQL store: batched writes', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = newPool();
  });
  afterAll(async () => {
    await pool.end();
  });

  it('appends a batch of new loans with the same number of statements whatever its size (regression: ≈ 7 a loan)', async () => {
    const counted = countingPool();
    try {
      const schema = freshSchema('batch');
      const store = createPostgresStore(counted.pool, { pack, schema });
      await store.migrate();
      const statementsFor = async (histories: ReturnType<typeof book>): Promise<number> => {
        const before = counted.statements();
        const r = await store.appendMany(
          histories.map((h) => ({ loanId: h.loan.id, loan: h.loan, events: h.events })),
          { asOf: AS_OF },
        );
        expect(r.refused).toEqual([]);
        expect(r.results.every((x) => x.how === 'created')).toBe(true);
        return counted.statements() - before;
      };
      await statementsFor(book(1, 200)); // the store's one-time schema check is not the batch's
      const few = await statementsFor(book(3));
      const many = await statementsFor(book(60, 3));
      expect(many).toBe(few);
      expect(many).toBeLessThanOrEqual(12);
      // A back-dated event replays each loan and withdraws the tasks it no longer has: one statement too.
      const backDated = async (histories: ReturnType<typeof book>): Promise<number> => {
        const before = counted.statements();
        const r = await store.appendMany(
          histories.map((h) => ({ loanId: h.loan.id, events: [{ id: 'late-payment', type: 'payment', on: AS_OF, amount: '1.00' }] })),
          { asOf: AS_OF },
        );
        expect(r.refused).toEqual([]);
        expect(r.results.every((x) => x.how === 'replayed')).toBe(true);
        return counted.statements() - before;
      };
      expect(await backDated(book(60, 3))).toBe(await backDated(book(3)));
    } finally {
      await counted.pool.end();
    }
  });

  it('a loan listed twice in one batch ends where two appends in a row end', async () => {
    const [h] = book(1);
    if (h === undefined) throw new Error('no history');
    const cut = Math.floor(h.events.length / 2);
    const first = { loanId: h.loan.id, loan: h.loan, events: h.events.slice(0, cut) };
    const second = { loanId: h.loan.id, events: h.events.slice(cut) };
    const batched = await freshStore(pool, pack, 'twice');
    const r = await batched.appendMany([first, second], { asOf: AS_OF });
    expect(r.refused).toEqual([]);
    expect(r.results.map((x) => x.written)).toEqual([cut, h.events.length - cut]);
    const sequential = await freshStore(pool, pack, 'twice');
    await sequential.append(first.loanId, first.events, { asOf: AS_OF, loan: h.loan });
    await sequential.append(second.loanId, second.events, { asOf: AS_OF });
    const state = async (s: PostgresStore) => {
      const loan = await s.loan(h.loan.id);
      return { snapshot: loan?.snapshot, version: loan?.version, show: await s.show(h.loan.id) };
    };
    expect(await state(batched)).toEqual(await state(sequential));
  });

  it('writes snapshots with lz4 where the server has it (regression: pglz cost the server ≈ 3× the update)', async () => {
    const hasLz4 = (await pool.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`)).rows[0]?.lz4 === true;
    const store = await freshStore(pool, pack, 'lz4');
    const histories = book(5, 100);
    await store.appendMany(
      histories.map((h) => ({ loanId: h.loan.id, loan: h.loan, events: h.events })),
      { asOf: AS_OF },
    );
    await store.advance('2026-07-31');
    const r = await pool.query<{ method: string | null }>(`SELECT DISTINCT pg_column_compression(snapshot) AS method FROM "${store.schema}".loans`);
    expect(r.rows.map((x) => x.method)).toEqual([hasLz4 ? 'lz4' : 'pglz']);
  });
});
