import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliText } from '../../src/cli/cliMessages';
import { contractText } from '../../src/contract/messages';
import { issueFrom, reissue, textRefOf, type TextModuleId } from '../../src/errors/issueText';
import { jsonText } from '../../src/errors/jsonMessages';
import type { PostloanIssue } from '../../src/errors/PostloanIssue';
import { maskIssues } from '../../src/errors/maskPersonalData';
import { zodText } from '../../src/errors/zodText';
import { historyText } from '../../src/history/messages';
import { localizeIssue, ZH_CN } from '../../src/i18n/issueTexts/localizeIssue';
import { parseHistory } from '../../src/history/parseHistory';
import { conditionText } from '../../src/rules/conditionMessages';
import { lintText } from '../../src/rules/lintMessages';
import { packText } from '../../src/rules/packMessages';
import { storeText } from '../../src/errors/storeMessages';
import { replayText } from '../../src/engine/replayMessages';
import { calendarText } from '../../src/time/calendarMessages';
import { replayWithSnapshot } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { PostloanError, unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { spotCheckSample } from '../../src/portfolio/spotCheck';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { portfolioText } from '../../src/portfolio/portfolioMessages';
import { statechartText } from '../../src/workflow/statechartMessages';

const ENGLISH: { readonly [M in TextModuleId]: object } = {
  contract: contractText,
  history: historyText,
  lint: lintText,
  zod: zodText,
  condition: conditionText,
  pack: packText,
  json: jsonText,
  store: storeText,
  cli: cliText,
  calendar: calendarText,
  replay: replayText,
  portfolio: portfolioText,
  statechart: statechartText,
};

/**
 * A run of four or more English words: what an untranslated sentence leaves behind. Quoted values
 * ("…"), code in backticks and interpolations (${…}) are taken out first: they stay as written.
 */
function englishRuns(text: string): string[] {
  const prose = text
    .replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' ')
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/`[^`\n]*`/g, ' ');
  return prose.match(/\b[A-Za-z][A-Za-z'-]*(?:[ ,;:()]+[A-Za-z][A-Za-z'-]*){3,}\b/g) ?? [];
}

/** Commands and formats a Chinese hint quotes as they are typed. */
const TYPED = [/npm install bullmq ioredis/, /iconv -f GB18030 -t UTF-8 in\.jsonl > out\.jsonl/];

/** The string literals and template texts of a TypeScript source, comments left out. */
function literals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.|\$\{(?:[^{}]|\{[^{}]*\})*\})*)`/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('Chinese issue texts', () => {
  it('every text module has a Chinese builder for every English one (the typecheck fails first)', () => {
    for (const [module, english] of Object.entries(ENGLISH)) {
      expect(Object.keys(ZH_CN[module as TextModuleId]).sort(), module).toEqual(Object.keys(english).sort());
    }
  });

  it('contain no untranslated English sentence', () => {
    const dir = 'src/i18n/issueTexts';
    const found: string[] = [];
    for (const file of readdirSync(dir)) {
      for (const text of literals(readFileSync(join(dir, file), 'utf8'))) {
        const cleaned = TYPED.reduce((t, re) => t.replace(re, ' '), text);
        for (const run of englishRuns(cleaned)) found.push(`${file}: ${run}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the heuristic finds an English sentence, and lets quoted values, code and interpolations pass', () => {
    expect(englishRuns('金额须为 the amount must be a string')).toEqual(['the amount must be a string']);
    expect(englishRuns('请写作 "loan": { "id", "borrower", "principal" } 或 `loan.id is missing here` ${a.b(c, d)}')).toEqual([]);
  });

  it('an issue keeps its English message and hint; the text key is invisible to JSON, keys and equality', () => {
    const r = parseHistory('{"loan": 1}', 'h.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues[0];
    expect(issue).toEqual({ code: 'input.invalid', file: 'h.json', path: 'loan', message: '"loan" must be an object, got the number 1', hint: 'write "loan": { "id", "borrower", "principal", … }' });
    expect(JSON.stringify(issue)).toBe('{"code":"input.invalid","file":"h.json","path":"loan","message":"\\"loan\\" must be an object, got the number 1","hint":"write \\"loan\\": { \\"id\\", \\"borrower\\", \\"principal\\", … }"}');
    expect(textRefOf(issue as object)).toEqual({ module: 'history', key: 'loanNotObject', args: [1] });
    expect(localizeIssue(issue as never, 'zh-CN')).toEqual({ message: '"loan" 须为对象，实际为数字 1', hint: '请写作 "loan": { "id", "borrower", "principal", … }' });
    expect(localizeIssue(issue as never, 'en')).toBe(issue);
  });

  it('the key survives the copies issues go through: masking, a file added, a path moved', () => {
    const issue: PostloanIssue = issueFrom({ code: 'input.invalid', path: 'events[0].on' }, historyText.timestampNoOffset('2026-02-17T09:30:00'));
    const copies = [maskIssues([issue])[0], reissue(issue, { file: 'book.jsonl' }), reissue(issue, { path: 'events[1].on' })];
    for (const copy of copies) expect(localizeIssue(copy as PostloanIssue, 'zh-CN').message).toBe('时间戳 "2026-02-17T09:30:00" 没有 UTC 时差，所指时刻不明确');
    // A plain spread drops the key: the issue is then printed in English, never wrongly.
    expect(localizeIssue({ ...issue }, 'zh-CN').message).toBe(issue.message);
  });

  it('texts built inside other texts are translated with them', () => {
    const inner = issueFrom({ code: 'input.invalid', path: 'x' }, zodText.unknownKey('anchr', ['anchor']));
    expect(localizeIssue(packText.badParam('contactConduct', inner, { quietFrom: '22:00' }) as never, 'zh-CN').message).toBe('参数 "contactConduct"：未知字段 "anchr"');
  });

  it('snapshot restore problems and portfolio tool problems are translated; their English is unchanged', () => {
    const pack = cnDefaultPack();
    const history = unwrap(parseHistoryValue(JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')), 'cured-m1.json'));
    const snapshot = JSON.parse(JSON.stringify(replayWithSnapshot(history, pack, { asOf: day('2026-03-01') }).snapshot)) as Record<string, unknown>;
    const restored = restoreSnapshot({ ...snapshot, checksum: 'sha256:0', asOf: 'soon' }, pack);
    expect(restored.ok).toBe(false);
    if (restored.ok) return;
    expect(restored.issues.map((i) => i.message)).toEqual(['The snapshot was modified: its content does not match its checksum', 'The snapshot has no valid asOf date']);
    expect(formatIssues(restored.issues, undefined, 'zh-CN')).toContain('快照已被修改：内容与校验和不符');
    expect(formatIssues(restored.issues, undefined, 'zh-CN')).toContain('快照中没有有效的 asOf 日期');
    let thrown: unknown;
    try {
      spotCheckSample([], { month: '2026-3', rate: '10%', seed: '' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PostloanError);
    const issues = (thrown as PostloanError).issues;
    expect(issues.map((i) => i.message)).toContain('The review month must be "YYYY-MM" with a two-digit month, got "2026-3"');
    const zh = formatIssues(issues, undefined, 'zh-CN');
    expect(zh).toContain('抽查月份须为 "YYYY-MM"，月份为两位数字，实际为 "2026-3"');
    expect(zh).toContain('请写作 "2026-03"');
    expect(zh).toContain('种子为空');
  });
});
