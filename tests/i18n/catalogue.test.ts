import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARTY_IDS, TASK_KIND_IDS } from '../../src/i18n/catalogue';
import { catalogueFor, labelOf } from '../../src/i18n/catalogueFor';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zhCN';

/** Every key path of a catalogue, functions as leaves. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.keys(value).flatMap((k) => keyPaths((value as Record<string, unknown>)[k], prefix === '' ? k : `${prefix}/${k}`));
}

/** The issue codes of the `IssueCode` union, read from its source so a new code cannot be missed. */
function issueCodes(): string[] {
  const source = readFileSync('src/errors/PostloanIssue.ts', 'utf8');
  const union = source.slice(source.indexOf('export type IssueCode'), source.indexOf(';\n', source.indexOf('export type IssueCode')));
  return [...union.matchAll(/'([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1] as string).sort();
}

describe('catalogues', () => {
  it('have the same keys in both locales: no text lacks its twin', () => {
    // English explains with the explanation's own sentences; only other locales state the principle.
    expect(en.explain.because).toBeUndefined();
    // English draws the statechart with its own names; Chinese labels every event, guard and action.
    expect(en.diagram).toBeUndefined();
    const paths = (cat: object): string[] => keyPaths(cat).filter((p) => !p.startsWith('explain/because') && !p.startsWith('diagram')).sort();
    expect(paths(zhCN)).toEqual(paths(en));
    expect(keyPaths(zhCN.explain.because).sort()).toEqual(Object.keys(zhCN.explain.topic).sort());
  });

  it('give every issue code a text in both locales', () => {
    const codes = issueCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(Object.keys(en.issue).sort()).toEqual(codes);
    expect(Object.keys(zhCN.issue).sort()).toEqual(codes);
  });

  it('have no empty text, and every Chinese label is written in Chinese', () => {
    for (const cat of [en, zhCN]) for (const path of keyPaths(cat).filter((p) => p !== 'explain/because' && p !== 'diagram')) expect(path.split('/').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], cat), path).not.toBe('');
    const tables = ['state', 'classification', 'riskLevel', 'managementMode', 'segment', 'taskStatus', 'timelineKind', 'eventType', 'taskKind', 'party', 'issue'] as const;
    for (const t of tables) for (const [k, v] of Object.entries(zhCN[t])) expect(v, `${t}.${k}`).toMatch(/[\u4e00-\u9fff]/);
  });

  it('use the regulator\'s and the policy guide\'s terms', () => {
    expect(Object.values(zhCN.classification)).toEqual(['正常', '关注', '次级', '可疑', '损失']);
    expect(zhCN.state.outsourced).toBe('委外催收');
    expect(zhCN.state.litigation).toBe('诉讼');
    expect(zhCN.state.writtenOff).toBe('核销');
    expect(zhCN.taskKind.collectionNotice).toBe('催收通知书');
    expect(zhCN.taskKind.guaranteeNotice).toBe('履行担保责任通知书');
    expect(zhCN.eventType.inspection).toBe('贷后检查');
  });

  it('name every task kind of the built-in pack', () => {
    const kinds = Object.keys((JSON.parse(readFileSync('rules/cn-default/task-kinds.json', 'utf8')) as { kinds: object }).kinds).sort();
    expect([...TASK_KIND_IDS].sort()).toEqual(kinds);
    const parties = new Set([...readFileSync('rules/cn-default/lifecycle-tasks.json', 'utf8').matchAll(/"party": "([a-zA-Z]+)"/g)].map((m) => m[1] as string));
    for (const p of parties) if (!p.startsWith('each')) expect(PARTY_IDS as readonly string[], p).toContain(p);
  });

  it('show a pack\'s own task kind by its id', () => {
    expect(labelOf(catalogueFor('zh-CN').taskKind, 'collectionNotice')).toBe('催收通知书');
    expect(labelOf(catalogueFor('zh-CN').taskKind, 'myOwnKind')).toBe('myOwnKind');
    expect(labelOf(catalogueFor('en').taskKind, 'toString')).toBe('toString');
  });
});

describe('lint titles', () => {
  it('name every lint code in both locales', async () => {
    const { LINT_CODES } = await import('../../src/rules/lint');
    expect(Object.keys(en.lint).sort()).toEqual([...LINT_CODES].sort());
    expect(Object.keys(zhCN.lint).sort()).toEqual([...LINT_CODES].sort());
  });
});
