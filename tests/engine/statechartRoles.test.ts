import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/replay';
import { parseHistory } from '../../src/history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * cn-default with its states renamed (settled → paidOff, writtenOff → chargedOff, normal → current):
 * the engine acts on the roles, so a loan replays exactly as under cn-default, the names aside.
 */
const RENAMED: Readonly<Record<string, string>> = { settled: 'paidOff', writtenOff: 'chargedOff', normal: 'current' };

function renamedPack() {
  const chart = JSON.parse(readFileSync(new URL('../../workflows/lifecycle.json', import.meta.url), 'utf8')) as Json;
  const rename = (s: string): string => RENAMED[s] ?? s;
  const text = JSON.stringify({ ...chart, id: 'renamed', initial: rename(chart['initial'] as string), states: Object.fromEntries(Object.entries(chart['states'] as Json).map(([k, v]) => [rename(k), v])) })
    .replace(/"(target|to)":"(\w+)"/g, (_m, key: string, s: string) => `"${key}":"${rename(s)}"`);
  const files: Record<string, unknown> = {};
  for (const [name, content] of Object.entries(cnDefaultPackFiles)) {
    let t = typeof content === 'string' ? content : JSON.stringify(content);
    // Only the rule files name states: their values and transition targets.
    if (name !== 'pack.json' && name !== 'task-kinds.json') for (const [from, to] of Object.entries(RENAMED)) t = t.replaceAll(`"${from}"`, `"${to}"`);
    files[name] = t;
  }
  const manifest = JSON.parse(files['pack.json'] as string) as Json;
  manifest['statechart'] = 'statechart.json';
  files['pack.json'] = JSON.stringify(manifest);
  files['statechart.json'] = text;
  const r = loadPack(files, { dir: 'rules/renamed/' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
  return r.value;
}

function historyOf(file: string) {
  const h = parseHistory(readFileSync(file, 'utf8'), file);
  if (!h.ok) throw new Error(JSON.stringify(h.issues));
  return h.value;
}

describe('the engine acts on roles, never on state names', () => {
  const pack = renamedPack();

  it.each(['examples/settled.json', 'examples/rolls-to-outsourced.json', 'examples/cured-m1.json'])('%s replays as under cn-default, the state names aside', (file) => {
    const history = historyOf(file);
    const asOf = day('2026-04-20');
    const theirs = JSON.stringify(replay(history, pack, { asOf }));
    let ours = JSON.stringify(replay(history, cnDefaultPack(), { asOf }));
    for (const [from, to] of Object.entries(RENAMED)) ours = ours.replaceAll(`"${from}"`, `"${to}"`);
    const { hash, id, version } = cnDefaultPack();
    ours = ours.replace(JSON.stringify({ id, version, hash }), JSON.stringify({ id: pack.id, version: pack.version, hash: pack.hash }));
    // Free-text reasons may quote a state ("the loan is normal") and timeline ids hash their entry's
    // content; compare everything else.
    const strip = (s: string): unknown => JSON.parse(s, (k, v: unknown) => (k === 'reason' || k === 'message' || (k === 'id' && typeof v === 'string' && v.startsWith('tl-')) ? undefined : v));
    expect(strip(theirs)).toEqual(strip(ours));
  });

  it('a loan repaid in full is settled by role: paidOff, and it is not looked at again', () => {
    const out = replay(historyOf('examples/settled.json'), pack, { asOf: day('2026-04-20') });
    expect(out.state).toBe('paidOff');
    expect(out.nextReviewOn).toBeNull();
  });
});
