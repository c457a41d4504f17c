import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { arbitraryHistory } from '../engine/arbitraryHistory';
import { services } from '../support/services';
import { fileReplay, freshStore, newPool } from './storeFixtures';
import { prng } from '../support/prng';

const pack = cnDefaultPack();
type RawEvent = Record<string, unknown> & { id: string; on: string };


const addDays = (d: string, n: number): string => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

describe.skipIf(services.missing !== null)('store round trip', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = newPool();
  });
  afterAll(async () => {
    await pool.end();
  });

  it('events appended in random batches, in random order, back-dated and repeated, end byte-equal to a replay of the whole file', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryHistory, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async ({ history, asOf }, seed) => {
        const random = prng(seed);
        const loan = history.loan as { id: string; disbursedOn: string };
        const events = history.events as RawEvent[];
        const last = events.reduce((m, e) => (e.on > m ? e.on : m), asOf > loan.disbursedOn ? asOf : loan.disbursedOn);
        // Shuffle, then cut into batches; some batches repeat events already sent.
        const shuffled = [...events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j] as RawEvent, shuffled[i] as RawEvent];
        }
        const batches: RawEvent[][] = [];
        for (let i = 0; i < shuffled.length; ) {
          const n = 1 + Math.floor(random() * 6);
          batches.push(shuffled.slice(i, i + n));
          i += n;
        }
        if (batches.length === 0) batches.push([]);
        const store = await freshStore(pool, pack, 'rt');
        const span = Math.max(0, Math.round((Date.parse(last) - Date.parse(loan.disbursedOn)) / 86_400_000));
        const sent: RawEvent[] = [];
        let latest = loan.disbursedOn;
        for (const [k, batch] of batches.entries()) {
          const repeat = sent.length > 0 && random() < 0.3 ? [sent[Math.floor(random() * sent.length)] as RawEvent] : [];
          const maxOn = batch.reduce((m, e) => (e.on > m ? e.on : m), loan.disbursedOn);
          const pick = addDays(loan.disbursedOn, Math.floor(random() * (span + 1)));
          const at = k === batches.length - 1 ? last : pick > maxOn ? pick : maxOn;
          await store.append(loan.id, [...batch, ...repeat], { asOf: at, ...(k === 0 ? { loan } : {}) });
          sent.push(...batch);
          if (at > latest) latest = at;
          if (random() < 0.25) {
            const to = addDays(latest, Math.floor(random() * 40));
            await store.advance(to);
          }
        }
        const row = await store.loan(loan.id);
        expect(row?.version).toBeGreaterThan(0);
        const storedAsOf = row?.asOf as string;
        expect(storedAsOf >= latest).toBe(true);
        const expected = fileReplay(loan, events, pack, storedAsOf);
        expect(JSON.stringify(await store.show(loan.id))).toBe(JSON.stringify(expected));
        expect(row?.nextReviewOn).toBe(expected.nextReviewOn);
        // The change feed, folded: the live timeline entries are exactly the replay's, by stable id.
        const live = new Map<string, string>();
        for (const c of await store.changes(0, 1_000_000)) if (c.entity === 'timeline') live.set(c.entityId, c.op);
        const liveIds = [...live].filter(([, op]) => op === 'added').map(([id]) => id).sort();
        expect(liveIds).toEqual(expected.timeline.map((e) => e.id).sort());
        // The tasks table holds every task of the replay, as the replay has it.
        const stored = await store.tasks({ status: ['open', 'done', 'late', 'breached', 'cancelled'], limit: 1_000_000 });
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        expect(stored.map(({ loanId: _, ...t }) => t).sort(byId)).toEqual([...expected.tasks].sort(byId));
      }),
      { numRuns: Number(process.env["POSTLOAN_PROPERTY_RUNS"] ?? 40), seed: Number(process.env["POSTLOAN_PROPERTY_SEED"] ?? 12) },
    );
  }, 240_000);
});
