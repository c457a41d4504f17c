import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { lintPack, validatePack } from '../../src/rules/lint';
import { DEFAULT_STATECHART } from '../../src/workflow/lifecycle';

const DIR = 'rules/my-pack/';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const defaultChart = (): Json => JSON.parse(readFileSync(new URL('../../workflows/lifecycle.json', import.meta.url), 'utf8')) as Json;

/** cn-default's statechart plus `mediation` after outsourced (role external). */
function mediationChart(): Json {
  const c = defaultChart();
  c['id'] = 'withMediation';
  c['states'].outsourced.on.DECIDE.push({ target: 'mediation', guard: { type: 'decidedTo', params: { to: 'mediation' } } });
  c['states'].mediation = { tags: ['external'], meta: { label: { en: 'mediation', 'zh-CN': '调解' } }, on: { LAWSUIT_FILED: { target: 'litigation' } } };
  return c;
}

/** cn-default's files naming `statechart.json`, plus one extra rule file. */
function packWith(chart: unknown, extraRules: unknown[] = []): Record<string, unknown> {
  const files = structuredClone(cnDefaultPackFiles) as Record<string, Json>;
  const manifest = files['pack.json'] as Json;
  manifest['statechart'] = 'statechart.json';
  manifest['rules'].push('extra.json');
  return { ...files, 'statechart.json': typeof chart === 'string' ? chart : JSON.stringify(chart), 'extra.json': { rules: extraRules } };
}

const toMediation = (id: string, to: string, state = 'outsourced') => ({
  id,
  name: 'P-LC-4',
  conditions: { all: [{ fact: 'state', operator: 'equal', value: state }, { fact: 'dpd', operator: 'greaterThan', value: 120 }] },
  event: { type: 'transition', params: { to } },
});

describe('a pack with its own statechart', () => {
  it('loads, and its rules may name its states', () => {
    const r = loadPack(packWith(mediationChart(), [toMediation('to-mediation', 'mediation')]), { dir: DIR });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.statechart.states).toContain('mediation');
    expect(r.value.statechart.version).toBe('1.0.0');
    expect(r.value.files.statechart).toBe(`${DIR}statechart.json`);
  });

  it('a transition to a state the statechart lacks: file, JSON path and did-you-mean', () => {
    const r = loadPack(packWith(mediationChart(), [toMediation('to-mediation', 'mediaton')]), { dir: DIR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([expect.objectContaining({ file: `${DIR}extra.json`, path: 'rules[0].event.params.to', message: 'Unknown state "mediaton"', hint: 'did you mean "mediation"?' })]);
  });

  it('a state fact value the statechart lacks', () => {
    const r = loadPack(packWith(mediationChart(), [toMediation('to-mediation', 'mediation', 'outsorced')]), { dir: DIR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([expect.objectContaining({ file: `${DIR}extra.json`, path: 'rules[0].conditions.all[0].value', hint: 'did you mean "outsourced"?' })]);
  });

  it('without its own statechart, mediation is no state of the pack', () => {
    const files = structuredClone(cnDefaultPackFiles) as Record<string, Json>;
    (files['pack.json'] as Json)['rules'].push('extra.json');
    const r = loadPack({ ...files, 'extra.json': { rules: [toMediation('to-mediation', 'mediation')] } }, { dir: DIR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([['rules[0].event.params.to', 'Unknown state "mediation"']]);
  });

  it("the statechart's own problems name its file; the rules are still checked against its states", () => {
    const chart = mediationChart();
    chart['states'].mediation.on.LAWSUIT_FILED.target = 'litigaton';
    const r = loadPack(packWith(chart, [toMediation('to-mediation', 'mediation'), toMediation('bad', 'mediaton')]), { dir: DIR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.file} ${i.path}: ${i.message}`)).toEqual([
      `${DIR}statechart.json states.mediation.on.LAWSUIT_FILED.target: Unknown state "litigaton"`,
      `${DIR}extra.json rules[1].event.params.to: Unknown state "mediaton"`,
    ]);
  });

  it('a statechart file with a __proto__ key is refused as JSON, before anything reads it', () => {
    const r = loadPack(packWith('{"id":"x","version":"1.0.0","initial":"a","states":{"__proto__":{"tags":["performing"]}}}'), { dir: DIR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ file: `${DIR}statechart.json` });
    expect(({} as Json)['tags']).toBeUndefined();
  });

  it('a statechart file that is missing', () => {
    const files = packWith(mediationChart());
    delete files['statechart.json'];
    const r = loadPack(files, { dir: DIR });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'pack.missingFile', file: `${DIR}pack.json`, path: 'statechart' });
  });

  it('is covered by the pack hash; a pack on the default statechart keeps its hash', () => {
    const a = loadPack(packWith(mediationChart()), { dir: DIR });
    const chart = mediationChart();
    chart['states'].mediation.description = 'changed';
    const b = loadPack(packWith(chart), { dir: DIR });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.hash).not.toBe(b.value.hash);
    expect(a.value.hash).not.toBe(cnDefaultPack().hash);
    expect(cnDefaultPack().statechart).toBe(DEFAULT_STATECHART);
  });

  it('is inherited by a pack that extends it, unless that pack names its own', () => {
    const base = packWith(mediationChart());
    const files: Record<string, unknown> = Object.fromEntries(Object.entries(base).map(([k, v]) => [`../base/${k}`, v]));
    files['pack.json'] = { extends: '../base', id: 'child', version: '1.0.0', effectiveFrom: '2020-01-01', rules: ['child.json'] };
    files['child.json'] = { rules: [toMediation('child-mediation', 'mediation')] };
    const r = loadPack(files, { dir: DIR });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.statechart.id).toBe('withMediation');
  });

  it('lint: a state with no role is a warning', () => {
    const chart = mediationChart();
    delete chart['states'].mediation.tags;
    const findings = validatePack(packWith(chart), { dir: DIR });
    expect(findings.filter((f) => f.code === 'lint.stateWithoutRole')).toEqual([
      expect.objectContaining({ severity: 'warning', file: `${DIR}statechart.json`, path: 'states.mediation.tags', message: expect.stringContaining('State "mediation" has no role') }),
    ]);
  });

  it('lint: the state fact ranges over the pack\'s states, so a rule on mediation can fire', () => {
    const r = loadPack(packWith(mediationChart(), [toMediation('leave-mediation', 'settled', 'mediation')]), { dir: DIR });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(lintPack(r.value).filter((f) => f.code === 'lint.neverFires')).toEqual([]);
  });

  it('lint: a permit no transition reads is a warning', () => {
    const chart = mediationChart();
    for (const s of ['overdueM1', 'overdueM2M3']) delete chart['states'][s].on.AGENCY_PLACEMENT;
    const findings = validatePack(packWith(chart), { dir: DIR });
    expect(findings.filter((f) => f.code === 'lint.permitNeverRead').map((f) => f.message)).toEqual([expect.stringContaining('permits earlyOutsourcing')]);
  });

  it('lint of cn-default is unchanged: no statechart findings', () => {
    expect(lintPack(cnDefaultPack()).filter((f) => f.code === 'lint.stateWithoutRole' || f.code === 'lint.permitNeverRead')).toEqual([]);
  });
});
