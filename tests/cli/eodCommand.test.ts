import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePortfolio } from '../../src/portfolio/generate';
import { freshSchema, services } from '../support/services';
import { runCliAsync } from './run';


const STACK = /^\s+at .+:\d+:\d+/m;

describe.skipIf(services.missing !== null)('postloan eod and worker', () => {
  const schema = freshSchema('eodcli');
  const db = ['--database-url', services.postgresUrl as string, '--schema', schema];
  const redis = ['--redis-url', services.redisUrl as string, '--queue', `q-${schema}`];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postloan-eodcli-'));
    const file = join(dir, 'book.jsonl');
    writeFileSync(file, [...generatePortfolio({ seed: 5, loans: 30, asOf: '2026-06-30', years: 1 })].map((h) => JSON.stringify(h)).join('\n'));
    expect((await runCliAsync('db', 'migrate', ...db)).code).toBe(0);
    expect((await runCliAsync('ingest', file, '--as-of', '2026-06-30', ...db)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('in zh-CN eod and worker print their progress and summary lines in Chinese', async () => {
    const eod = runCliAsync('eod', '--to', '2026-07-15', '--chunk', '7', ...db, ...redis, '--lang', 'zh-CN');
    await new Promise((r) => setTimeout(r, 500));
    const worker = await runCliAsync('worker', '--until-idle', '--verbose', ...db, ...redis, '--lang', 'zh-CN');
    const done = await eod;
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/^eod 2026-07-15：\d+ 笔贷款到期，已分 \d+ 批加入队列 q-/);
    const due = Number(/(\d+) 笔贷款到期/.exec(done.stderr)?.[1]);
    expect(due).toBeGreaterThan(0);
    expect(done.stdout).toMatch(new RegExp(`^eod 2026-07-15：${due} 笔贷款到期，推进 ${due} 笔，跳过 0 笔（已在该日），失败 0 笔；共 \\d+ 批，用时 [\\d.]+ 秒\n$`));
    expect(worker.stderr).toMatch(/^worker：一批 \d+ 笔推进至 2026-07-15：推进 \d+ 笔，跳过 0 笔，失败 0 笔$/m);
    expect(worker.stdout).toMatch(new RegExp(`^worker：\\d+ 批，推进 ${due} 笔贷款，跳过 0 笔，失败 0 笔；CPU 用时 [\\d.]+ 秒\n$`));
  });

  it('eod waits for the workers and prints the summary; the same day again has nothing due', async () => {
    const eod = runCliAsync('eod', '--to', '2026-07-31', '--chunk', '7', ...db, ...redis);
    await new Promise((r) => setTimeout(r, 500));
    const worker = await runCliAsync('worker', '--until-idle', ...db, ...redis);
    const done = await eod;
    expect(worker.code).toBe(0);
    expect(done.stderr).toMatch(/^eod 2026-07-31: \d+ loans due, \d+ chunks enqueued/);
    const due = Number(/(\d+) loans due/.exec(done.stderr)?.[1]);
    expect(due).toBeGreaterThan(0);
    expect(done.stdout).toMatch(new RegExp(`^eod 2026-07-31: ${due} loans due, ${due} advanced, 0 skipped \\(already there\\), 0 failed;`));
    expect(done.code).toBe(0);
    expect(worker.stdout).toMatch(new RegExp(`^worker: \\d+ chunks, ${due} loans advanced, 0 skipped, 0 failed`));
    const again = await runCliAsync('eod', '--to', '2026-07-31', ...db, ...redis);
    expect(again.stdout).toMatch(/^eod 2026-07-31: 0 loans due, 0 advanced/);
  });

  it('a loan that cannot be advanced is listed with the reason; the rest of its chunk commits', async () => {
    const pool = new pg.Pool({ connectionString: services.postgresUrl as string, max: 1 });
    const { rows } = await pool.query<{ loan_id: string }>(`SELECT loan_id FROM "${schema}".loans WHERE next_review_on <= '2026-08-31' ORDER BY loan_id LIMIT 1`);
    const broken = rows[0]?.loan_id as string;
    await pool.query(`UPDATE "${schema}".loans SET pack_hash = 'sha256:other' WHERE loan_id = $1`, [broken]);
    const eod = runCliAsync('eod', '--to', '2026-08-31', ...db, ...redis);
    await new Promise((r) => setTimeout(r, 500));
    await runCliAsync('worker', '--until-idle', ...db, ...redis);
    const done = await eod;
    await pool.end();
    expect(done.code).toBe(1);
    const due = Number(/(\d+) loans due/.exec(done.stdout)?.[1]);
    expect(done.stdout).toContain(`${due - 1} advanced, 0 skipped (already there), 1 failed`);
    expect(done.stdout).toContain(`1 × Loan ${broken} was stored under pack cn-default`);
  });

  it('regression: in zh-CN the reason a loan failed is printed in Chinese, though it crossed Redis', async () => {
    const pool = new pg.Pool({ connectionString: services.postgresUrl as string, max: 1 });
    const { rows } = await pool.query<{ loan_id: string }>(`SELECT loan_id FROM "${schema}".loans WHERE next_review_on <= '2026-09-30' AND pack_hash <> 'sha256:other' ORDER BY loan_id LIMIT 1`);
    const broken = rows[0]?.loan_id as string;
    await pool.query(`UPDATE "${schema}".loans SET pack_hash = 'sha256:other' WHERE loan_id = $1`, [broken]);
    const eod = runCliAsync('eod', '--to', '2026-09-30', ...db, ...redis, '--lang', 'zh-CN');
    await new Promise((r) => setTimeout(r, 500));
    await runCliAsync('worker', '--until-idle', ...db, ...redis);
    const done = await eod;
    await pool.end();
    expect(done.code).toBe(1);
    expect(done.stdout).toMatch(new RegExp(`1 × 贷款 ${broken} 入库时使用的规则包是 cn-default \\S+（sha256:other），而不是 cn-default`));
    expect(done.stdout).not.toContain('was stored under pack');
  });

  it('Redis down: a clear error, exit 1, no stack trace and no hang', async () => {
    const r = await runCliAsync('eod', '--to', '2026-08-31', ...db, '--redis-url', 'redis://127.0.0.1:1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot reach Redis at redis://127.0.0.1:1');
    expect(r.stderr).not.toMatch(STACK);
    const w = await runCliAsync('worker', ...db, '--redis-url', 'redis://127.0.0.1:1');
    expect(w.code).toBe(1);
    const bad = await runCliAsync('worker', ...db, '--redis-url', 'http://x');
    expect(bad.stderr).toContain('is not a Redis URL');
  });

  it('usage: eod needs --to', async () => {
    const r = await runCliAsync('eod', ...db, ...redis);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('eod needs the date');
  });
});
