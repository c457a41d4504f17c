import { describe, expect, it } from 'vitest';
import { COMMANDS, commandHelp, mainHelp } from '../../src/cli/commandHelp';
import { EXIT } from '../../src/cli/main';
import pkg from '../../package.json';
import { runWithEnv, runWithEnvAsync } from './envRun';

const ZH = { LANG: 'zh_CN.UTF-8' };

/** The options a page names (`--as-of`, `--lang` …): the words a user types, the same in every locale. */
function options(page: string): string[] {
  return [...new Set([...page.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))].sort();
}

describe('command help in zh-CN', () => {
  it.each(COMMANDS)('%s: a Chinese page with the same usage line, options and exit codes as the English one', (command) => {
    const zh = commandHelp(command, 'zh-CN');
    const english = commandHelp(command);
    expect(zh.startsWith(`用法：postloan ${command === 'db' ? 'db migrate' : command}`)).toBe(true);
    expect(zh).toContain('退出码：');
    expect(zh).toContain('示例：');
    expect(options(zh)).toEqual(options(english));
    // The usage line is the one a user types: the same in both locales.
    expect(zh.split('\n')[0]?.replace('用法：', '')).toBe(english.split('\n')[0]?.replace('Usage: ', ''));
    expect(zh).toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('postloan --help, <command> --help and help <command> follow LANG and --lang', async () => {
    const top = runWithEnv(ZH, '--help');
    expect(top.code).toBe(EXIT.ok);
    expect(top.stdout).toBe(mainHelp(pkg.version, 'zh-CN'));
    expect(top.stdout).toContain('  diagram  以 Mermaid stateDiagram-v2 输出贷款生命周期状态图。');
    expect(options(top.stdout)).toEqual(options(mainHelp(pkg.version)));
    expect(runWithEnv({}, '--help', '--lang', 'zh-CN').stdout).toBe(top.stdout);
    expect(runWithEnv(ZH, '--help', '--lang', 'en').stdout).toBe(mainHelp(pkg.version));
    expect(runWithEnv(ZH, 'help', 'diff').stdout).toBe(commandHelp('diff', 'zh-CN'));
    for (const command of ['replay', 'diagram', 'validate', 'generate', 'explain', 'diff'] as const) {
      expect(runWithEnv(ZH, command, '--help').stdout, command).toBe(commandHelp(command, 'zh-CN'));
    }
    for (const command of ['report', 'batch', 'tasks', 'eod'] as const) {
      expect((await runWithEnvAsync(ZH, command, '--help')).stdout, command).toBe(commandHelp(command, 'zh-CN'));
    }
  });

  it('no command: the Chinese usage and exit 2; a usage error is titled in Chinese with exit 2', () => {
    const none = runWithEnv(ZH);
    expect(none.code).toBe(EXIT.usage);
    expect(none.stdout.startsWith(`postloan ${pkg.version} — 贷后管理`)).toBe(true);
    const bad = runWithEnv(ZH, 'diagram', 'extra');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('✖ 用法错误');
  });

  it('documents --reasons on the replay page in both locales', () => {
    expect(commandHelp('replay')).toContain('--reasons');
    expect(commandHelp('replay', 'zh-CN')).toContain('--reasons        为每条时间线记录加上 "reasonText"');
  });
});
