import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main';
import { lifecycleMachine } from '../../src/workflow/lifecycle';
import { toMermaid } from '../../src/workflow/mermaid';
import { runCli } from './run';

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
    expect(stdout).toContain('postloan diagram\n');
    expect(stdout).toContain('diagram  Print the loan lifecycle statechart as a Mermaid stateDiagram-v2.');
  });

  it('prints the usage with --help', () => {
    const { code, stdout } = runCli('diagram', '--help');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('Usage:');
  });

  it('takes no arguments: anything else is a usage error (exit 2)', () => {
    const { code, stdout, stderr } = runCli('diagram', 'workflows/lifecycle.json');
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain('diagram takes no arguments, got "workflows/lifecycle.json"');
    expect(stderr).toContain('postloan --help');
  });
});
