import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatechart } from '../../src/workflow/parseStatechart';
import { MAX_STATES } from '../../src/workflow/statechartSchema';

const FILE = 'rules/my-pack/statechart.json';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A private copy of the default statechart, to break. */
const base = (): Json => JSON.parse(readFileSync(new URL('../../workflows/lifecycle.json', import.meta.url), 'utf8')) as Json;

function problems(config: unknown): { path: string; message: string; hint?: string; file?: string }[] {
  const r = parseStatechart(config, FILE);
  return r.ok ? [] : r.issues.map((i) => ({ path: i.path, message: i.message, ...(i.hint === undefined ? {} : { hint: i.hint }), ...(i.file === undefined ? {} : { file: i.file }) }));
}

describe('parseStatechart', () => {
  it('accepts the default statechart, whose states carry the roles the engine acts on', () => {
    const r = parseStatechart(base(), FILE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(Object.entries(r.value.states).map(([s, d]) => [s, d.tags]))).toEqual({
      normal: ['performing'],
      overdueM1: ['internalCollection'],
      overdueM2M3: ['internalCollection'],
      outsourced: ['external'],
      litigation: ['legal'],
      writtenOff: ['writtenOff', 'terminal'],
      settled: ['settled', 'terminal'],
    });
  });

  it('an unknown transition target, with the file, the JSON path and a did-you-mean', () => {
    const c = base();
    c['states'].outsourced.on.LAWSUIT_FILED.target = 'litigaton';
    expect(problems(c)).toEqual([{ file: FILE, path: 'states.outsourced.on.LAWSUIT_FILED.target', message: 'Unknown state "litigaton"', hint: 'did you mean "litigation"?' }]);
  });

  it('an unknown initial state', () => {
    const c = base();
    c['initial'] = 'norml';
    expect(problems(c)).toEqual([{ file: FILE, path: 'initial', message: 'Unknown state "norml"', hint: 'did you mean "normal"?' }]);
  });

  it('a state no transition reaches from the initial state', () => {
    const c = base();
    c['states'].mediation = { tags: ['external'], on: { LAWSUIT_FILED: { target: 'litigation' } } };
    expect(problems(c)).toEqual([
      { file: FILE, path: 'states.mediation', message: 'State "mediation" cannot be reached from the initial state "normal"', hint: 'add a transition into "mediation" from a reachable state, or remove the state' },
    ]);
  });

  it('a missing role the engine needs: no settled state (P-LC-8)', () => {
    const c = base();
    c['states'].settled.tags = ['terminal'];
    const found = problems(c);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'states', message: expect.stringContaining('No state carries the role "settled", which the engine needs: P-LC-8') });
  });

  it('an initial state that is not performing', () => {
    const c = base();
    delete c['states'].normal.tags;
    expect(problems(c)).toEqual([expect.objectContaining({ path: 'states.normal.tags', message: expect.stringContaining('must carry the role "performing"') })]);
  });

  it('settled and written-off states are terminal, and terminal states do not move', () => {
    const c = base();
    c['states'].writtenOff.tags = ['writtenOff'];
    c['states'].settled.on = { DECIDE: [{ target: 'normal', guard: { type: 'decidedTo', params: { to: 'normal' } } }] };
    expect(problems(c).map((p) => p.path)).toEqual(['states.writtenOff.tags', 'states.settled.on.DECIDE[0]']);
  });

  it('a DECIDE must be guarded by decidedTo naming its own target, and decidedTo guards nothing else', () => {
    const c = base();
    c['states'].normal.on.DECIDE[0].guard.params.to = 'settled';
    c['states'].overdueM1.on.LAWSUIT_FILED.guard = { type: 'decidedTo', params: { to: 'litigation' } };
    expect(problems(c).map((p) => [p.path, p.message])).toEqual([
      ['states.normal.on.DECIDE[0]', 'A DECIDE transition must be guarded by decidedTo naming its own target'],
      ['states.overdueM1.on.LAWSUIT_FILED.guard', 'The guard decidedTo only answers DECIDE, not LAWSUIT_FILED'],
    ]);
  });

  it('roles that exclude each other', () => {
    const c = base();
    c['states'].settled.tags = ['settled', 'writtenOff', 'terminal'];
    expect(problems(c)).toEqual([expect.objectContaining({ path: 'states.settled.tags', message: 'State "settled" carries both "settled" and "writtenOff", which exclude each other' })]);
  });

  describe('hostile statechart JSON is refused as data, never run', () => {
    const hostile: [string, (c: Json) => void, string][] = [
      ['nested states', (c) => (c['states'].normal.states = { a: {} }), 'states.normal'],
      ['a parallel state', (c) => (c['states'].normal.type = 'parallel'), 'states.normal.type'],
      ['entry actions', (c) => (c['states'].normal.entry = 'assignAgency'), 'states.normal'],
      ['an invoked service', (c) => (c['states'].normal.invoke = { src: 'fetch' }), 'states.normal'],
      ['a delayed transition', (c) => (c['states'].normal.after = { 1000: 'settled' }), 'states.normal'],
      ['an eventless transition', (c) => (c['states'].normal.always = { target: 'settled' }), 'states.normal'],
      ['a guard given as a name of code', (c) => (c['states'].overdueM1.on.WRITE_OFF.guard = 'isAdmin'), 'states.overdueM1.on.WRITE_OFF.guard'],
      ['an unknown guard type', (c) => (c['states'].overdueM1.on.WRITE_OFF.guard = { type: 'eval', params: { code: 'process.exit()' } }), 'states.overdueM1.on.WRITE_OFF.guard.type'],
      ['an unknown action', (c) => (c['states'].outsourced.on.AGENCY_RECALL.actions = 'eval'), 'states.outsourced.on.AGENCY_RECALL.actions'],
      ['an event the engine never sends', (c) => (c['states'].normal.on.PING = { target: 'settled' }), 'states.normal.on.PING'],
      ['a context', (c) => (c['context'] = { x: 1 }), ''],
      ['an unknown role', (c) => (c['states'].normal.tags = ['performing', 'vip']), 'states.normal.tags[1]'],
      ['a state named constructor', (c) => (c['states'].constructor = { tags: ['external'] }), 'states'],
      ['a label that is not text', (c) => (c['states'].normal.meta = { label: { en: { toString: 'x' } } }), 'states.normal.meta.label.en'],
    ];
    it.each(hostile)('%s', (_name, mutate, at) => {
      const c = base();
      mutate(c);
      const found = problems(c);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((p) => p.file === FILE)).toBe(true);
      expect(found.some((p) => p.path.startsWith(at))).toBe(true);
    });

    it('too many states', () => {
      const c = base();
      for (let i = 0; i < MAX_STATES; i++) c['states'][`extra${i}`] = { tags: ['external'] };
      expect(problems(c).map((p) => p.path)).toEqual(['states']);
    });

    it('not an object at all', () => {
      expect(problems([1, 2, 3]).length).toBe(1);
      expect(problems(null).length).toBe(1);
    });
  });
});
