import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackDiff } from '../../src/portfolio/diff';
import { runCli } from './run';
import { runWithEnv } from './envRun';

// postloan diff: the same book under the built-in pack and under a copy that outsources at DPD 31
// instead of 91 (P-LC-4). Every loan is a 60,000.00 bullet loan over 3 months, never repaid unless said.

const dir = mkdtempSync(join(tmpdir(), 'postloan-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const current = 'rules/cn-default';
const early = join(dir, 'early-outsourcing');
cpSync(current, early, { recursive: true });
const manifest = JSON.parse(readFileSync(join(early, 'pack.json'), 'utf8')) as { version: string; parameters: Record<string, unknown> };
manifest.version = '1.1.0';
manifest.parameters['outsourceAtDpd'] = 31;
writeFileSync(join(early, 'pack.json'), JSON.stringify(manifest));

function history(id: string, disbursedOn: string, events: readonly Record<string, unknown>[] = []): string {
  return JSON.stringify({ loan: { id, borrower: { id: `B-${id}`, kind: 'retail' }, principal: '60000.00', annualRate: '0.0600', disbursedOn, termMonths: 3, repayment: 'bullet' }, events });
}

// As of 2026-06-30:
// L-A matures 2026-04-30: DPD 61 — overdueM2M3 now, outsourced at 31 (since 2026-05-31).
// L-B matures 2026-05-28: DPD 33 — overdueM2M3 now, outsourced at 31 (since 2026-06-28).
// L-C matures 2026-06-20: DPD 10 — overdueM1 under both.
// L-D matures 2026-03-31: DPD 91 — outsourced under both (today under the current pack, since 2026-05-01 under the other).
// L-E repaid at maturity (60,000.00 + 3 months at 6 % = 60,900.00) — settled under both.
const book = join(dir, 'book');
mkdirSync(book);
writeFileSync(join(book, 'a.json'), history('L-A', '2026-01-31'));
writeFileSync(join(book, 'b.json'), history('L-B', '2026-02-28'));
writeFileSync(join(book, 'c.jsonl'), `${history('L-C', '2026-03-20')}\r\n\n${history('L-D', '2025-12-31')}\n`);
const settled = join(dir, 'e.json');
writeFileSync(settled, history('L-E', '2026-01-31', [{ id: 'p', type: 'payment', on: '2026-04-30', amount: '60900.00' }]));

function diff(...args: string[]): { text: string; stderr: string } {
  const { code, stdout, stderr } = runCli('diff', ...args);
  expect(code).toBe(0);
  return { text: stdout, stderr };
}

describe('postloan diff', () => {
  it('counts the loans that change and tabulates each transition with example loans', () => {
    const { text, stderr } = diff(current, early, book, settled, '--as-of', '2026-06-30');
    expect(stderr).toBe('');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Impact of a pack change as of 2026-06-30');
    expect(lines[1]).toMatch(/^ {2}before: cn-default 1\.0\.0 \([0-9a-f]{12}\)$/);
    expect(lines[2]).toMatch(/^ {2}after: {2}cn-default 1\.1\.0 \([0-9a-f]{12}\)$/);
    expect(lines.slice(3).join('\n')).toBe(
      [
        '5 loans replayed under both packs · 3 changed · 0 errors',
        '',
        '                      loans changed',
        '  state                           2',
        '  bucket                          0',
        '  classification                  0',
        '  risk level                      0',
        '  management mode                 0',
        '  collection segment              0',
        '  tasks                           3',
        '',
        'state: 2 loans change',
        '  2 loans  overdueM2M3 → outsourced  e.g. L-A, L-B',
        '',
        // The agency-choice task (P-LC-4, 5 working days): L-D's is open under the current pack (opened
        // today) and breached under the other (opened 2026-05-01); L-A's (opened 2026-05-31) is breached;
        // L-B's (opened 2026-06-28) is open.
        'tasks: 3 loans change; tasks by kind and status where the count changes',
        '  kind             status    before  after  change  loans',
        '  agencyPlacement  open           1      1       0      2  e.g. L-B, L-D',
        '  agencyPlacement  breached       0      2      +2      2  e.g. L-A, L-D',
        '',
      ].join('\n'),
    );
  });

  it('reads in Chinese with --lang zh-CN or LANG: labels for the values, ids for the loans, columns aligned by display width', () => {
    const args = ['diff', current, early, book, settled, '--as-of', '2026-06-30'];
    const zh = runWithEnv({}, ...args, '--lang', 'zh-CN');
    expect(zh.code).toBe(0);
    expect(runWithEnv({ LANG: 'zh_CN.UTF-8' }, ...args).stdout).toBe(zh.stdout);
    const lines = zh.stdout.split('\n');
    expect(lines[0]).toBe('规则包变更影响（截至 2026-06-30）');
    expect(lines[1]).toMatch(/^ {2}变更前：cn-default 1\.0\.0 \([0-9a-f]{12}\)$/);
    expect(lines[2]).toMatch(/^ {2}变更后：cn-default 1\.1\.0 \([0-9a-f]{12}\)$/);
    expect(lines.slice(3).join('\n')).toBe(
      [
        '两个规则包下均已重放 5 笔贷款 · 有变化 3 笔 · 错误 0 份',
        '',
        '            有变化的贷款笔数',
        '  贷款状态                 2',
        '  逾期档位                 0',
        '  五级分类                 0',
        '  风险等级                 0',
        '  管理模式                 0',
        '  催收分群                 0',
        '  贷后任务                 3',
        '',
        '贷款状态：2 笔贷款有变化',
        '  2 笔  逾期 M2–M3 → 委外催收  如 L-A, L-B',
        '',
        '贷后任务：3 笔贷款有变化；以下为数量有变化的任务类型和状态',
        '  任务类型      状态      变更前  变更后  增减  贷款笔数',
        '  委外催收派案  待办           1       1     0         2  如 L-B, L-D',
        '  委外催收派案  超期未办       0       2    +2         2  如 L-A, L-D',
        '',
      ].join('\n'),
    );
    // --json is data: the same in every locale.
    expect(runWithEnv({ LANG: 'zh_CN.UTF-8' }, ...args, '--json').stdout).toBe(runCli(...args, '--json').stdout);
  });

  it('--json gives the same figures as data', () => {
    const { text } = diff(current, early, book, settled, '--as-of', '2026-06-30', '--json');
    const d = JSON.parse(text) as PackDiff;
    expect(d).toMatchObject({ asOf: '2026-06-30', loans: 5, changed: 3, notYetDisbursed: 0, errors: [], before: { id: 'cn-default', version: '1.0.0' }, after: { id: 'cn-default', version: '1.1.0' } });
    expect(d.dimensions.state).toEqual({ changed: 2, transitions: [{ from: 'overdueM2M3', to: 'outsourced', loans: 2, examples: ['L-A', 'L-B'] }] });
    expect(d.dimensions.bucket).toEqual({ changed: 0, transitions: [] });
    expect(d.tasks.changed).toBe(3);
    expect(d.tasks.examples).toEqual(['L-A', 'L-B', 'L-D']);
    expect(d.tasks.counts.filter((c) => c.kind === 'agencyPlacement')).toEqual([
      { kind: 'agencyPlacement', status: 'open', before: 1, after: 1, change: 0, loans: 2, examples: ['L-B', 'L-D'] },
      { kind: 'agencyPlacement', status: 'breached', before: 0, after: 2, change: 2, loans: 2, examples: ['L-A', 'L-D'] },
    ]);
    // Every other task count is the same under both packs.
    expect(d.tasks.counts.filter((c) => c.kind !== 'agencyPlacement').every((c) => c.change === 0 && c.loans === 0)).toBe(true);
  });

  it('the same pack twice changes nothing', () => {
    const { text } = diff(current, current, book, '--as-of', '2026-06-30');
    expect(text).toContain('4 loans replayed under both packs · 0 changed · 0 errors');
    expect(text).not.toContain('→');
  });

  it('a bad history is an error entry, the rest is compared, and stderr says so', () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'a.json'), history('L-A', '2026-01-31'));
    writeFileSync(join(mixed, 'broken.json'), '{"loan": ');
    writeFileSync(join(mixed, 'lines.jsonl'), `${history('L-B', '2026-02-28')}\n${JSON.stringify({ loan: { id: 'L-BAD', principal: 60000 }, events: [] })}\n${history('L-LATER', '2026-08-01')}\n`);
    const { text, stderr } = diff(current, early, mixed, '--as-of', '2026-06-30');
    expect(text).toContain('2 loans replayed under both packs · 2 changed · 2 errors · 1 not yet disbursed');
    expect(text).toContain('  2 loans  overdueM2M3 → outsourced  e.g. L-A, L-B');
    expect(text).toContain(`errors: 2 histories could not be compared\n  ${join(mixed, 'broken.json')}\n    ✖ The file is not valid JSON`);
    expect(text).toContain(`  ${join(mixed, 'lines.jsonl')}:2 (loan L-BAD)\n`);
    expect(stderr).toBe(`⚠ 2 histories could not be compared and are listed under errors (first: ${join(mixed, 'broken.json')}); the diff covers the rest\n`);
    const d = JSON.parse(diff(current, early, mixed, '--as-of', '2026-06-30', '--json').text) as PackDiff;
    expect(d.errors.map((e) => [e.source, e.line ?? null, e.loanId ?? null])).toEqual([
      [join(mixed, 'broken.json'), null, null],
      [join(mixed, 'lines.jsonl'), 2, 'L-BAD'],
    ]);
  });

  it('usage errors exit 2; a missing path, a bad pack or a date outside a pack exits 1', () => {
    const usage = runCli('diff', current, early, '--as-of', '2026-06-30');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('diff takes two pack directories and then the histories');
    expect(runCli('diff', current, early, book).code).toBe(2);
    expect(runCli('diff', current, early, book, '--as-of', '2026-06-30', '--pack', current).code).toBe(2);
    const missing = runCli('diff', current, early, join(dir, 'nope.jsonl'), '--as-of', '2026-06-30');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
    const noPack = runCli('diff', current, join(dir, 'no-pack'), book, '--as-of', '2026-06-30');
    expect(noPack.code).toBe(1);
    const before = runCli('diff', current, early, book, '--as-of', '2019-12-31');
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('is effective from 2020-01-01; the as-of date 2019-12-31 is outside');
  });
});
