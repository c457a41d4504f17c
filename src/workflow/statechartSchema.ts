import { z } from 'zod';

/**
 * The roles a lifecycle state may play, written as its XState `tags`. The engine acts on roles, never on
 * state names:
 * - `performing`: nothing past due (the initial state carries it);
 * - `internalCollection`: overdue, collected in house (an agency placement there needs the early-outsourcing permit);
 * - `external`: an outside agency may hold the case (entering a state without `external`, `legal` or
 *   `writtenOff` recalls the agency, P-LC-3);
 * - `legal`: a lawsuit has been filed;
 * - `writtenOff`: off the book; payments are recoveries (P-LC-7);
 * - `settled`: repaid in full (P-LC-8): tasks end, the loan is not woken again, the limitation period is no longer tracked;
 * - `terminal`: no further move (settled and writtenOff states carry it).
 *
 * @example
 * ```ts
 * LIFECYCLE_ROLES.includes('external'); // true
 * ```
 */
export const LIFECYCLE_ROLES = ['performing', 'internalCollection', 'external', 'legal', 'writtenOff', 'settled', 'terminal'] as const;
/**
 * One of {@link LIFECYCLE_ROLES}.
 *
 * @example
 * ```ts
 * const role: LifecycleRole = 'settled';
 * ```
 */
export type LifecycleRole = (typeof LIFECYCLE_ROLES)[number];

/**
 * Actions a rule may permit (decision type `permit`), read by the statechart's `permitted` guard.
 *
 * @example
 * ```ts
 * PERMIT_ACTIONS; // ['earlyOutsourcing', 'writeOff', 'upgrade']
 * ```
 */
export const PERMIT_ACTIONS = ['earlyOutsourcing', 'writeOff', 'upgrade', 'reAge'] as const;
/**
 * One of {@link PERMIT_ACTIONS}.
 *
 * @example
 * ```ts
 * const a: PermitAction = 'writeOff';
 * ```
 */
export type PermitAction = (typeof PERMIT_ACTIONS)[number];

/**
 * The events the engine sends a lifecycle statechart; a statechart listening for anything else would never hear it.
 *
 * @example
 * ```ts
 * STATECHART_EVENTS.includes('LAWSUIT_FILED'); // true
 * ```
 */
export const STATECHART_EVENTS = ['DECIDE', 'LAWSUIT_FILED', 'JUDGMENT', 'AGENCY_PLACEMENT', 'AGENCY_RECALL', 'WRITE_OFF'] as const;

/**
 * Named effects of transitions that keep the state; the replay engine performs them (it owns the loan's data).
 *
 * @example
 * ```ts
 * STATECHART_ACTIONS; // ['assignAgency', 'recallAgency', 'recordJudgment']
 * ```
 */
export const STATECHART_ACTIONS = ['assignAgency', 'recallAgency', 'recordJudgment'] as const;

/** Most states a statechart may have: a lifecycle, not a program. */
export const MAX_STATES = 64;

const RESERVED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
const stateName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, { message: 'must be a name of letters and digits starting with a letter, e.g. "mediation"' })
  .refine((s) => !RESERVED_NAMES.has(s), { message: 'is a reserved word' });

const guardSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('decidedTo'), params: z.strictObject({ to: stateName }) }),
  z.strictObject({ type: z.literal('permitted'), params: z.strictObject({ action: z.enum(PERMIT_ACTIONS) }) }),
]);

const transitionSchema = z.strictObject({
  target: stateName.optional().describe('The state moved to; none: the event is accepted without moving'),
  guard: guardSchema.optional(),
  actions: z.enum(STATECHART_ACTIONS).optional(),
  description: z.string().max(500).optional(),
});

const labelSchema = z.strictObject({ en: z.string().min(1).max(100).optional(), 'zh-CN': z.string().min(1).max(100).optional() });

const stateSchema = z.strictObject({
  type: z.literal('final').optional(),
  description: z.string().max(500).optional(),
  tags: z.array(z.enum(LIFECYCLE_ROLES)).max(LIFECYCLE_ROLES.length).optional().describe('The roles the state plays'),
  meta: z.strictObject({ label: labelSchema.optional().describe('The state\'s name in the case page, explanations and reports, per locale') }).optional(),
  on: z.partialRecord(z.enum(STATECHART_EVENTS), z.union([transitionSchema, z.array(transitionSchema).min(1).max(MAX_STATES)])).optional(),
});

/**
 * A lifecycle statechart file: an XState v5 machine config restricted to what the engine drives — flat
 * states (no nesting, no parallel regions), the engine's events, the guards `decidedTo` and `permitted`,
 * the named actions, roles as `tags`. Untrusted data: nothing in it can run code.
 *
 * @example
 * ```ts
 * statechartSchema.safeParse(JSON.parse(text)).success;
 * ```
 */
export const statechartSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, { message: 'must be a name of letters, digits and "-", e.g. "loanLifecycle"' }),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'must be a version like "1.0.0"' }),
  description: z.string().max(4000).optional(),
  initial: stateName,
  states: z.record(stateName, stateSchema).refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= MAX_STATES, { message: `must hold 1 to ${MAX_STATES} states` }),
});
/**
 * A statechart file that passed {@link statechartSchema}.
 *
 * @example
 * ```ts
 * const config: StatechartConfig = { id: 'x', version: '1.0.0', initial: 'a', states: { a: { tags: ['performing'] } } };
 * ```
 */
export type StatechartConfig = z.output<typeof statechartSchema>;
/** One state of a {@link StatechartConfig}. */
export type StatechartStateConfig = z.output<typeof stateSchema>;

/** Keys a statechart file may hold, offered as suggestions for misspelt ones. */
export const STATECHART_KEYS: readonly string[] = ['$schema', 'id', 'version', 'description', 'initial', 'states', 'type', 'tags', 'meta', 'label', 'on', 'target', 'guard', 'params', 'to', 'action', 'actions'];
