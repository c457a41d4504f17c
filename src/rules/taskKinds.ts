import { schemaPhrase } from '../errors/schemaPhrases';
import { z } from 'zod';
import { EVENT_TYPES } from '../history/events';

const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

/**
 * zod schema of one way a task gets done: a history event of type `event` whose fields equal `match`
 * (a list means "any of"). `sameParty` names the event field that must name the task's party: a
 * guarantor's notice is done by a `noticeSent` whose `party` is that guarantor; for the borrower the
 * field may be absent or say "borrower".
 *
 * @example
 * ```ts
 * closingEventSchema.parse({ event: 'noticeSent', match: { kind: 'maturity' }, sameParty: 'party' });
 * ```
 */
export const closingEventSchema = z.strictObject({
  // A reversal only takes its event back: the replay is that of the history without it, so it does no task.
  event: z.enum(EVENT_TYPES).exclude(['reversal']),
  match: z.record(z.string(), z.union([scalar, z.array(scalar).min(1).max(50)])).optional(),
  sameParty: z.enum(['party', 'partyId', 'collateralId']).optional(),
  /** The event field that, when the event has it, must name the task's assignee (the collector it was given to). */
  sameAssignee: z.enum(['collectorId']).optional(),
});
export type ClosingEvent = z.output<typeof closingEventSchema>;

/**
 * zod schema of one task kind of a pack's task-kinds file: what it is, the events that close it, and
 * whether it can still be done after its deadline.
 *
 * @example
 * ```ts
 * taskKindSchema.parse({ description: 'Phone the borrower', closedBy: [{ event: 'contactAttempt' }] }).lateAllowed; // true
 * ```
 */
export const taskKindSchema = z.strictObject({
  description: z.string().min(1).max(2000),
  closedBy: z.array(closingEventSchema).min(1).max(20),
  /** false: once past its deadline the task can no longer be done (a reminder after the date is no reminder). Default true. */
  lateAllowed: z.boolean().default(true),
  /**
   * The time of day (`HH:MM`, the pack's time zone) on the deadline day by which the task is due: an
   * event that carries a timestamp `at` later that day does it late. Without it, the whole deadline day counts.
   */
  dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A due time is a local time HH:MM (00:00–23:59), e.g. "17:00"' }).optional(),
});
export type TaskKindDefinition = z.output<typeof taskKindSchema>;

/**
 * zod schema of the task-kinds file of a pack (named by `"tasks"` in pack.json): every kind of task and
 * what closes it. `loadPack` validates the file with it and reports problems with file and JSON path.
 *
 * @example
 * ```ts
 * taskKindsFileSchema.safeParse(JSON.parse(readFileSync('rules/cn-default/task-kinds.json', 'utf8'))).success; // true
 * ```
 */
export const taskKindsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().max(4000).optional(),
  kinds: z.record(z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { message: schemaPhrase.taskKindName }), taskKindSchema),
});
export type TaskKinds = Readonly<Record<string, TaskKindDefinition>>;

const entriesCache = new WeakMap<object, readonly (readonly [string, unknown])[]>();

/** A `match` object's entries, listed once per object: events are checked against it by the thousand. */
function matchEntries(match: Readonly<Record<string, unknown>>): readonly (readonly [string, unknown])[] {
  let entries = entriesCache.get(match);
  if (entries === undefined) {
    entries = Object.entries(match);
    entriesCache.set(match, entries);
  }
  return entries;
}

/** Whether `event`'s fields equal `match`'s (a list: any of them), as {@link eventCloses} asks. */
function fieldsMatch(match: Readonly<Record<string, unknown>>, event: Readonly<Record<string, unknown>>): boolean {
  const entries = matchEntries(match);
  for (let i = 0; i < entries.length; i++) {
    const [key, want] = entries[i] as readonly [string, unknown];
    const got = event[key];
    if (Array.isArray(want) ? !want.includes(got) : got !== want) return false;
  }
  return true;
}

/**
 * Whether one of the kind's `closedBy` entries is of `event`'s type and matches its fields — what
 * {@link eventCloses} asks before the task's party and assignee. False tells, for every task of the
 * kind at once, that the event closes none of them: an inspection of another kind, a notice of another
 * kind (most of the events a task engine tries against an owed task).
 */
export function mayClose(def: TaskKindDefinition, event: Readonly<Record<string, unknown>>): boolean {
  const type = event['type'];
  const closedBy = def.closedBy;
  for (let i = 0; i < closedBy.length; i++) {
    const c = closedBy[i] as ClosingEvent;
    if (c.event === type && (c.match === undefined || fieldsMatch(c.match, event))) return true;
  }
  return false;
}

/**
 * True when `event` closes a task of this definition for `party` (before date checks). `party` is the
 * role, or for a task per guarantor, contact or collateral item its id, and then `role` says which
 * (`guarantor`, …): an event naming the party by `party` may give the id there, or, in the events'
 * convention, the role there and the id in `partyId` (`{ "party": "guarantor", "partyId": "G-1" }`).
 * With `sameAssignee`, an event naming a collector other than the task's `assignee` does not close it.
 */
export function eventCloses(def: ClosingEvent, event: Readonly<Record<string, unknown>>, party: string, role?: string, assignee?: string): boolean {
  if (event['type'] !== def.event) return false;
  if (def.sameAssignee !== undefined && assignee !== undefined && event[def.sameAssignee] !== undefined && event[def.sameAssignee] !== assignee) return false;
  if (def.match !== undefined && !fieldsMatch(def.match, event)) return false;
  if (def.sameParty !== undefined) {
    const named = event[def.sameParty];
    if (party === 'borrower') return named === undefined || named === 'borrower';
    if (named === party) return true;
    return def.sameParty === 'party' && role !== undefined && named === role && event['partyId'] === party;
  }
  return true;
}
