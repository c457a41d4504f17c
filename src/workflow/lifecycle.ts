import { setup, transition, type AnyMachineSnapshot } from 'xstate';
import lifecycleConfig from '../../workflows/lifecycle.json';
import { LIFECYCLE_STATES, type LifecycleState } from '../rules/vocabulary';

/**
 * Events the lifecycle statechart understands:
 * - `DECIDE`: a rule decided the loan should be in state `to` (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
 * - `LAWSUIT_FILED`: a `lawsuitFiled` event of the history (P-LC-6).
 */
export type LifecycleEvent = { readonly type: 'DECIDE'; readonly to: LifecycleState } | { readonly type: 'LAWSUIT_FILED' };

/**
 * The lifecycle statechart: the JSON definition in `workflows/lifecycle.json` bound to its named guard.
 * The guard reads only the event, never a threshold: thresholds live in the rule pack.
 */
export const lifecycleMachine = setup({
  types: { events: {} as LifecycleEvent },
  guards: {
    decidedTo: ({ event }, params: { to: LifecycleState }) => event.type === 'DECIDE' && event.to === params.to,
  },
}).createMachine(lifecycleConfig as Parameters<ReturnType<typeof setup<object, LifecycleEvent>>['createMachine']>[0]);

/** Version of the statechart definition, recorded in persisted snapshots. */
export const LIFECYCLE_VERSION: string = lifecycleConfig.version;

const snapshots = new Map<LifecycleState, AnyMachineSnapshot>();
const memo = new Map<string, LifecycleState | null>();

function snapshotOf(state: LifecycleState): AnyMachineSnapshot {
  let s = snapshots.get(state);
  if (s === undefined) {
    s = lifecycleMachine.resolveState({ value: state, context: {} });
    snapshots.set(state, s);
  }
  return s;
}

/**
 * The state the statechart moves to from `from` on `event`, or `null` when it refuses the move.
 * Guards depend only on the event, so answers are memoised: XState runs once per distinct
 * (state, event) pair per process, which keeps replays of millions of loans fast.
 *
 * @example
 * ```ts
 * nextLifecycleState('normal', { type: 'DECIDE', to: 'overdueM1' }); // 'overdueM1'
 * nextLifecycleState('normal', { type: 'LAWSUIT_FILED' });           // null
 * ```
 */
export function nextLifecycleState(from: LifecycleState, event: LifecycleEvent): LifecycleState | null {
  const key = event.type === 'DECIDE' ? `${from}>${event.to}` : `${from}>${event.type}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  const snap = snapshotOf(from);
  let result: LifecycleState | null = null;
  if (snap.can(event)) {
    const [next] = transition(lifecycleMachine, snap as never, event) as [AnyMachineSnapshot, unknown];
    const value: unknown = next.value;
    if (typeof value === 'string' && (LIFECYCLE_STATES as readonly string[]).includes(value) && value !== from) {
      result = value as LifecycleState;
    }
  }
  memo.set(key, result);
  return result;
}

/** States a `DECIDE` may move to from `from`, read from the statechart (for docs and lint). */
export function allowedDecisions(from: LifecycleState): LifecycleState[] {
  return LIFECYCLE_STATES.filter((to) => nextLifecycleState(from, { type: 'DECIDE', to }) !== null);
}
