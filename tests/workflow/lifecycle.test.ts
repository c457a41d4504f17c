import { readFileSync } from 'node:fs';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STATES, type LifecycleState } from '../../src/rules/vocabulary';
import { allowedDecisions, LIFECYCLE_VERSION, lifecycleMachine, nextLifecycleState, type LifecycleEvent } from '../../src/workflow/lifecycle';

/** The state list of the public contract (replay output `state`, README and docs/history-format.md). */
const CONTRACT_STATES = ['normal', 'overdueM1', 'overdueM2M3', 'outsourced', 'litigation', 'writtenOff', 'settled'];

interface TransitionJson {
  target?: string;
  guard?: unknown;
}
interface StateJson {
  type?: string;
  description?: string;
  on?: Record<string, TransitionJson | TransitionJson[]>;
}
interface MachineJson {
  id: string;
  version: string;
  initial: string;
  states: Record<string, StateJson>;
}

const machineJson = JSON.parse(readFileSync(new URL('../../workflows/lifecycle.json', import.meta.url), 'utf8')) as MachineJson;

/** Every transition of the JSON definition, with the state and event it hangs on. */
const transitions = Object.entries(machineJson.states).flatMap(([state, def]) =>
  Object.entries(def.on ?? {}).flatMap(([event, ts]) => (Array.isArray(ts) ? ts : [ts]).map((t) => ({ state, event, ...t }))),
);

/** What XState itself answers, without the memo of nextLifecycleState. */
function directly(from: LifecycleState, event: LifecycleEvent): LifecycleState | null {
  const snap = lifecycleMachine.resolveState({ value: from, context: {} });
  if (!snap.can(event)) return null;
  const [next] = transition(lifecycleMachine, snap, event) as [AnyMachineSnapshot, unknown];
  return next.value as LifecycleState;
}

const decide = (to: LifecycleState): LifecycleEvent => ({ type: 'DECIDE', to });
const LAWSUIT: LifecycleEvent = { type: 'LAWSUIT_FILED' };

describe('allowed moves', () => {
  it('the full table of DECIDE moves per state', () => {
    expect(Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, allowedDecisions(s)]))).toMatchInlineSnapshot(`
      {
        "litigation": [
          "settled",
        ],
        "normal": [
          "overdueM1",
          "settled",
        ],
        "outsourced": [
          "normal",
          "settled",
        ],
        "overdueM1": [
          "normal",
          "overdueM2M3",
          "outsourced",
          "settled",
        ],
        "overdueM2M3": [
          "normal",
          "overdueM1",
          "outsourced",
          "settled",
        ],
        "settled": [],
        "writtenOff": [],
      }
    `);
  });

  it('a DECIDE to the current state is no move', () => {
    for (const s of LIFECYCLE_STATES) expect(nextLifecycleState(s, decide(s))).toBeNull();
  });

  it('the moves of the default pack take the documented path normal → overdueM1 → overdueM2M3 → outsourced', () => {
    expect(nextLifecycleState('normal', decide('overdueM1'))).toBe('overdueM1');
    expect(nextLifecycleState('overdueM1', decide('overdueM2M3'))).toBe('overdueM2M3');
    expect(nextLifecycleState('overdueM2M3', decide('outsourced'))).toBe('outsourced');
    // outsourceAtDpd = 31 (P-LC-4 reading of source 001): M1 passes straight to outsourced.
    expect(nextLifecycleState('overdueM1', decide('outsourced'))).toBe('outsourced');
    // A cured outsourced loan is recalled to normal (P-LC-3); it does not step back to an overdue stage.
    expect(nextLifecycleState('outsourced', decide('normal'))).toBe('normal');
    expect(nextLifecycleState('outsourced', decide('overdueM1'))).toBeNull();
    expect(nextLifecycleState('outsourced', decide('overdueM2M3'))).toBeNull();
  });

  it('litigation and written-off loans are not cured back to normal (P-LC-3)', () => {
    expect(nextLifecycleState('litigation', decide('normal'))).toBeNull();
    expect(nextLifecycleState('writtenOff', decide('normal'))).toBeNull();
  });

  it('settled is final: no event leaves it', () => {
    expect(lifecycleMachine.resolveState({ value: 'settled', context: {} }).status).toBe('done');
    for (const to of LIFECYCLE_STATES) expect(nextLifecycleState('settled', decide(to))).toBeNull();
    expect(nextLifecycleState('settled', LAWSUIT)).toBeNull();
    expect(allowedDecisions('settled')).toEqual([]);
  });

  it('LAWSUIT_FILED moves to litigation only from overdueM1, overdueM2M3 and outsourced', () => {
    expect(Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, nextLifecycleState(s, LAWSUIT)]))).toEqual({
      normal: null,
      overdueM1: 'litigation',
      overdueM2M3: 'litigation',
      outsourced: 'litigation',
      litigation: null,
      writtenOff: null,
      settled: null,
    });
  });

  it('a DECIDE never moves to litigation or writtenOff: those come from events, not rules', () => {
    for (const s of LIFECYCLE_STATES) {
      expect(allowedDecisions(s)).not.toContain('litigation');
      expect(allowedDecisions(s)).not.toContain('writtenOff');
    }
  });
});

describe('the machine definition (workflows/lifecycle.json)', () => {
  it('has exactly the states of the contract, starting in normal', () => {
    expect(Object.keys(machineJson.states).sort()).toEqual([...CONTRACT_STATES].sort());
    expect([...LIFECYCLE_STATES]).toEqual(CONTRACT_STATES);
    expect(machineJson.initial).toBe('normal');
    expect(lifecycleMachine.getInitialSnapshot(undefined as never).value).toBe('normal');
    expect(LIFECYCLE_VERSION).toBe(machineJson.version);
  });

  it('only settled is final', () => {
    expect(Object.entries(machineJson.states).filter(([, s]) => s.type === 'final').map(([name]) => name)).toEqual(['settled']);
  });

  it('every target is a state of the machine; targetless transitions accept an event without moving', () => {
    for (const t of transitions) if (t.target !== undefined) expect(CONTRACT_STATES).toContain(t.target);
    expect(transitions.filter((t) => t.target === undefined).map((t) => `${t.state} ${t.event}`).sort()).toEqual([
      'litigation JUDGMENT',
      'outsourced AGENCY_PLACEMENT',
      'outsourced AGENCY_RECALL',
    ]);
  });

  it('guards are the named guards: decidedTo asks for exactly the target, permitted names a rule permit', () => {
    const guarded = transitions.filter((t) => t.guard !== undefined);
    expect(guarded.length).toBeGreaterThan(0);
    for (const t of guarded) {
      if (t.event === 'DECIDE') expect(t.guard).toEqual({ type: 'decidedTo', params: { to: t.target } });
      else expect(t.guard).toEqual({ type: 'permitted', params: { action: t.event === 'WRITE_OFF' ? 'writeOff' : 'earlyOutsourcing' } });
    }
  });

  it('DECIDE, early placement and write-off are guarded; lawsuit, judgment, recall and placement of an outsourced loan are not', () => {
    for (const t of transitions) {
      const guarded = t.event === 'DECIDE' || t.event === 'WRITE_OFF' || (t.event === 'AGENCY_PLACEMENT' && t.state !== 'outsourced');
      if (guarded) expect(t.guard, `${t.state} on ${t.event}`).toBeDefined();
      else expect(t.guard, `${t.state} on ${t.event}`).toBeUndefined();
    }
    expect([...new Set(transitions.map((t) => t.event))].sort()).toEqual(['AGENCY_PLACEMENT', 'AGENCY_RECALL', 'DECIDE', 'JUDGMENT', 'LAWSUIT_FILED', 'WRITE_OFF']);
  });

  it('every state has a description for the docs', () => {
    for (const [name, s] of Object.entries(machineJson.states)) expect(s.description, name).toMatch(/\S/);
  });
});

describe('memoisation', () => {
  const events: LifecycleEvent[] = [...LIFECYCLE_STATES.map(decide), LAWSUIT];

  it('gives the same answers on repeated calls', () => {
    const first = LIFECYCLE_STATES.map((s) => events.map((e) => nextLifecycleState(s, e)));
    for (let round = 0; round < 3; round++) {
      expect(LIFECYCLE_STATES.map((s) => events.map((e) => nextLifecycleState(s, e)))).toEqual(first);
      expect(LIFECYCLE_STATES.map((s) => allowedDecisions(s))).toEqual(LIFECYCLE_STATES.map((s) => allowedDecisions(s)));
    }
  });

  it('agrees with XState run directly, for every state and event', () => {
    for (const s of LIFECYCLE_STATES) {
      for (const e of events) expect(nextLifecycleState(s, e), `${s} on ${JSON.stringify(e)}`).toBe(directly(s, e));
    }
  });

  it('a refused move is remembered as refused, not retried into a move', () => {
    expect(nextLifecycleState('normal', LAWSUIT)).toBeNull();
    expect(nextLifecycleState('normal', LAWSUIT)).toBeNull();
    expect(nextLifecycleState('normal', decide('outsourced'))).toBeNull();
    expect(nextLifecycleState('normal', decide('outsourced'))).toBeNull();
    expect(nextLifecycleState('normal', decide('overdueM1'))).toBe('overdueM1');
  });
});
