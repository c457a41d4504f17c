import { setup, transition, type AnyMachineSnapshot } from 'xstate';
import lifecycleConfig from '../../workflows/lifecycle.json';
import { LIFECYCLE_STATES, type LifecycleState } from '../rules/vocabulary';

/** Actions a rule may permit (decision type `permit`), read by the statechart's `permitted` guard. */
export const PERMIT_ACTIONS = ['earlyOutsourcing', 'writeOff', 'upgrade', 'reAge'] as const;
export type PermitAction = (typeof PERMIT_ACTIONS)[number];

/**
 * Events the lifecycle statechart understands:
 * - `DECIDE`: a rule decided the loan should be in state `to` (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
 * - `LAWSUIT_FILED`, `JUDGMENT`: the history's `lawsuitFiled` and `judgment` events (P-LC-6).
 * - `AGENCY_PLACEMENT`, `AGENCY_RECALL`: agency events (P-LC-4, P-LC-5, P-CS-7); `permits` are the
 *   actions the pack's rules permit at that moment.
 * - `WRITE_OFF`: an approved write-off (P-LC-7), four-eyes already checked (P-CT-1).
 */
export type LifecycleEvent =
  | { readonly type: 'DECIDE'; readonly to: LifecycleState }
  | { readonly type: 'LAWSUIT_FILED' }
  | { readonly type: 'JUDGMENT' }
  | { readonly type: 'AGENCY_RECALL' }
  | { readonly type: 'AGENCY_PLACEMENT'; readonly permits: readonly PermitAction[] }
  | { readonly type: 'WRITE_OFF'; readonly permits: readonly PermitAction[] };

/**
 * The lifecycle statechart: the JSON definition in `workflows/lifecycle.json` bound to its named guard.
 * The guard reads only the event, never a threshold: thresholds live in the rule pack.
 */
export const lifecycleMachine = setup({
  types: { events: {} as LifecycleEvent },
  guards: {
    decidedTo: ({ event }, params: { to: LifecycleState }) => event.type === 'DECIDE' && event.to === params.to,
    permitted: ({ event }, params: { action: PermitAction }) => 'permits' in event && event.permits.includes(params.action),
  },
  // Named effects of transitions that do not change the state. The replay engine performs them (it owns
  // the loan's data); naming them here documents them in the statechart and its diagram.
  actions: {
    assignAgency: () => undefined,
    recallAgency: () => undefined,
    recordJudgment: () => undefined,
  },
  // The JSON is checked against the statechart's shape by tests/workflow/lifecycle.test.ts; TypeScript cannot
  // type a JSON import's string literals, hence the cast through unknown.
}).createMachine(lifecycleConfig as unknown as Parameters<ReturnType<typeof setup<object, LifecycleEvent>>['createMachine']>[0]);

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
 * The state the statechart moves to from `from` on `event` — `from` itself when it accepts the event
 * without moving (assigning an agency to an outsourced loan) — or `null` when it refuses the event.
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
  const key =
    event.type === 'DECIDE' ? `${from}>${event.to}` : 'permits' in event ? `${from}>${event.type}:${[...event.permits].sort().join(',')}` : `${from}>${event.type}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached;
  const snap = snapshotOf(from);
  let result: LifecycleState | null = null;
  if (snap.can(event)) {
    const [next] = transition(lifecycleMachine, snap as never, event) as [AnyMachineSnapshot, unknown];
    const value: unknown = next.value;
    if (typeof value === 'string' && (LIFECYCLE_STATES as readonly string[]).includes(value)) result = value as LifecycleState;
  }
  memo.set(key, result);
  return result;
}

/** States a `DECIDE` may move to from `from`, read from the statechart (for docs and lint). */
export function allowedDecisions(from: LifecycleState): LifecycleState[] {
  return LIFECYCLE_STATES.filter((to) => to !== from && nextLifecycleState(from, { type: 'DECIDE', to }) !== null);
}
