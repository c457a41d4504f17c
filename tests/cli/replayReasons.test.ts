import { describe, expect, it } from 'vitest';
import type { ReasonedOutput } from '../../src/i18n/timelineReason';
import { runWithEnv } from './envRun';

const ARGS = ['replay', 'examples/rolls-to-outsourced.json', '--as-of', '2026-04-20'];

describe('postloan replay --reasons', () => {
  it('without --reasons the JSON is byte-identical in every locale, --lang or LANG', () => {
    const english = runWithEnv({}, ...ARGS).stdout;
    expect(english).not.toContain('reasonText');
    expect(runWithEnv({}, ...ARGS, '--lang', 'zh-CN').stdout).toBe(english);
    expect(runWithEnv({ LANG: 'zh_CN.UTF-8' }, ...ARGS).stdout).toBe(english);
    expect(runWithEnv({ LC_ALL: 'zh_CN.UTF-8' }, ...ARGS, '--compact').stdout).toBe(runWithEnv({}, ...ARGS, '--compact').stdout);
  });

  it('gives every timeline entry a reasonText in the chosen locale and changes nothing else', () => {
    const plain = JSON.parse(runWithEnv({}, ...ARGS).stdout) as ReasonedOutput;
    for (const [env, extra, script] of [
      [{}, ['--lang', 'zh-CN'], /[\u4e00-\u9fff]/],
      [{ LANG: 'zh_CN.UTF-8' }, [], /[\u4e00-\u9fff]/],
      [{}, [], /^[\x20-\x7e–→…]+$/],
    ] as const) {
      const r = runWithEnv(env, ...ARGS, '--reasons', ...extra);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as ReasonedOutput;
      expect(out.timeline).toHaveLength(plain.timeline.length);
      for (const e of out.timeline) expect(e.reasonText, e.kind).toMatch(script);
      const stripped = { ...out, timeline: out.timeline.map(({ reasonText: _, ...e }) => e) };
      expect(JSON.stringify(stripped, null, 2)).toBe(JSON.stringify(plain, null, 2));
    }
  });

  it('says what each decision was, from its states, DPD and policy ids', () => {
    const out = JSON.parse(runWithEnv({}, ...ARGS, '--reasons', '--lang', 'zh-CN').stdout) as ReasonedOutput;
    const texts = out.timeline.map((e) => e.reasonText);
    expect(texts).toContain('贷款状态由“逾期 M2–M3”转为“委外催收”（逾期 91 天）（依据 P-LC-4）');
    expect(texts).toContain('五级分类由“关注”调整为“次级”（逾期 91 天）（依据 P-CL-2）');
    expect(texts).toContain('逾期档位由 M0 调整为 M1（逾期 1 天）（依据 P-LC-2）');
  });

  it('is a usage error with a value', () => {
    const r = runWithEnv({}, ...ARGS, '--reasons=yes');
    expect(r.code).toBe(2);
  });
});
