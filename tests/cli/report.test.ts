import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { replay } from '../../src/engine/replay';
import { parseHistoryOrThrow } from '../../src/history/parseHistory';
import { loanProfile, portfolioReport, type PortfolioLoan, type PortfolioReport } from '../../src/portfolio/report';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { runWithEnv, runWithEnvAsync } from './envRun';
import { runCli, runCliAsync } from './run';

const dir = mkdtempSync(join(tmpdir(), 'postloan-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI's async entry point in-process and captures what it prints. */

const FROM = '2026-05-31';
const TO = '2026-06-30';
const book = join(dir, 'book.jsonl');

describe('postloan generate', () => {
  it('writes one history per line to --out, the same bytes for the same seed', () => {
    const first = runCli('generate', '--seed', '42', '--loans', '60', '--as-of', TO, '--out', book);
    expect(first).toEqual({ code: 0, stdout: `Wrote 60 loan histories to ${book} (seed 42, as of ${TO})\n`, stderr: '' });
    const again = join(dir, 'again.jsonl');
    runCli('generate', '--seed', '42', '--loans', '60', '--as-of', TO, '--out', again);
    expect(readFileSync(again)).toEqual(readFileSync(book));
    const other = join(dir, 'other.jsonl');
    runCli('generate', '--seed', '7', '--loans', '60', '--as-of', TO, '--out', other);
    expect(readFileSync(other)).not.toEqual(readFileSync(book));
    const lines = readFileSync(book, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(60);
    for (const line of lines) expect(() => parseHistoryOrThrow(line, 'line')).not.toThrow();
  });

  it('writes to stdout without --out', () => {
    const { code, stdout } = runCli('generate', '--seed', '42', '--loans', '3', '--as-of', TO);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(book, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
  });

  it('needs a seed, a count and a date', () => {
    const missing = runCli('generate', '--loans', '3');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('generate needs --seed, --as-of');
    const bad = runCli('generate', '--seed', 'x', '--loans', '3', '--as-of', TO);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seed must be a whole number, got "x"');
    const date = runCli('generate', '--seed', '1', '--loans', '3', '--as-of', '2026-13-01');
    expect(date.code).toBe(1);
    expect(date.stderr).toContain('The as-of date must be a real date');
  });
});

describe('postloan report', () => {
  it('reports a JSONL book as JSON, equal to the library over the same replays', async () => {
    const { code, stdout, stderr } = await runCliAsync('report', book, '--from', FROM, '--to', TO, '--seed', 'audit 2026-06');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PortfolioReport;
    expect(report.loans.reported + report.loans.notYetDisbursed).toBe(60);
    expect(report.errors).toEqual([]);
    expect(report.seed).toBe('audit 2026-06');

    const pack = cnDefaultPack();
    const loans: PortfolioLoan[] = readFileSync(book, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => parseHistoryOrThrow(l, 'x'))
      .filter((h) => h.loan.disbursedOn <= day(TO))
      .map((h) => ({
        profile: loanProfile(h),
        end: replay(h, pack, { asOf: day(TO) }),
        ...(h.loan.disbursedOn <= day(FROM) ? { start: replay(h, pack, { asOf: day(FROM) }) } : {}),
      }));
    const direct = portfolioReport(loans, { from: FROM, to: TO, seed: 'audit 2026-06', spotCheckRate: '0.10' });
    expect(report).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('fails soft: a bad line becomes an error naming the line and loan, the rest is reported', async () => {
    const good = readFileSync(book, 'utf8').split('\n').slice(0, 5);
    const badMoney = JSON.parse(good[1] as string) as { loan: { id: string; principal: unknown } };
    badMoney.loan.id = 'L-BAD';
    badMoney.loan.principal = 1000.5;
    const mixed = join(dir, 'mixed.jsonl');
    // BOM, CRLF line ends, a blank line, broken JSON, a history with a number for money, a duplicate.
    writeFileSync(mixed, `\uFEFF${good[0]}\r\n\r\n{"loan": \r\n${JSON.stringify(badMoney)}\r\n${good[2]}\r\n${good[2]}\r\n`);
    const { code, stdout, stderr } = await runCliAsync('report', mixed, '--from', FROM, '--to', TO);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PortfolioReport;
    expect(report.loans.reported + report.loans.notYetDisbursed).toBe(2);
    expect(report.errors.map((e) => [e.line, e.loanId, e.issues[0]?.code])).toEqual([
      [3, undefined, 'json.syntax'],
      [4, 'L-BAD', 'money.number'],
      [6, 'L-000003', 'input.invalid'],
    ]);
    expect(report.errors[1]?.issues[0]?.file).toBe(`${mixed}:4`);
    expect(report.errors[1]?.issues[0]?.path).toBe('loan.principal');
    expect(stderr).toBe(`⚠ 3 histories could not be used and are listed under errors (first: mixed.jsonl:3); the report covers the rest\n`);
  });

  it('renders CSV (UTF-8 with BOM, CRLF) and HTML (one file with SVG charts)', async () => {
    const csv = await runCliAsync('report', book, '--from', FROM, '--to', TO, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFReport (报告)\r\n')).toBe(true);
    const html = await runCliAsync('report', book, '--from', FROM, '--to', TO, '--format', 'html', '--provisions-held', '2000000.00');
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<svg ');
    expect(html.stdout).not.toMatch(/https?:/);
  });

  it('generate says what it wrote in the locale', () => {
    const out = join(dir, 'zh.jsonl');
    const r = runWithEnv({ LANG: 'zh_CN.UTF-8' }, 'generate', '--seed', '42', '--loans', '3', '--as-of', TO, '--out', out);
    expect(r).toEqual({ code: 0, stdout: `已写入 3 笔贷款档案至 ${out}（随机种子 42，截至 ${TO}）\n`, stderr: '' });
  });

  it('CSV headers are Chinese only with an explicit --lang zh-CN: LANG alone keeps the English columns', async () => {
    const args = ['report', book, '--from', FROM, '--to', TO, '--format', 'csv'];
    const english = await runCliAsync(...args);
    const byEnv = await runWithEnvAsync({ LANG: 'zh_CN.UTF-8' }, ...args);
    expect(byEnv.stdout).toBe(english.stdout);
    const zh = await runWithEnvAsync({}, ...args, '--lang', 'zh-CN');
    expect(zh.code).toBe(0);
    expect(zh.stdout.startsWith('\uFEFF报告\r\n项目,数值\r\n报告格式版本,')).toBe(true);
    expect(zh.stdout).toContain('\r\nP-PF-1 资产质量\r\n指标,期初,期末,目标,期末达标\r\n');
    expect(zh.stdout.split('\r\n')).toHaveLength(english.stdout.split('\r\n').length);
    // The HTML page follows LANG like every page a person reads; JSON never changes.
    expect((await runWithEnvAsync({ LANG: 'zh_CN.UTF-8' }, 'report', book, '--from', FROM, '--to', TO, '--format', 'html')).stdout).toContain('<html lang="zh-CN">');
    expect((await runWithEnvAsync({ LANG: 'zh_CN.UTF-8' }, 'report', book, '--from', FROM, '--to', TO)).stdout).toBe((await runCliAsync('report', book, '--from', FROM, '--to', TO)).stdout);
  });

  it('reads a directory of .json and .jsonl histories', async () => {
    const books = join(dir, 'books');
    mkdirSync(books);
    copyFileSync('examples/cured-m1.json', join(books, 'a-cured.json'));
    writeFileSync(join(books, 'b-book.jsonl'), readFileSync(book, 'utf8').split('\n').slice(0, 4).join('\n'));
    writeFileSync(join(books, 'notes.txt'), 'not a history');
    const { code, stdout } = await runCliAsync('report', books, '--from', '2026-03-31', '--to', '2026-04-30');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PortfolioReport;
    expect(report.loans.reported + report.loans.notYetDisbursed).toBe(5);
    expect(report.supervisorySample.borrowers.some((b) => b.borrowerId === 'B-1')).toBe(true);
  });

  it('refuses bad arguments with the usage exit code, bad dates and files with exit 1', async () => {
    expect((await runCliAsync('report', book, '--to', TO)).code).toBe(2);
    const format = await runCliAsync('report', book, '--from', FROM, '--to', TO, '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be json, csv or html, got "pdf"');
    const dates = await runCliAsync('report', book, '--from', '2026-06-31', '--to', 'June');
    expect(dates.code).toBe(1);
    expect(dates.stderr).toContain('"2026-06-31" is not a calendar date');
    expect(dates.stderr).toContain('"June" is not a calendar date');
    const order = await runCliAsync('report', book, '--from', TO, '--to', FROM);
    expect(order.code).toBe(1);
    expect(order.stderr).toContain('The period must end after it starts');
    const missing = await runCliAsync('report', join(dir, 'nope.jsonl'), '--from', FROM, '--to', TO);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
  });

  it('is asynchronous: the synchronous main points to mainAsync; other commands run through mainAsync too', async () => {
    const sync = main(['report', book, '--from', FROM, '--to', TO], { out: () => undefined, err: () => undefined });
    expect(sync).toBe(2);
    expect((await runCliAsync('--version')).code).toBe(0);
  });
});
