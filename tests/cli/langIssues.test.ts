import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, mainAsync } from '../../src/cli/main';

type Run = { code: number; stdout: string; stderr: string };
const ZH = { LANG: 'zh_CN.UTF-8' };

function run(env: Record<string, string>, ...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

async function runAsync(env: Record<string, string>, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await mainAsync(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

/** The location lines (`→ at …` / `→ 位置：…`), which must not change with the language. */
const places = (text: string): string[] => [...text.matchAll(/→ (?:at |位置：)(.*)/g)].map((m) => m[1] ?? '');
/** The detail and hint lines of a Chinese report. */
const details = (text: string): string[] => text.split('\n').filter((l) => /^\s+(详情|提示)：/.test(l));
/** A run of four English words outside quoted values and code: an untranslated sentence. */
const english = (line: string): boolean => /\b[A-Za-z]+(?:[ ,;:]+[A-Za-z]+){3,}\b/.test(line.replace(/"[^"]*"|`[^`]*`/g, ' '));

/**
 * Runs a command failing with exit code 1 in Chinese and in English, checks they differ in language
 * only, and returns the Chinese report.
 */
function inBothLanguages(stream: 'stdout' | 'stderr', ...argv: string[]): string {
  const zh = run(ZH, ...argv);
  const en = run({}, ...argv);
  expect(en.code).toBe(1);
  expect(zh.code).toBe(en.code);
  expect(places(zh[stream])).toEqual(places(en[stream]));
  expect(places(zh[stream]).length).toBeGreaterThan(0);
  const lines = details(zh[stream]);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter(english)).toEqual([]);
  return zh[stream];
}

describe('issue details and hints in Chinese', () => {
  it('replay of a bad history: every detail and hint in Chinese, same paths and exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-zh-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        loan: { id: 'L1', borrower: 'B', principal: 10236.17, annualRate: '0.0435', disbursedOn: '2026-01-15', termMonths: 12, repayment: 'equalInstallment', firstDueOn: '2026/2/15', colour: 'red' },
        events: [{ id: 'e1', type: 'paymnet', on: '2026-02-15' }, { id: 'e2', type: 'promiseToPay', on: '2026-03-01', by: '2026-02-20', amount: '1.00' }],
      }),
    );
    const zh = inBothLanguages('stderr', 'replay', bad, '--as-of', '2026-04-20');
    for (const line of ['详情：日期须为 "YYYY-MM-DD" 格式的字符串，实际为 "2026/2/15"', '提示：请按 YYYY-MM-DD 填写："2026-02-15"', '详情：未知的事件类型 "paymnet"', '提示：是否应为 "payment"？']) {
      expect(zh).toContain(line);
    }
  });

  it('replay of a file that is not JSON: the syntax error in Chinese with its line and column', () => {
    const zh = run(ZH, 'replay', 'tests/fixtures/bad/broken.json', '--as-of', '2026-04-20');
    const en = run({}, 'replay', 'tests/fixtures/bad/broken.json', '--as-of', '2026-04-20');
    expect(zh.code).toBe(en.code);
    expect(details(zh.stderr).filter(english)).toEqual([]);
    expect(zh.stderr).toMatch(/详情：文件不是有效的 JSON/);
  });

  it('validate of a bad pack: load errors in Chinese, same paths and exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-zh-pack-'));
    cpSync('rules/cn-default', dir, { recursive: true });
    const file = join(dir, 'buckets.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { rules: { conditions: { all: Record<string, unknown>[] }; event: { params: Record<string, unknown> } }[] };
    const first = doc.rules[0];
    if (first === undefined) throw new Error('buckets.json has no rules');
    first.conditions.all.push({ fact: 'dpdd', operator: 'equal', value: 0 }, { fact: 'dpd', operator: 'equall', value: 0 }, { fact: 'dpd', operator: 'equal', value: '30' });
    writeFileSync(file, JSON.stringify(doc));
    const zh = inBothLanguages('stdout', 'validate', dir);
    for (const line of ['详情：未知的事实 "dpdd"', '详情：未知的运算符 "equall"', '详情：事实 "dpd" 是整数，"30" 不是整数', '提示：请去掉引号，写作 30']) expect(zh).toContain(line);
  });

  it('a store error: the database URL refused in Chinese, same path and exit code', async () => {
    const args = ['db', 'migrate', '--database-url', 'mysql://u:secret@db:3306/loans'];
    const zh = await runAsync(ZH, ...args);
    const en = await runAsync({}, ...args);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('is not a PostgreSQL URL');
    expect(zh.stderr).toContain('不是 PostgreSQL 地址');
    expect(zh.stderr).toContain('提示：请写作 postgres://user:password@host:5432/database');
    expect(zh.code).toBe(en.code);
    expect(zh.stderr).not.toContain('secret');
    expect(details(zh.stderr).filter(english)).toEqual([]);
  });

  it('a store command without a database: a usage error in Chinese with exit code 2', async () => {
    const zh = await runAsync(ZH, 'db', 'migrate');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('详情：未指定数据库');
    expect(zh.stderr).toContain('提示：请传入 --database-url postgres://user@host:5432/db，或设置 POSTLOAN_DATABASE_URL');
  });

  it('usage errors found while parsing arguments: in Chinese with exit code 2, English unchanged', async () => {
    const cases: [string[], string, string][] = [
      [['replay', 'a.json', 'b.json'], 'replay takes exactly one history file, got 2', '详情：replay 只接受一个贷款历史文件，实际为 2 个'],
      [['replay', 'x.json', '--format', 'pdf'], '--format must be json or html, got "pdf"', '详情：--format 须为 json 或 html，实际为 "pdf"'],
      [['replay', 'x.json', '--as-of'], "Option '--as-of <value>' argument missing", '详情：选项 --as-of <value> 缺少取值'],
      [['generate', '--seed', '1'], 'generate needs --loans, --as-of: the same seed, count and date give the same portfolio', '详情：generate 需要 --loans、--as-of'],
      [['generate', '--seed', '1', '--loans', '-1', '--as-of', '2026-06-30'], "Option '--loans' argument is ambiguous", '详情：选项 --loans 的取值有歧义：是否漏写了它的取值？以 - 开头的取值请写作 --loans=-XYZ'],
      [['validate'], 'validate takes exactly one pack directory, got 0', '详情：validate 只接受一个规则包目录，实际为 0 个'],
      [['frobnicate'], 'Unknown command "frobnicate"', '详情：未知的命令 "frobnicate"'],
    ];
    for (const [argv, enText, zhText] of cases) {
      const zh = await runAsync(ZH, ...argv);
      const en = await runAsync({}, ...argv);
      expect(en.code, argv.join(' ')).toBe(2);
      expect(zh.code, argv.join(' ')).toBe(2);
      expect(en.stderr).toContain(enText);
      expect(en.stderr).toContain('run `postloan --help` for usage');
      expect(zh.stderr).toContain(zhText);
      expect(zh.stderr).toContain('提示：用法见 `postloan --help`');
      expect(details(zh.stderr).filter(english), argv.join(' ')).toEqual([]);
    }
  });

  it('store usage errors keep their example hint in both languages', async () => {
    const zh = await runAsync(ZH, 'show');
    const en = await runAsync({}, 'show');
    expect([zh.code, en.code]).toEqual([2, 2]);
    expect(en.stderr).toContain('show takes one loan id, got 0');
    expect(zh.stderr).toContain('详情：show 只接受一个贷款编号，实际为 0 个');
    expect(zh.stderr).toContain('提示：postloan show L-2026-0001');
  });

  it('a portfolio tool problem: generate options refused in Chinese, same paths and exit code', async () => {
    const argv = ['generate', '--seed', '1', '--loans', '2000000', '--as-of', '2019-06-30'];
    const zh = await runAsync(ZH, ...argv);
    const en = await runAsync({}, ...argv);
    expect(en.code).toBe(1);
    expect(zh.code).toBe(en.code);
    expect(en.stderr).toContain('The number of loans must be a whole number from 0 to 1000000, got the number 2000000');
    expect(zh.stderr).toContain('详情：贷款笔数须为 0 至 1000000 之间的整数，实际为 数字 2000000');
    expect(zh.stderr).toContain('详情：基准日 2019-06-30 之前在默认规则包的生效期内没有可放款的日期');
    expect(places(zh.stderr)).toEqual(places(en.stderr));
    expect(details(zh.stderr).filter(english)).toEqual([]);
  });
});
