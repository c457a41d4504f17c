import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main';
import { lifecycleMachine } from '../../src/workflow/lifecycle';
import { toMermaid } from '../../src/workflow/mermaid';
import { runCli } from './run';
import { runWithEnv } from './envRun';

describe('postloan diagram', () => {
  it('prints the lifecycle statechart as Mermaid and exits 0', () => {
    const { code, stdout, stderr } = runCli('diagram');
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${toMermaid(lifecycleMachine)}\n`);
    expect(stdout.startsWith('stateDiagram-v2\n')).toBe(true);
  });

  it('is listed in the usage text', () => {
    const { code, stdout } = runCli('--help');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('postloan diagram [--pack <dir>]\n');
    expect(stdout).toContain('diagram  Print the loan lifecycle statechart as a Mermaid stateDiagram-v2.');
  });

  it('prints the usage with --help', () => {
    const { code, stdout } = runCli('diagram', '--help');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('Usage:');
  });

  it('in zh-CN labels states and transitions in Chinese and stays valid Mermaid: same ids, same edges', () => {
    const zh = runWithEnv({}, 'diagram', '--lang', 'zh-CN');
    expect(zh.code).toBe(EXIT.ok);
    expect(runWithEnv({ LANG: 'zh_CN.UTF-8' }, 'diagram').stdout).toBe(zh.stdout);
    const english = runCli('diagram').stdout;
    const rows = zh.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('stateDiagram-v2');
    expect(rows).toContain('  state "正常" as normal');
    expect(rows).toContain('  state "委外催收" as outsourced');
    expect(rows).toContain('  state "核销" as writtenOff');
    expect(rows).toContain('  normal --> overdueM1 : 规则判定 [判定为逾期 M1]');
    expect(rows).toContain('  overdueM1 --> outsourced : 委外催收 [规则许可提前委外]');
    expect(rows).toContain('  litigation --> litigation : 判决 / 登记判决');
    // Every line is one of the forms Mermaid's state diagram reads: a comment, a declaration with a quoted
    // description, or an edge whose label holds no `:` or `;` of its own.
    for (const row of rows.slice(1)) {
      expect(row, row).toMatch(/^ {2}(%% [^\n]*|\[\*\] --> [A-Za-z]\w*|state "[^"\n]+" as [A-Za-z]\w*|[A-Za-z]\w* --> (\[\*\]|[A-Za-z]\w*)( : [^:;\n]+)?)$/);
    }
    const edges = (text: string): string[] => text.split('\n').filter((l) => l.includes(' --> ')).map((l) => l.split(' : ')[0] as string);
    expect(edges(zh.stdout)).toEqual(edges(english));
  });

  it('takes no arguments but --pack: anything else is a usage error (exit 2)', () => {
    const { code, stdout, stderr } = runCli('diagram', 'workflows/lifecycle.json');
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain('diagram takes no arguments but --pack <dir>, got "workflows/lifecycle.json"');
    expect(stderr).toContain('postloan --help');
  });
});
