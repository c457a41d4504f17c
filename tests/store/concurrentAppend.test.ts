import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { generatePortfolio } from '../../src/portfolio/generate';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { bundleForNode } from '../support/bundle';
import { services } from '../support/services';
import { fileReplay, freshStore, newPool } from './storeFixtures';

const run = promisify(execFile);
const pack = cnDefaultPack();
type RawEvent = Record<string, unknown> & { id: string; on: string };

/** Deterministic shuffle (a linear congruential generator: the test needs variety, not quality). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe.skipIf(services.missing !== null)('two processes appending to the same loans at once', () => {
  let pool: pg.Pool;
  let dir: string;
  let script: string | undefined;
  beforeAll(() => {
    pool = newPool();
    dir = mkdtempSync(join(tmpdir(), 'postloan-concurrent-'));
  });
  afterAll(async () => {
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
    if (script !== undefined) rmSync(script, { force: true });
  });

  it('lose no event, double none, and end where a sequential replay of all events ends', async () => {
    const asOf = '2026-06-30';
    const book = [...generatePortfolio({ seed: 7, loans: 8, asOf, years: 1 })];
    const store = await freshStore(pool, pack, 'cc');
    // Each process gets about two thirds of each loan's events (so many are sent by both), shuffled,
    // in batches of 1–4 with an as-of date that covers the batch: later events often reach the store
    // before earlier ones, which the other process then back-dates.
    const plans = [1, 2].map((p) => ({
      asOf,
      items: book.map((h, k) => {
        const events = (h.events as unknown as RawEvent[]).filter((_, i) => (i + p + k) % 3 !== 0);
        const order = shuffled(events, p * 1000 + k);
        const batches: { asOf: string; events: RawEvent[] }[] = [];
        for (let i = 0; i < order.length; i += 1 + (i % 4)) {
          const chunk = order.slice(i, i + 1 + (i % 4));
          batches.push({ asOf: chunk.reduce((m, e) => (e.on > m ? e.on : m), h.loan.disbursedOn), events: chunk });
        }
        batches.push({ asOf, events: [] });
        return { loanId: h.loan.id, loan: h.loan, batches };
      }),
    }));
    script = await bundleForNode('tests/store/appendProcess.ts');
    const files = plans.map((p, i) => {
      const f = join(dir, `plan-${i}.json`);
      writeFileSync(f, JSON.stringify(p));
      return f;
    });
    await Promise.all(files.map((f) => run(process.execPath, [script as string, services.postgresUrl as string, store.schema, f], { timeout: 120_000 })));

    for (const h of book) {
      const loanId = h.loan.id;
      const sent = new Map<string, RawEvent>();
      for (const p of plans) for (const b of p.items.find((i) => i.loanId === loanId)?.batches ?? []) for (const e of b.events) sent.set(e.id, e);
      const stored = await pool.query<{ event_id: string }>(`SELECT event_id FROM "${store.schema}".events WHERE loan_id = $1`, [loanId]);
      expect(stored.rows.map((r) => r.event_id).sort()).toEqual([...sent.keys()].sort());
      const expected = fileReplay(h.loan, [...sent.values()], pack, asOf);
      expect(JSON.stringify(await store.show(loanId))).toBe(JSON.stringify(expected));
      const live = new Map<string, string>();
      for (const c of await store.changes(0, 10_000_000)) if (c.loanId === loanId && c.entity === 'timeline') live.set(c.entityId, c.op);
      expect([...live].filter(([, op]) => op === 'added').map(([id]) => id).sort()).toEqual(expected.timeline.map((e) => e.id).sort());
    }
    // Versions: one per write that changed the loan, never two writes on one version.
    const dup = await pool.query(`SELECT loan_id, loan_version, entity_id, op, count(*) FROM "${store.schema}".changes GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`);
    expect(dup.rows).toEqual([]);
  }, 180_000);
});
