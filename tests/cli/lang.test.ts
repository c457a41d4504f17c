import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

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
    // The issue's own text follows as the detail, so nothing is lost in translation.
    expect(zh.stderr).toContain('详情：Money must be a decimal string with 2 decimals, got the number 10236.17');
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
