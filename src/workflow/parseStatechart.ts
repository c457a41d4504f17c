import { fail, ok, type Result } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { fromZodIssues } from '../errors/fromZod';
import { issueFrom } from '../errors/issueText';
import { statechartText } from './statechartMessages';
import { STATECHART_KEYS, statechartSchema, type LifecycleRole, type StatechartConfig } from './statechartSchema';

/**
 * The roles every statechart must give some state, and why the engine needs each. `performing` is checked
 * on the initial state itself.
 *
 * @example
 * ```ts
 * REQUIRED_ROLES.settled; // 'P-LC-8: a fully repaid loan is settled; …'
 * ```
 */
export const REQUIRED_ROLES: Readonly<Partial<Record<LifecycleRole, string>>> = {
  settled:
    'P-LC-8: a fully repaid loan is settled; a settled loan is not woken again, its tasks end and its limitation period is no longer tracked, and reports take it off the book',
};

/** Roles no state may carry together. */
const EXCLUSIVE: readonly (readonly [LifecycleRole, LifecycleRole])[] = [
  ['settled', 'writtenOff'],
  ['performing', 'terminal'],
  ['internalCollection', 'terminal'],
  ['external', 'terminal'],
  ['legal', 'terminal'],
];

/** The transitions of a state, each with its event and JSON path. */
function transitionsOf(config: StatechartConfig, state: string): { event: string; at: string; target?: string; guard?: { readonly type: string; readonly params: Readonly<Record<string, string>> } }[] {
  const on = config.states[state]?.on ?? {};
  return Object.entries(on).flatMap(([event, ts]) => {
    const list = Array.isArray(ts) ? ts : ts === undefined ? [] : [ts];
    return list.map((t, i) => ({
      event,
      at: `states.${state}.on.${event}${Array.isArray(ts) ? `[${i}]` : ''}`,
      ...(t.target === undefined ? {} : { target: t.target }),
      ...(t.guard === undefined ? {} : { guard: t.guard }),
    }));
  });
}

/**
 * The state names of a statechart file that may have problems: what rules are checked against while the
 * file itself is reported. Undefined when not even its `states` object can be read.
 *
 * @example
 * ```ts
 * salvageStateNames({ states: { normal: {}, mediation: {} } }); // ['normal', 'mediation']
 * ```
 */
export function salvageStateNames(raw: unknown): string[] | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const states = (raw as { states?: unknown }).states;
  if (states === null || typeof states !== 'object' || Array.isArray(states)) return undefined;
  return Object.keys(states).filter((k) => /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(k));
}

/**
 * Checks a lifecycle statechart file as untrusted data and returns its config: the shape
 * ({@link statechartSchema}), then what the shape cannot say — the initial state and every target exist;
 * a DECIDE is guarded by `decidedTo` naming its own target and `decidedTo` guards nothing else (guards
 * then read only the event, which lets the engine memoise every answer); every state is reachable from
 * the initial state; the initial state is `performing`; the roles the engine needs exist
 * ({@link REQUIRED_ROLES}); settled and written-off states are `terminal` and terminal states do not move.
 * Every problem at once, each with the file and JSON path.
 *
 * @example
 * ```ts
 * const r = parseStatechart(JSON.parse(text), 'rules/mine/statechart.json');
 * if (!r.ok) console.error(formatIssues(r.issues));
 * ```
 */
export function parseStatechart(raw: unknown, file: string): Result<StatechartConfig> {
  const parsed = statechartSchema.safeParse(raw);
  if (!parsed.success) return fail(fromZodIssues(parsed.error.issues, file, [], STATECHART_KEYS));
  const config = parsed.data;
  const issues: PostloanIssue[] = [];
  const at = (path: string, text: Parameters<typeof issueFrom>[1], code: PostloanIssue['code'] = 'pack.invalid'): void => {
    issues.push(issueFrom({ code, file, path }, text));
  };
  const names = Object.keys(config.states);
  const exists = (s: string): boolean => Object.prototype.hasOwnProperty.call(config.states, s);
  if (!exists(config.initial)) at('initial', statechartText.unknownTarget(config.initial, names));
  for (const state of names) {
    for (const t of transitionsOf(config, state)) {
      if (t.target !== undefined && !exists(t.target)) at(`${t.at}.target`, statechartText.unknownTarget(t.target, names));
      if (t.event === 'DECIDE') {
        if (t.target === undefined || t.guard?.type !== 'decidedTo' || t.guard.params['to'] !== t.target) at(t.at, statechartText.decideGuard(t.target ?? '…'));
      } else if (t.guard?.type === 'decidedTo') at(`${t.at}.guard`, statechartText.decidedToOutsideDecide(t.event));
    }
  }
  if (issues.length > 0) return fail(issues);

  // Reachability from the initial state, over every transition whatever its guard.
  const reached = new Set<string>([config.initial]);
  const queue = [config.initial];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const t of transitionsOf(config, s)) {
      if (t.target !== undefined && !reached.has(t.target)) {
        reached.add(t.target);
        queue.push(t.target);
      }
    }
  }
  for (const state of names) if (!reached.has(state)) at(`states.${state}`, statechartText.unreachable(state, config.initial));

  // Roles.
  const rolesOf = (s: string): readonly LifecycleRole[] => config.states[s]?.tags ?? [];
  if (!rolesOf(config.initial).includes('performing')) at(`states.${config.initial}.tags`, statechartText.initialRole(config.initial));
  for (const [role, why] of Object.entries(REQUIRED_ROLES)) {
    if (!names.some((s) => rolesOf(s).includes(role as LifecycleRole))) at('states', statechartText.roleMissing(role, why));
  }
  for (const state of names) {
    const roles = rolesOf(state);
    for (const [a, b] of EXCLUSIVE) if (roles.includes(a) && roles.includes(b)) at(`states.${state}.tags`, statechartText.exclusiveRoles(state, a, b));
    for (const role of ['settled', 'writtenOff'] as const) {
      if (roles.includes(role) && !roles.includes('terminal')) at(`states.${state}.tags`, statechartText.terminalNeeded(state, role));
    }
    if (roles.includes('terminal')) {
      for (const t of transitionsOf(config, state)) if (t.target !== undefined && t.target !== state) at(t.at, statechartText.terminalMoves(state, t.event));
    }
  }
  return issues.length > 0 ? fail(issues) : ok(config);
}
