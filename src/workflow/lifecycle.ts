import lifecycleConfig from '../../workflows/lifecycle.json';
import { formatIssues } from '../errors/formatIssues';
import type { LifecycleState } from '../rules/vocabulary';
import { parseStatechart } from './parseStatechart';
import { createStatechart, type LifecycleEvent, type Statechart } from './statechart';

export { PERMIT_ACTIONS, type PermitAction } from './statechartSchema';
export type { LifecycleEvent } from './statechart';

function defaultStatechart(): Statechart {
  const parsed = parseStatechart(lifecycleConfig, 'workflows/lifecycle.json');
  // The file ships with the library and is tested: a problem here is a bug, not bad input.
  if (!parsed.ok) throw new Error(`workflows/lifecycle.json is invalid:\n${formatIssues(parsed.issues)}`);
  return createStatechart(parsed.value);
}

/**
 * The default lifecycle statechart (`workflows/lifecycle.json`, cn-default's states): the one every pack
 * uses unless it names its own (`"statechart"` in pack.json).
 *
 * @example
 * ```ts
 * DEFAULT_STATECHART.initial; // 'normal'
 * DEFAULT_STATECHART.roles('outsourced'); // Set { 'external' }
 * ```
 */
export const DEFAULT_STATECHART: Statechart = defaultStatechart();

/**
 * The default lifecycle statechart's XState machine: the JSON definition in `workflows/lifecycle.json`
 * bound to its named guards. A pack's own statechart is `pack.statechart.machine`.
 *
 * @example
 * ```ts
 * toMermaid(lifecycleMachine);
 * ```
 */
export const lifecycleMachine = DEFAULT_STATECHART.machine;

/**
 * Version of the default statechart definition. A snapshot records the version of its pack's statechart.
 *
 * @example
 * ```ts
 * LIFECYCLE_VERSION; // '1.0.0'
 * ```
 */
export const LIFECYCLE_VERSION: string = DEFAULT_STATECHART.version;

/**
 * The state the default statechart moves to from `from` on `event` — `from` itself when it accepts the
 * event without moving (assigning an agency to an outsourced loan) — or `null` when it refuses the event.
 * Memoised (see `createStatechart`); a pack's own statechart answers through `pack.statechart.next`.
 *
 * @example
 * ```ts
 * nextLifecycleState('normal', { type: 'DECIDE', to: 'overdueM1' }); // 'overdueM1'
 * nextLifecycleState('normal', { type: 'LAWSUIT_FILED' });           // null
 * ```
 */
export function nextLifecycleState(from: LifecycleState, event: LifecycleEvent): LifecycleState | null {
  return DEFAULT_STATECHART.next(from, event) as LifecycleState | null;
}

/**
 * States a `DECIDE` may move to from `from`, read from a statechart (the default one unless given).
 *
 * @example
 * ```ts
 * allowedDecisions('normal'); // ['overdueM1', 'settled']
 * ```
 */
export function allowedDecisions(from: string, statechart: Statechart = DEFAULT_STATECHART): string[] {
  return statechart.states.filter((to) => to !== from && statechart.next(from, { type: 'DECIDE', to }) !== null);
}
