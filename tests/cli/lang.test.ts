import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

/** cn-default with its P-CS-10 rule filed under another policy id: one policy id uncovered, one warning. */
function packWithOneWarning(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postloan-lang-'));
  cpSync('rules/cn-default', dir, { recursive: true });
  const file = join(dir, 'collection.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { rules: { name: string }[] };
  writeFileSync(file, JSON.stringify({ ...doc, rules: doc.rules.map((r) => (r.name === 'P-CS-10' ? { ...r, name: 'P-CS-4' } : r)) }));
  return dir;
}

function run(env: Record<string, string>, ...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

const BAD = ['replay', 'tests/fixtures/bad/money-number.json', '--as-of', '2026-04-20'];

describe('the CLI in Chinese', () => {
  it('LANG=zh_CN.UTF-8: the Chinese message with the same path and exit code as in English', () => {
    const zh = run({ LANG: 'zh_CN.UTF-8' }, ...BAD);
    const english = run({}, ...BAD);
    expect(english.code).toBe(1);
    expect(zh.code).toBe(english.code);
    expect(zh.stderr).toContain('✖ 金额不能写成 JSON 数字');
    expect(zh.stderr).toContain('→ 位置：tests/fixtures/bad/money-number.json: events[0].amount');
    expect(english.stderr).toContain('→ at tests/fixtures/bad/money-number.json: events[0].amount');
    // The issue's own sentence and hint follow in Chinese, rebuilt from its text key and arguments.
    expect(zh.stderr).toContain('详情：金额须为保留 2 位小数的字符串，实际为数字 10236.17');
    expect(zh.stderr).toContain('提示：写成字符串 "10236.17"（保留 2 位小数）：JSON 数字会丢失分');
    expect(zh.stderr).not.toContain('Money must be');
  });

  it('--lang wins over LANG, and an unknown one is a usage error in English', () => {
    expect(run({ LANG: 'zh_CN.UTF-8' }, ...BAD, '--lang', 'en').stderr).toContain('✖ Money must be');
    expect(run({}, ...BAD, '--lang', 'zh-CN').stderr).toContain('✖ 金额不能写成 JSON 数字');
    const bad = run({}, ...BAD, '--lang', 'fr');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be en or zh-CN, got "fr"');
  });

  it('keeps the JSON output the same in both locales', () => {
    const args = ['replay', 'examples/cured-m1.json', '--as-of', '2026-04-20'];
    const zh = run({ LANG: 'zh_CN.UTF-8' }, ...args);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(run({}, ...args).stdout);
  });

  it('a usage error keeps exit code 2 in Chinese', () => {
    const r = run({ LC_ALL: 'zh_CN.UTF-8' }, 'replay', 'a.json', 'b.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✖ 用法错误');
  });

  it('replay --format must be json or html', () => {
    const r = run({}, 'replay', 'examples/cured-m1.json', '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be json or html, got "pdf"');
  });
});

describe('explain in Chinese', () => {
  const args = ['explain', 'examples/rolls-to-outsourced.json', '--as-of', '2026-04-20'];

  it('reads in Chinese: the frame, the decisions with their labels and codes, the rule references', () => {
    const r = run({}, ...args, '--lang', 'zh-CN');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('贷款 L-2025-0420，截至 2026-04-20，规则包 cn-default 1.0.0');
    expect(lines).toContain('五级分类 = 次级（substandard）  （P-CL-2，规则 floor-substandard）');
    expect(lines).toContain('贷款状态 = 委外催收（outsourced）  （P-LC-4，规则 outsource-at-threshold，2026-04-11）');
    expect(r.stdout).toContain('✓ dpd > 90   dpd 为 100');
    expect(r.stdout).toContain('满足其一：');
  });

  it('aligns the values by display width: a Chinese character takes two columns', () => {
    const r = run({}, ...args, '--lang', 'zh-CN');
    const rows = r.stdout.split('\n').filter((l) => l.includes('state 属于 normal') || l.includes('dpd ≥ 91 (outsourceAtDpd)'));
    expect(rows).toHaveLength(2);
    const col = (l: string): number => [...l.slice(0, l.lastIndexOf('  ') + 2)].reduce((n, ch) => n + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(col(rows[0] as string)).toBe(col(rows[1] as string));
  });

  it('--json is the same in both locales', () => {
    expect(run({ LANG: 'zh_CN.UTF-8' }, ...args, '--json').stdout).toBe(run({}, ...args, '--json').stdout);
  });
});

describe('validate in Chinese', () => {
  it('titles each finding in Chinese with its code, keeps the path and the exit code', () => {
    const dir = packWithOneWarning();
    const zh = run({}, 'validate', dir, '--strict', '--lang', 'zh-CN');
    const english = run({}, 'validate', dir, '--strict');
    expect(zh.code).toBe(english.code);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('⚠ 制度条款未被覆盖 (lint.policyNotCovered)');
    expect(zh.stdout).toContain(`→ 位置：${dir}/pack.json: policy.ids[`);
    expect(zh.stdout).toContain(`✖ 规则包 ${dir} 未通过 --strict 检查：错误 0 项，警告 1 项`);
    expect(english.stdout).toContain(`✖ ${dir} fails --strict: 0 errors, 1 warning`);
  });

  it('--json is the same in both locales', () => {
    expect(run({}, 'validate', 'rules/cn-default', '--json', '--lang', 'zh-CN').stdout).toBe(run({}, 'validate', 'rules/cn-default', '--json').stdout);
  });
});
