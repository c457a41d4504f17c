import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/cli/batchCommand';
import { replay, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryOrThrow } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { skipNote } from '../support/skipNote';
import { addDays, day } from '../../src/time/day';
import { runCli, runCliAsync } from './run';

const dir = mkdtempSync(join(tmpdir(), 'postloan-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const AS_OF = '2026-06-30';
const book = join(dir, 'book.jsonl');
let lines: string[] = [];
/** A book of four: a good history, two with the same mistake, one line that is not UTF-8 (refused while reading, before any replay). */
const zhBookText = (): Buffer => {
  const bad = (id: string): string => {
    const h = JSON.parse(lines[0] as string) as { loan: { id: string; principal: unknown } };
    h.loan.id = id;
    h.loan.principal = 1000;
    return JSON.stringify(h);
  };
  return Buffer.concat([Buffer.from(`${lines[0]}\n${bad('L-B1')}\n${bad('L-B2')}\n`), Buffer.from([0x7b, 0xff, 0x7d, 0x0a])]);
};
/** What `batch` prints on stderr for that book in zh-CN; the bad byte is the second of the last line. */
const zhStderr = (file: string): string =>
  [
    '⚠ 4 份贷款历史中有 3 份无法回放，已在输出中写为错误行；其余均已回放',
    `  2 × 金额须为保留 2 位小数的字符串，实际为数字 1000（首例：${file}:2: loan.principal）`,
    `  1 × ${file} 不是有效的 UTF-8 编码：第 4 行第 2 列（字节偏移 ${zhBookText().length - 3}）处的字节为 0xFF（首例：${file}）`,
    '',
  ].join('\n');
const expected = (text: string, asOf = AS_OF) => JSON.stringify(replay(parseHistoryOrThrow(text, 'x'), cnDefaultPack(), { asOf: day(asOf) }));

beforeAll(() => {
  runCli('generate', '--seed', '5', '--loans', '150', '--as-of', AS_OF, '--out', book);
  lines = readFileSync(book, 'utf8').split('\n').filter((l) => l !== '');
});

describe('postloan batch', () => {
  it('writes one compact replay output per loan, in input order (more loans than one chunk)', async () => {
    const { code, stdout, stderr } = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(150);
    expect(out).toEqual(lines.map((l) => expected(l)));
  });

  it('fails soft: a bad history becomes an error line naming the line, loan and JSON path; the rest runs, exit 1', async () => {
    const first = lines[0] as string;
    const bad = JSON.parse(first) as { loan: { id: string; principal: unknown; disbursedOn: string } };
    bad.loan.principal = 1000;
    const late = JSON.parse(first) as { loan: { id: string; disbursedOn: string }; events: unknown[] };
    late.loan.id = 'L-LATE';
    late.loan.disbursedOn = '2026-07-15';
    late.events = [];
    const mixed = join(dir, 'mixed.jsonl');
    writeFileSync(mixed, [first, '{"loan": {', '', JSON.stringify(bad), JSON.stringify(late), lines[1]].join('\n') + '\n');
    const { code, stdout, stderr } = await runCliAsync('batch', mixed, '--as-of', AS_OF, '--workers', '1');
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        '⚠ 3 of 5 histories could not be replayed and are error lines in the output; the rest ran',
        `  1 × The file is not valid JSON (line 1, column 11): Expected property name or '}' (first: ${mixed}:2)`,
        `  1 × Money must be a decimal string with 2 decimals, got the number 1000 (first: ${mixed}:4: loan.principal)`,
        `  1 × The as-of date 2026-06-30 is before loan L-LATE was disbursed (2026-07-15) (first: ${mixed}:5: asOf)`,
        '',
      ].join('\n'),
    );
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { error?: { loanId?: string } });
    expect(out).toHaveLength(5);
    expect(JSON.stringify(out[0])).toBe(expected(first));
    expect(out[1]).toMatchObject({ error: { file: mixed, line: 2, issues: [{ code: 'json.syntax', file: `${mixed}:2` }] } });
    expect(out[1]?.error?.loanId).toBeUndefined();
    // Line 3 is blank: skipped, and the line numbers still count it.
    expect(out[2]).toMatchObject({ error: { file: mixed, line: 4, loanId: 'L-000001', issues: [{ code: 'money.number', path: 'loan.principal', file: `${mixed}:4` }] } });
    expect(out[3]).toMatchObject({ error: { line: 5, loanId: 'L-LATE', issues: [{ code: 'input.invalid', path: 'asOf' }] } });
    expect(JSON.stringify(out[4])).toBe(expected(lines[1] as string));
  });

  it('in zh-CN the warning and the kinds of problems are Chinese; the error lines are the same JSON', async () => {
    const zhBook = join(dir, 'zh.jsonl');
    writeFileSync(zhBook, zhBookText());
    const en = await runCliAsync('batch', zhBook, '--as-of', AS_OF, '--workers', '1');
    const zh = await runCliAsync('batch', zhBook, '--as-of', AS_OF, '--workers', '1', '--lang', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe(en.stdout);
    expect(zh.stderr).toBe(zhStderr(zhBook));
  });

  it('reads a directory of .json files by name', async () => {
    const histories = join(dir, 'histories');
    mkdirSync(histories);
    writeFileSync(join(histories, 'b.json'), JSON.stringify(JSON.parse(lines[1] as string), null, 2));
    writeFileSync(join(histories, 'a.json'), lines[0] as string);
    writeFileSync(join(histories, 'c.json'), '{"loan": {"id": "L-C"}, "events": []}');
    writeFileSync(join(histories, 'notes.txt'), 'not a history');
    const { code, stdout } = await runCliAsync('batch', histories, '--as-of', AS_OF, '--workers', '1');
    expect(code).toBe(1);
    const out = stdout.trimEnd().split('\n');
    expect(out.slice(0, 2)).toEqual([expected(lines[0] as string), expected(lines[1] as string)]);
    const error = (JSON.parse(out[2] as string) as { error: { file: string; line?: number; loanId: string; issues: { path: string }[] } }).error;
    expect(error).toMatchObject({ file: join(histories, 'c.json'), loanId: 'L-C' });
    expect(error.line).toBeUndefined();
    expect(error.issues.map((i) => i.path)).toContain('loan.principal');
  });

  it('--out and --snapshots write line for line; each snapshot restores and resumes to the full replay', async () => {
    const out = join(dir, 'out.jsonl');
    const snaps = join(dir, 'snapshots.jsonl');
    const { code, stdout } = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', out, '--snapshots', snaps);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const outputs = readFileSync(out, 'utf8').trimEnd().split('\n');
    const snapshots = readFileSync(snaps, 'utf8').trimEnd().split('\n');
    expect(outputs).toEqual(lines.map((l) => expected(l)));
    expect(snapshots).toHaveLength(lines.length);
    const pack = cnDefaultPack();
    const later = '2026-07-31';
    for (const [i, text] of snapshots.entries()) {
      const restored = unwrap(restoreSnapshot(JSON.parse(text), pack, { file: `${snaps}:${i + 1}` }));
      const history = parseHistoryOrThrow(lines[i] as string, 'x');
      expect(restored.history.loan.id).toBe(history.loan.id);
      if (i % 10 !== 0) continue;
      const resumed = resumeReplay(restored, pack, history.events.filter((e) => e.on > restored.asOf), { asOf: addDays(day(AS_OF), 31) });
      expect(JSON.stringify(resumed.output)).toBe(expected(lines[i] as string, later));
    }
  });

  it('--lean writes lean snapshots that resume to the same loan, with the timeline from their date on', async () => {
    const snaps = join(dir, 'lean.jsonl');
    const full = join(dir, 'full.jsonl');
    expect((await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', join(dir, 'o1.jsonl'), '--snapshots', snaps, '--lean')).code).toBe(0);
    expect((await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', join(dir, 'o2.jsonl'), '--snapshots', full)).code).toBe(0);
    const lean = readFileSync(snaps, 'utf8').trimEnd().split('\n');
    expect(lean).toHaveLength(lines.length);
    expect(readFileSync(snaps, 'utf8').length * 2).toBeLessThan(readFileSync(full, 'utf8').length);
    const pack = cnDefaultPack();
    const later = addDays(day(AS_OF), 31);
    for (const [i, text] of lean.entries()) {
      if (i % 10 !== 0) continue;
      const history = parseHistoryOrThrow(lines[i] as string, 'x');
      const restored = unwrap(restoreSnapshot(JSON.parse(text), cnDefaultPack()));
      const { timeline, tasks, continues, ...rest } = resumeReplay(restored, pack, history.events.filter((e) => e.on > restored.asOf), { asOf: later }).output;
      const whole = replay(history, pack, { asOf: later });
      const { timeline: wholeTimeline, tasks: _tasks, ...wholeRest } = whole;
      expect(rest).toEqual(wholeRest);
      expect(continues?.from).toBe(AS_OF);
      expect(timeline).toEqual(wholeTimeline.slice(continues?.timelineEntriesBefore));
      expect(tasks.every((k) => whole.tasks.some((w) => JSON.stringify(w) === JSON.stringify(k)))).toBe(true);
    }
    const orphan = await runCliAsync('batch', book, '--as-of', AS_OF, '--lean');
    expect(orphan).toMatchObject({ code: 2, stdout: '' });
    expect(orphan.stderr).toContain('--lean makes the snapshots lean: give --snapshots <file.jsonl> too');
  });

  it('draws progress and a summary on a terminal, and only the summary with --verbose', async () => {
    let err = '';
    await runBatch({ input: book, asOf: AS_OF, workers: 1, verbose: false }, { out: () => undefined, err: (s) => (err += s), stderrIsTTY: true });
    expect(err).toMatch(/^\r\[/);
    expect(err).toMatch(/\r\[█{20}\] 100%  150 loans  [\d,]+ loans\/s\x1b\[K\nbatch: 150 loans, 0 errors, [\d.]+ s, [\d,]+ loans\/s, peak memory [\d,]+ MiB\n$/);
    const verbose = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--verbose');
    expect(verbose.stderr).toMatch(/^batch: 150 loans, 0 errors, [\d.]+ s, [\d,]+ loans\/s, peak memory [\d,]+ MiB\n$/);
  });

  it('usage errors exit 2; bad dates and missing input exit 1 before anything is written', async () => {
    expect((await runCliAsync('batch', book)).stderr).toContain('batch needs --as-of');
    expect((await runCliAsync('batch', book)).code).toBe(2);
    expect((await runCliAsync('batch', '--as-of', AS_OF)).code).toBe(2);
    const workers = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '0');
    expect(workers).toMatchObject({ code: 2, stdout: '' });
    expect(workers.stderr).toContain('--workers must be a whole number from 1 to 64, got "0"');
    expect(await runCliAsync('batch', book, '--as-of', '2026-02-30', '--workers', '1')).toMatchObject({ code: 1, stdout: '' });
    const missing = await runCliAsync('batch', join(dir, 'nope.jsonl'), '--as-of', AS_OF, '--workers', '1', '--out', join(dir, 'never.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
    expect(existsSync(join(dir, 'never.jsonl'))).toBe(false);
  });
});

// Worker threads need the built worker (vitest runs src/ as TypeScript): run the built CLI when present.
// `.ci/run` builds before testing and sets POSTLOAN_REQUIRE_BUILD=1, so there it must be present.
const built = existsSync('dist/cli.js') && existsSync('dist/batchWorker.js');
it.runIf(process.env['POSTLOAN_REQUIRE_BUILD'] === '1')('finds the built CLI and worker where CI built them', () => {
  expect(built, 'POSTLOAN_REQUIRE_BUILD=1 but dist/cli.js or dist/batchWorker.js is missing: run `npm run build` first').toBe(true);
});
describe.skipIf(skipNote(!built, 'batch: the worker-thread test runs the built CLI; run `npm run build` first'))('postloan batch, built CLI with worker threads', () => {
  it('--workers 2 writes the same lines, in the same order, as in-process', () => {
    const run = spawnSync(process.execPath, ['dist/cli.js', 'batch', book, '--as-of', AS_OF, '--workers', '2'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(lines.map((l) => expected(l)));
  });

  it('regression: an issue that crossed a worker thread lost its text key and printed in English under zh-CN', () => {
    const zhBook = join(dir, 'zh-workers.jsonl');
    writeFileSync(zhBook, zhBookText());
    const run = spawnSync(process.execPath, ['dist/cli.js', 'batch', zhBook, '--as-of', AS_OF, '--workers', '2', '--lang', 'zh-CN'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(zhStderr(zhBook));
  });
});
