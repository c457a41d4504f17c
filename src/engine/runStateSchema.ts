import { z } from 'zod';
import { CONTACT_CHANNELS, CONTACT_PARTIES } from '../history/events';
import { COLLECTION_SEGMENTS, MANAGEMENT_MODES, RISK_LEVELS } from '../rules/vocabulary';
import { day, fromCivil, type Day } from '../time/day';

/**
 * Days inside a snapshot: input dates (1900-01-01…2199-12-31) and the dates computed from them
 * (maturities, limitation expiries, period ends), which may run later — up to 2999-12-31, the end of
 * the calendar arithmetic.
 */
const FIRST = day('1900-01-01');
const LAST_COMPUTED = fromCivil(2999, 12, 31) as Day;
const dayNumber = z.number().int().min(FIRST).max(LAST_COMPUTED);
/** Money in fen: a non-negative safe integer. */
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(10_000);
const entries = <K extends z.ZodType, V extends z.ZodType>(k: K, v: V) => z.array(z.tuple([k, v]));

const instalment = z.object({ index: count, dueOn: dayNumber, principal: fen, interest: fen });

const ledgerFormat4 = z.object({
  schedule: z.array(instalment).min(1).optional(),
  paidPrincipal: z.array(fen),
  paidInterest: z.array(fen),
  paidPenalty: z.array(fen),
  penaltyClosed: z.array(fen),
  segmentStart: z.array(dayNumber),
  waivedInterest: z.array(fen),
  clearedOn: z.array(z.union([z.literal(-1), dayNumber])),
  principalPaidTotal: fen,
  overpaid: fen,
});

/** Format 5: an amount list that is 0 for every instalment is left out. */
const ledger = ledgerFormat4.extend({
  paidPrincipal: z.array(fen).optional(),
  paidInterest: z.array(fen).optional(),
  paidPenalty: z.array(fen).optional(),
  penaltyClosed: z.array(fen).optional(),
  waivedInterest: z.array(fen).optional(),
});

/**
 * A flat list of records of `fields.length` values each (`[a, b, a, b, …]`): every value checked by its
 * field's schema, and reported at its own index; `ascending` names the field (by its position) whose
 * values must rise strictly from one record to the next, as they are written.
 */
function flatRecords(what: string, fields: readonly (readonly [name: string, schema: z.ZodType])[], ascending?: number) {
  const width = fields.length;
  return z.array(z.unknown()).superRefine((list, ctx) => {
    if (list.length % width !== 0) {
      ctx.addIssue({ code: 'custom', message: `${what}: ${width} values per record (${fields.map(([n]) => n).join(', ')}), but the list has ${list.length}` });
      return;
    }
    // At most 20 issues a list (the restore reports 20 in all): a long list of wrong values is not walked to the end.
    let reported = 0;
    for (let i = 0; i < list.length && reported < 20; i++) {
      const [name, schema] = fields[i % width] as readonly [string, z.ZodType];
      const checked = schema.safeParse(list[i]);
      if (!checked.success) {
        reported++;
        ctx.addIssue({ code: 'custom', path: [i], message: `${what}: the ${name} of record ${Math.floor(i / width)}: ${checked.error.issues[0]?.message ?? 'invalid'}` });
      } else if (ascending !== undefined && i % width === ascending && i >= width && !((list[i - width] as number) < (list[i] as number))) {
        reported++;
        ctx.addIssue({ code: 'custom', path: [i], message: `${what}: the ${name} of record ${Math.floor(i / width)} (${String(list[i])}) must be greater than the one before (${String(list[i - width])})` });
      }
    }
  });
}

const ATTEMPT_COUNTS = CONTACT_PARTIES.length * CONTACT_CHANNELS.length;

const task = z.object({
  id: text,
  kind: text,
  rule: text,
  party: text,
  assignee: text.optional(),
  openedOn: dayNumber,
  dueOn: dayNumber,
  anchorOn: dayNumber,
  instalment: count.optional(),
  slot: count.optional(),
  times: count,
  progress: count,
  status: z.enum(['open', 'done', 'late', 'breached', 'cancelled']),
  breachRecorded: z.boolean(),
  closedOn: dayNumber.optional(),
  closedBy: text.optional(),
  reason: text.optional(),
});

/**
 * What the task list's shape cannot say: every task id once, and `open` and `breached` naming tasks of
 * the list in that status, each once. The engine never writes anything else; a restore would otherwise
 * keep the later of two tasks sharing an id and pass over an id naming none, so an edited snapshot is
 * refused here instead, each wrong id at its path (at most 20, as the other lists).
 */
function taskReferences(state: { tasks: readonly { id: string; status: string }[]; open: readonly string[]; breached: readonly (readonly [string, readonly string[]])[] }, ctx: z.RefinementCtx): void {
  const byId = new Map<string, { index: number; status: string }>();
  let reported = 0;
  const report = (path: (string | number)[], message: string): void => {
    if (reported++ < 20) ctx.addIssue({ code: 'custom', path, message });
  };
  state.tasks.forEach((t, i) => {
    const first = byId.get(t.id);
    if (first !== undefined) report(['tasks', i, 'id'], `task ${JSON.stringify(t.id)} repeats the id of task ${first.index}: every task id is written once`);
    else byId.set(t.id, { index: i, status: t.status });
  });
  const named = (path: (string | number)[], list: readonly string[], status: 'open' | 'breached', what: string): void => {
    const seen = new Set<string>();
    list.forEach((id, i) => {
      const t = byId.get(id);
      if (seen.has(id)) report([...path, i], `${what} names task ${JSON.stringify(id)} twice`);
      else if (t === undefined) report([...path, i], `${what} names task ${JSON.stringify(id)}, which the task list does not have`);
      else if (t.status !== status) report([...path, i], `${what} names task ${JSON.stringify(id)}, whose status is ${t.status}, not ${status}`);
      seen.add(id);
    });
  };
  named(['open'], state.open, 'open', 'the open list');
  state.breached.forEach(([kind, ids], k) => named(['breached', k, 1], ids, 'breached', `the breached ${kind} list`));
}

const tasksFormat4Shape = z.object({
  tasks: z.array(task),
  open: z.array(text),
  breached: entries(text, z.array(text)),
  cursors: z.array(z.number().int()),
  considered: entries(count, z.array(text)).optional(),
  holds: entries(text, z.boolean()).optional(),
  lastDone: entries(text, dayNumber),
  calendarWarnings: z.array(text),
  limitationExpiry: dayNumber.nullable(),
  retired: z.array(text).optional(),
  retiredBy: z.array(z.tuple([text.regex(/^[^/]+\/[^/]+$/), z.array(dayNumber), z.array(text)])).optional(),
});

const tasksFormat4 = tasksFormat4Shape.superRefine(taskReferences);

/**
 * Format 5: only the cursors that moved, as `[2 × rule + holding, next, since, …]`; `lastDone` flat; a
 * task without what its id or a default gives (kind, party, a false breachRecorded, a zero progress).
 */
const tasks = tasksFormat4Shape.extend({
  tasks: z.array(task.extend({ kind: text.optional(), party: text.optional(), progress: count.optional(), breachRecorded: z.boolean().optional() })),
  cursors: flatRecords('task rule cursors', [
    ['rule index × 2 + holding (1 or 0)', count],
    ['next instalment or period', z.number().int()],
    ['holding-since day', dayNumber],
  ], 0),
  lastDone: flatRecords('last done days', [
    ['key', text],
    ['day', dayNumber],
  ]),
}).superRefine(taskReferences);

const contactsFormat4 = z.object({
  slots: z.array(
    z
      .object({
        day: dayNumber,
        attempts: z.array(count),
        calls: entries(text, count),
        byParty: entries(text, count),
        numberless: entries(text, count),
      })
      .nullable(),
  ),
  lastReachOn: dayNumber.nullable(),
  unreachableSince: dayNumber.nullable(),
  lastBorrowerAttemptOn: dayNumber.nullable(),
});

/** Format 5: a slot's non-zero attempt counts as `[index, count, …]`, and only its non-empty call maps. */
const contacts = contactsFormat4.extend({
  slots: z.array(
    z
      .object({
        day: dayNumber,
        attempts: flatRecords('attempt counts', [
          ['party × channel index', z.number().int().min(0).max(ATTEMPT_COUNTS - 1)],
          ['count', count.min(1)],
        ], 0),
        calls: entries(text, count).optional(),
        byParty: entries(text, count).optional(),
        numberless: entries(text, count).optional(),
      })
      .nullable(),
  ),
});

/** A timeline entry is only echoed to the output: its shape is checked, not its every field. */
const timelineEntry = z.looseObject({ on: text, kind: text, ruleIds: z.array(text) });

/**
 * The shape of a snapshot's engine state (`RunState`) in format 5: structure, the statechart's states and
 * the pack vocabulary, money as non-negative safe integers, days in range. Cross-field checks (ledger
 * arrays as long as the schedule — the stored one or the contract's —, the loan id, the dates) are the
 * caller's. Formats 1–4 are checked by {@link runStateSchemaFormat4}.
 */
export const runStateSchema = z.object({
  day: dayNumber,
  timeline: z.array(timelineEntry),
  lean: z.object({ timelineEntries: count, closedTasks: count }).optional(),
  warned: z.array(text),
  ledger,
  tasks,
  contacts,
  collateralValues: entries(text, fen),
  // A state of the pack's statechart: restoreSnapshot checks it against the pack's states.
  state: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/),
  stateSince: dayNumber,
  curedOn: dayNumber.nullable(),
  wasOverdue: z.boolean(),
  // The pack's scales: checked against the pack where the snapshot is restored.
  bucket: z.string().max(64),
  classification: z.string().max(64),
  riskLevel: z.enum(RISK_LEVELS),
  managementMode: z.enum(MANAGEMENT_MODES),
  lastInterruption: dayNumber.nullable(),
  agencyId: text.nullable(),
  failedVisits: count,
  writeOffRequest: z.object({ by: text, eventId: text }).nullable(),
  lawsuitFiledOn: dayNumber.nullable(),
  judgmentOn: dayNumber.nullable(),
  segment: z.enum(COLLECTION_SEGMENTS),
  observation: z.object({ on: dayNumber, start: dayNumber, end: dayNumber, scanFrom: count, endReported: z.boolean() }).nullable(),
  extendedOn: dayNumber.nullable(),
  restructured: z.boolean(),
  restructuredWhileNonPerforming: z.boolean(),
  extended: z.boolean(),
  extensionRequests: z.array(dayNumber),
  promises: z.array(z.object({ eventId: text, amount: fen, by: dayNumber, paid: fen })),
  brokenPromises: count,
  refusedContacts: count,
  materialEventOpen: z.boolean(),
  materialEventResolvedOn: dayNumber.optional(),
  signals: z.object({ debtRatio: count, cashFlowDrop: count, relatedPartyLitigation: z.boolean(), repaymentChannelChanged: z.boolean(), hardship: z.boolean() }),
  collector: z.object({ collectorId: text, agencyId: text.optional() }).optional(),
  materiality: z.object({ since: dayNumber.nullable(), endedOn: dayNumber.nullable() }).optional(),
  dimensions: z.array(z.tuple([z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/), z.string().max(64)])).max(64).optional(),
  reAge: z.object({ accepted: z.array(dayNumber), payments: z.array(z.tuple([dayNumber, fen])) }).optional(),
  observed: z.array(z.tuple([z.string().regex(/^(?!__proto__$|constructor$|prototype$)[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.union([z.string().max(500), z.number().refine(Number.isFinite), z.boolean()])])).max(10_000).optional(),
});

/**
 * The engine state of formats 1–4 (format 1 after its cursors were made flat): every task rule's cursor,
 * `lastDone` as entries, every attempt count and call map of a contact slot, every ledger list. What 4
 * leaves out or adds is optional.
 */
export const runStateSchemaFormat4 = runStateSchema.extend({ ledger: ledgerFormat4, tasks: tasksFormat4, contacts: contactsFormat4 });
