import { setup, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { Locale } from '../i18n/locale';
import type { LifecycleRole, PermitAction, StatechartConfig } from './statechartSchema';

/**
 * Events the lifecycle statechart understands:
 * - `DECIDE`: a rule decided the loan should be in state `to` (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
 * - `LAWSUIT_FILED`, `JUDGMENT`: the history's `lawsuitFiled` and `judgment` events (P-LC-6).
 * - `AGENCY_PLACEMENT`, `AGENCY_RECALL`: agency events (P-LC-4, P-LC-5, P-CS-7); `permits` are the
 *   actions the pack's rules permit at that moment.
 * - `WRITE_OFF`: an approved write-off (P-LC-7), four-eyes already checked (P-CT-1).
 *
 * @example
 * ```ts
 * const e: LifecycleEvent = { type: 'DECIDE', to: 'overdueM1' };
 * ```
 */
export type LifecycleEvent =
  | { readonly type: 'DECIDE'; readonly to: string }
  | { readonly type: 'LAWSUIT_FILED' }
  | { readonly type: 'JUDGMENT' }
  | { readonly type: 'AGENCY_RECALL' }
  | { readonly type: 'AGENCY_PLACEMENT'; readonly permits: readonly PermitAction[] }
  | { readonly type: 'WRITE_OFF'; readonly permits: readonly PermitAction[] };

/**
 * A pack's lifecycle statechart, built once when the pack is loaded: its states, their roles and labels,
 * the XState machine, and the memoised answer to "where does this event move the loan".
 *
 * @example
 * ```ts
 * const chart = pack.statechart;
 * chart.initial; // 'normal'
 * chart.next('normal', { type: 'DECIDE', to: 'overdueM1' }); // 'overdueM1'
 * ```
 */
export interface Statechart {
  readonly id: string;
  /** Recorded in snapshots: a snapshot of another statechart is refused. */
  readonly version: string;
  readonly initial: string;
  /** Every state, in the file's order. */
  readonly states: readonly string[];
  readonly machine: AnyStateMachine;
  /** The config as validated (for the docs and the diagram). */
  readonly config: StatechartConfig;
  /** The roles of a state (none for a name that is not a state). */
  roles(state: string): ReadonlySet<LifecycleRole>;
  /** The state's own label for a locale (`meta.label`), if it gives one. */
  label(state: string, locale: Locale): string | undefined;
  /**
   * The state the statechart moves to from `from` on `event` — `from` itself when it accepts the event
   * without moving (assigning an agency to an outsourced loan) — or `null` when it refuses the event.
   */
  next(from: string, event: LifecycleEvent): string | null;
}

const NO_ROLES: ReadonlySet<LifecycleRole> = new Set();

/**
 * Builds a {@link Statechart} from a validated config (see `parseStatechart`): one XState machine with the
 * named guards `decidedTo` and `permitted`, and a memo of its answers. Guards read only the event, never a
 * threshold (thresholds live in the rule pack), so every answer depends on (state, event) alone and XState
 * runs once per distinct pair per statechart, which keeps replays of millions of loans fast.
 *
 * @example
 * ```ts
 * const chart = createStatechart(config);
 * chart.next('outsourced', { type: 'LAWSUIT_FILED' }); // 'litigation'
 * ```
 */
export function createStatechart(config: StatechartConfig): Statechart {
  const machine = setup({
    types: { events: {} as LifecycleEvent },
    guards: {
      decidedTo: ({ event }, params: { to: string }) => event.type === 'DECIDE' && event.to === params.to,
      permitted: ({ event }, params: { action: PermitAction }) => 'permits' in event && event.permits.includes(params.action),
    },
    // The replay engine performs these (it owns the loan's data); naming them here documents them in the
    // statechart and its diagram.
    actions: {
      assignAgency: () => undefined,
      recallAgency: () => undefined,
      recordJudgment: () => undefined,
    },
    // The config passed parseStatechart: flat states, known events, guards and actions only. TypeScript
    // cannot tie its strings to the setup's names, hence the cast through unknown.
  }).createMachine(config as unknown as Parameters<ReturnType<typeof setup<object, LifecycleEvent>>['createMachine']>[0]);
  const states = Object.keys(config.states);
  const roles = new Map<string, ReadonlySet<LifecycleRole>>(states.map((s) => [s, new Set(config.states[s]?.tags ?? [])]));
  const snapshots = new Map<string, AnyMachineSnapshot>();
  const memo = new Map<string, string | null>();
  const snapshotOf = (state: string): AnyMachineSnapshot => {
    let s = snapshots.get(state);
    if (s === undefined) {
      s = machine.resolveState({ value: state, context: {} });
      snapshots.set(state, s);
    }
    return s;
  };
  return {
    id: config.id,
    version: config.version,
    initial: config.initial,
    states,
    machine,
    config,
    roles: (state) => roles.get(state) ?? NO_ROLES,
    label: (state, locale) => (roles.has(state) ? config.states[state]?.meta?.label?.[locale] : undefined),
    next(from, event) {
      const key =
        event.type === 'DECIDE' ? `${from}>${event.to}` : 'permits' in event ? `${from}>${event.type}:${[...event.permits].sort().join(',')}` : `${from}>${event.type}`;
      const cached = memo.get(key);
      if (cached !== undefined) return cached;
      let result: string | null = null;
      if (roles.has(from)) {
        const snap = snapshotOf(from);
        if (snap.can(event)) {
          const [after] = transition(machine, snap as never, event) as [AnyMachineSnapshot, unknown];
          const value: unknown = after.value;
          if (typeof value === 'string' && roles.has(value)) result = value;
        }
      }
      memo.set(key, result);
      return result;
    },
  };
}

/**
 * Whether `state` plays `role` in the pack's statechart. The engine's only way to ask about a state.
 *
 * @example
 * ```ts
 * hasRole(pack, run.state, 'settled'); // true once the loan is repaid in full
 * ```
 */
export function hasRole(pack: { readonly statechart: Statechart }, state: string, role: LifecycleRole): boolean {
  return pack.statechart.roles(state).has(role);
}
