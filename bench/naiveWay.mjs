// The naive way of doing what postloan's replay does, with the same packages, for the benchmark:
// json-rules-engine's `engine.run` for every evaluation, one XState actor per loan, and a tick per day.
//
// Facts: the naive way needs each day's facts (DPD, arrears, contacts…), which come from the ledger, not
// from rules; it takes them from the engine's own daily evaluation (a replay with `evaluateDaily`, its
// first bucket-rule test of each day spied on, as `postloan explain` does), then replaces every fact that
// a decision feeds back (state, days in state, classification, risk level, management mode, segment)
// with its own. Every decision is then made by json-rules-engine and every move by the XState actor.
// Instructions from the history that move the loan (a lawsuit, an agency placement or a write-off
// approved under the pack's permits) are sent to the actor as the engine recorded them.
import { createActor } from 'xstate';
import { day, lifecycleMachine, referenceEngine, replay } from '../dist/index.js';

const NON_PERFORMING = new Set(['substandard', 'doubtful', 'loss']);
const RANK = { pass: 0, specialMention: 1, substandard: 2, doubtful: 3, loss: 4 };
const worse = (a, b) => (RANK[b] > RANK[a] ? b : a);
/** The engine moves a loan at most this many times a day (MAX_MOVES_PER_DAY in src/engine/replay.ts). */
const MAX_MOVES_PER_DAY = 8;
/** XState events of the history instructions that move a loan, by the state they move it to. */
const INSTRUCTION = {
  litigation: { type: 'LAWSUIT_FILED' },
  outsourced: { type: 'AGENCY_PLACEMENT', permits: ['earlyOutsourcing'] },
  writtenOff: { type: 'WRITE_OFF', permits: ['writeOff'] },
};

/**
 * A json-rules-engine Engine with every rule of `pack` (the library's reference translation: each event
 * carries its decision and rule id), and each rule's place in the pack, which breaks ties of priority
 * as the engine's rule lists do.
 */
export function naiveEngine(pack) {
  const order = new Map(pack.rules.map((r, i) => [r.id, i]));
  return { engine: referenceEngine(pack), order };
}

/** Fired events, highest priority first, pack order within a priority. */
async function fired({ engine, order }, facts) {
  const { results } = await engine.run({ ...facts });
  return results
    .map((r) => ({ priority: r.priority, order: order.get(r.event.params.ruleId), ...r.event }))
    .sort((a, b) => b.priority - a.priority || a.order - b.order);
}

/**
 * Replays one loan the naive way to `asOf` (a `Day`): returns the decisions at the end — state, bucket,
 * classification, risk level, management mode — and how many days it ticked and engine runs it made.
 */
export async function naiveReplay(history, pack, asOf, engine) {
  const disbursed = history.loan.disbursedOn;
  // The facts each day's evaluation starts from, captured at its first bucket-rule test.
  const startOfDay = new Map();
  const [first, ...rest] = pack.rulesByType.bucket;
  const spy = {
    ...first,
    test: (facts) => {
      const d = disbursed + facts.daysSinceDisbursement;
      if (!startOfDay.has(d)) startOfDay.set(d, { ...facts });
      return first.test(facts);
    },
  };
  const spied = { ...pack, rulesByType: { ...pack.rulesByType, bucket: [spy, ...rest] } };
  const recorded = replay(history, spied, { asOf, evaluateDaily: true });
  const instructions = new Map();
  for (const e of recorded.timeline) {
    if (e.kind !== 'stateChanged' || e.eventId === undefined) continue;
    const d = day(e.on);
    if (!instructions.has(d)) instructions.set(d, []);
    instructions.get(d).push(e.to);
  }

  const actor = createActor(lifecycleMachine).start();
  let stateSince = disbursed;
  let bucket = 'M0';
  let classification = 'pass';
  let riskLevel = 'low';
  let managementMode = 'regular';
  let segment = 'none';
  let days = 0;
  let runs = 0;
  const run = async (f) => {
    runs++;
    return fired(engine, f);
  };
  const state = () => actor.getSnapshot().value;
  const move = (event, d) => {
    const before = state();
    actor.send(event);
    if (state() !== before) stateSince = d;
  };

  for (let d = disbursed; d <= asOf; d++) {
    const start = startOfDay.get(d);
    // Settled: the engine looks at the loan again only on the day of a later event, and nothing changes
    // in between; every other day has its facts.
    if (start === undefined) continue;
    days++;
    for (const to of instructions.get(d) ?? []) move(INSTRUCTION[to], d);
    const f = { ...start, state: state(), daysInState: d - stateSince, classification, riskLevel, managementMode, segment };

    let events = await run(f);
    bucket = events.find((e) => e.type === 'bucket')?.params.bucket ?? bucket;
    // Classification: the worst floor; a non-performing class stays until an upgrade is permitted.
    let floor = 'pass';
    for (const e of events) if (e.type === 'classificationFloor') floor = worse(floor, e.params.classification);
    const upgrade = NON_PERFORMING.has(classification) && events.some((e) => e.type === 'permit' && e.params.action === 'upgrade');
    const next = worse(floor, NON_PERFORMING.has(classification) && !upgrade ? classification : 'pass');
    if (next !== classification) {
      classification = f.classification = next;
      events = await run(f);
    }
    const risk = events.find((e) => e.type === 'riskLevel')?.params.level ?? 'low';
    if (risk !== riskLevel) {
      riskLevel = f.riskLevel = risk;
      events = await run(f);
    }
    const mode = events.find((e) => e.type === 'managementMode')?.params.mode ?? 'regular';
    if (mode !== managementMode) {
      managementMode = f.managementMode = mode;
      events = await run(f);
    }
    for (let moves = 0; moves < MAX_MOVES_PER_DAY; moves++) {
      const from = state();
      const asked = events.filter((e) => e.type === 'transition' && e.params.to !== from);
      const allowed = asked.find((e) => actor.getSnapshot().can({ type: 'DECIDE', to: e.params.to }));
      if (allowed === undefined) break;
      move({ type: 'DECIDE', to: allowed.params.to }, d);
      f.state = state();
      f.daysInState = d - stateSince;
      events = await run(f);
    }
    segment = f.segment = events.find((e) => e.type === 'segment')?.params.segment ?? 'none';
  }
  actor.stop();
  return { state: state(), bucket, classification, riskLevel, managementMode, days, runs };
}
