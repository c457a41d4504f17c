import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { loadPack } from '../../src/rules/loadPack';

const DIR = 'tests/fixtures/packs/staged';
const files = readPackDir(DIR);
const manifest = JSON.parse(files['pack.json'] as string) as Record<string, unknown>;
const stageRules = JSON.parse(files['stage.json'] as string) as { rules: Record<string, unknown>[] };

/** The staged pack with its pack.json's scales and its stage.json's rules replaced. */
function load(scales: unknown, rules: readonly unknown[] = stageRules.rules) {
  return loadPack({ ...files, 'pack.json': JSON.stringify({ ...manifest, scales }), 'stage.json': JSON.stringify({ rules }) }, { dir: `${DIR}/` });
}
function problems(r: ReturnType<typeof load>): string[] {
  return r.ok ? [] : r.issues.map((i) => `${i.file ?? ''} ${i.path}: ${i.message} | ${i.hint ?? ''}`);
}
const stage = { values: ['stage1', 'stage2', 'stage3'], sticky: ['stage3'] };
const rule = (id: string, event: unknown, conditions: unknown = { all: [{ fact: 'dpd', operator: 'greaterThan', value: 0 }] }) => ({ id, name: 'P-ST-9', conditions, event });

describe('scales.dimensions in pack.json', () => {
  it('loads the staged pack: the dimension inherited rules read and set', () => {
    const r = load({ dimensions: { stage } });
    expect(problems(r)).toEqual([]);
    if (r.ok) expect(r.value.scales.dimensions).toEqual([{ name: 'stage', values: ['stage1', 'stage2', 'stage3'], sticky: ['stage3'] }]);
  });

  it('refuses a dimension named like a built-in fact, duplicate values and a sticky value that is not a value, each at its path', () => {
    const r = load({ dimensions: { stage, dpd: { values: ['a', 'b', 'a'], sticky: ['c'] } } });
    expect(problems(r)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tests\/fixtures\/packs\/staged\/pack\.json scales\.dimensions\.dpd: The dimension "dpd" has the name of a built-in fact/),
        expect.stringMatching(/scales\.dimensions\.dpd\.values\[2\]: "a" is listed twice/),
        expect.stringMatching(/scales\.dimensions\.dpd\.sticky\[0\]: The sticky value "c" is not one of the dimension's values/),
      ]),
    );
  });

  it('refuses an empty list of values and a name that is not camelCase', () => {
    const r = load({ dimensions: { stage, 'Bad-name': { values: [] } } });
    expect(problems(r).some((p) => p.includes('scales.dimensions'))).toBe(true);
    expect(problems(r).length).toBeGreaterThanOrEqual(2);
  });

  it('checks floors and permits against the dimensions: unknown dimension, unknown value, a dimension on a permit other than upgrade', () => {
    const r = load({ dimensions: { stage } }, [
      ...stageRules.rules,
      rule('a', { type: 'floor', params: { dimension: 'stag', value: 'stage2' } }),
      rule('b', { type: 'floor', params: { dimension: 'stage', value: 'stage4' } }),
      rule('c', { type: 'permit', params: { action: 'writeOff', dimension: 'stage' } }),
    ]);
    expect(problems(r)).toEqual([
      expect.stringMatching(/stage\.json rules\[4\]\.event\.params\.dimension: Unknown dimension "stag" \| did you mean "stage"\?/),
      expect.stringMatching(/stage\.json rules\[5\]\.event\.params\.value: "stage4" is not a value of the dimension "stage"/),
      expect.stringMatching(/stage\.json rules\[6\]\.event\.params\.dimension: A permit for "writeOff" names no dimension/),
    ]);
  });

  it('checks the values a condition compares a dimension with, and offers the dimension among the facts', () => {
    const r = load({ dimensions: { stage } }, [
      ...stageRules.rules,
      rule('d', { type: 'riskLevel', params: { level: 'high' } }, { all: [{ fact: 'stage', operator: 'equal', value: 'stage4' }] }),
      rule('e', { type: 'riskLevel', params: { level: 'high' } }, { all: [{ fact: 'stag', operator: 'equal', value: 'stage3' }] }),
    ]);
    expect(problems(r)).toEqual([
      expect.stringMatching(/rules\[4\]\.conditions\.all\[0\]\.value: .*stage4/),
      expect.stringMatching(/rules\[5\]\.conditions\.all\[0\]\.fact: Unknown fact "stag" \| did you mean "stage"\?/),
    ]);
  });

  it('a pack without the dimension cannot use it: the floor names an unknown dimension and the condition an unknown fact', () => {
    const r = load(undefined);
    expect(problems(r)).toEqual(
      expect.arrayContaining([expect.stringMatching(/rules\[0\]\.event\.params\.dimension: Unknown dimension "stage"/), expect.stringMatching(/rules\[3\]\.conditions\.all\[0\]\.fact: Unknown fact "stage"/)]),
    );
  });

  it('an extending pack inherits the dimensions of the pack it extends and adds its own by name', () => {
    const child = {
      'pack.json': JSON.stringify({ extends: '../staged', id: 'staged-child', version: '1.0.0', effectiveFrom: '2020-01-01', rules: ['watch.json'], scales: { dimensions: { watch: { values: ['none', 'watch'] } } } }),
      'watch.json': JSON.stringify({ rules: [rule('watch-stage3', { type: 'floor', params: { dimension: 'watch', value: 'watch' } }, { all: [{ fact: 'stage', operator: 'equal', value: 'stage3' }] })] }),
      ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k.startsWith('../') ? k : `../staged/${k}`, v])),
    };
    const r = loadPack(child, { dir: 'tests/fixtures/packs/child/' });
    expect(problems(r)).toEqual([]);
    if (r.ok) expect(r.value.scales.dimensions.map((d) => d.name)).toEqual(['stage', 'watch']);
  });
});
