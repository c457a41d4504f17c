import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli/run';

// The policy guide for analysts (issue 5), in English and Chinese: its commands are real CLI commands,
// the Chinese file shows the same code and outputs, and the pack.json it tells the analyst to write is a
// valid pack (the first draft fails on enter-m2m3 exactly as the guide shows).

const guides = ['docs/policy-guide.md', 'docs/policy-guide.zh.md'];
const commands = new Set(['replay', 'validate', 'explain', 'diff', 'generate', 'report', 'batch', 'diagram']);

interface Block {
  readonly lang: string;
  readonly body: string;
}

function blocks(file: string): Block[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
}

/** The pack.json drafts of sections 2–3 (outsourcing from DPD 31): the JSON blocks that extend another pack with that parameter, in order. */
function packDrafts(): Record<string, unknown>[] {
  return blocks('docs/policy-guide.md')
    .filter((b) => b.lang === 'json' && b.body.includes('"extends"') && b.body.includes('"outsourceAtDpd"'))
    .map((b) => JSON.parse(b.body) as Record<string, unknown>);
}

/** Writes a draft as <tmp>/pack.json, its `extends` pointing from there to this repository's rules/cn-default. */
function writePack(draft: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'postloan-guide-'));
  const pack = { ...draft, extends: relative(dir, resolve('rules/cn-default')) };
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(pack, null, 2));
  return dir;
}

describe('policy guide', () => {
  it('exists in English and Chinese, each linking the other, both linked from the README', () => {
    for (const file of guides) expect(existsSync(file), file).toBe(true);
    expect(readFileSync('docs/policy-guide.md', 'utf8')).toContain('](policy-guide.zh.md)');
    expect(readFileSync('docs/policy-guide.zh.md', 'utf8')).toContain('](policy-guide.md)');
    const readme = readFileSync('README.md', 'utf8');
    for (const file of guides) expect(readme).toContain(`](${file})`);
  });

  it.each(guides)('every command block of %s runs a real postloan command', (file) => {
    const sh = blocks(file).filter((b) => b.lang === 'sh');
    expect(sh.length).toBeGreaterThan(5);
    for (const block of sh) {
      const named = [...block.body.matchAll(/(?:node dist\/cli\.js|postloan)\s+([\w-]+)/g)].map((m) => m[1]);
      expect(named.length, block.body).toBeGreaterThan(0);
      for (const command of named) expect(commands, block.body).toContain(command);
    }
  });

  it('the Chinese guide shows the same commands, JSON and outputs as the English one', () => {
    const [en, zh] = guides.map((file) => blocks(file));
    expect(zh).toEqual(en);
  });

  it('the pack.json the analyst writes is valid; the draft without disabledRules fails on enter-m2m3', () => {
    const drafts = packDrafts();
    expect(drafts).toHaveLength(2);
    const [draft, final] = drafts as [Record<string, unknown>, Record<string, unknown>];
    expect(final).toMatchObject({ disabledRules: ['enter-m2m3'], parameters: { outsourceAtDpd: 31 } });

    const bad = runCli('validate', writePack(draft));
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain('Rule "enter-m2m3" can never fire');

    const good = runCli('validate', writePack(final));
    expect(good.stdout + good.stderr).toContain('is valid: 0 errors');
    expect(good.code).toBe(0);
  });
});
