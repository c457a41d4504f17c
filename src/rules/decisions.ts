import { schemaPhrase } from '../errors/schemaPhrases';
import { z } from 'zod';
import {
  BUCKETS,
  CLASSIFICATIONS,
  COLLECTION_SEGMENTS,
  MANAGEMENT_MODES,
  RISK_LEVELS,
  type Bucket,
  type Classification,
  type CollectionSegment,
  type ManagementMode,
  type RiskLevel,
} from './vocabulary';

/**
 * A distance from an anchor date: calendar days, calendar months (clamped to the month's end) or
 * working days on the pack's business calendar. Negative means before the anchor.
 */
export const offsetSchema = z.union([
  z.strictObject({ days: z.number().int().min(-3660).max(3660) }),
  z.strictObject({ months: z.number().int().min(-120).max(120) }),
  z.strictObject({ workingDays: z.number().int().min(-260).max(260) }),
]);
export type Offset = z.output<typeof offsetSchema>;

/**
 * A task's deadline: an {@link Offset} from its anchor, or the end of a calendar month — `endOfMonth: 0`
 * is the last day of the anchor's month, `endOfMonth: 1` that of the month after, and so on ("charged
 * off by the end of the month in which the loan reaches 120 days past due"). The last calendar day, even
 * when it is not a working day: the policy counts the month, not the days worked in it.
 */
export const deadlineSchema = z.union([...offsetSchema.options, z.strictObject({ endOfMonth: z.number().int().min(0).max(120) })]);
export type Deadline = z.output<typeof deadlineSchema>;

/**
 * What a task's dates are measured from. One vocabulary for every task rule:
 * - `disbursement`, `maturity`: once per loan;
 * - `eachDueDate`, `eachInterestDate` (instalments with interest): one task per instalment;
 * - `eachMissedDueDate`, `eachMissedInterestDate`: one task per instalment not paid by its due date;
 * - `missedMaturity`: once, when the final instalment is not paid by its due date;
 * - `monthEnd`, `quarterEnd`, `halfYearEnd`, `yearEnd`: one task per calendar period;
 * - `event`: one task per history event of type `event` (optionally matching `match`);
 * - `conditionStart`: the day the rule's conditions start to hold (again after they stopped);
 * - `lastDone`: rolling — the day the previous task of the same kind was done (or the rule started to
 *   hold); one such task is open at a time;
 * - `limitationExpiry`: the day the statute of limitations expires (P-NT-7);
 * - `eachDay`, `eachWorkingDay`: one task per calendar day, or per working day of the pack's business
 *   calendar, while the rule holds (P-CS-10: the collector's daily feedback).
 */
export const TASK_ANCHORS = [
  'disbursement',
  'maturity',
  'eachDueDate',
  'eachInterestDate',
  'eachMissedDueDate',
  'eachMissedInterestDate',
  'missedMaturity',
  'monthEnd',
  'quarterEnd',
  'halfYearEnd',
  'yearEnd',
  'event',
  'conditionStart',
  'lastDone',
  'limitationExpiry',
  'eachDay',
  'eachWorkingDay',
] as const;
export type TaskAnchor = (typeof TASK_ANCHORS)[number];

/** Who must act (or be acted on): the borrower, each guarantor, each collateral item, each of the borrower's contacts, or an internal role. */
export const TASK_PARTIES = ['borrower', 'eachGuarantor', 'eachCollateral', 'eachContact', 'loanOfficer', 'supervisor', 'collector'] as const;
export type TaskParty = (typeof TASK_PARTIES)[number];

const scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

export const taskParamsSchema = z
  .strictObject({
    kind: z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, { message: schemaPhrase.taskKindName }),
    party: z.enum(TASK_PARTIES),
    anchor: z.enum(TASK_ANCHORS),
    /** For `anchor: "event"`: the event type and the fields it must match. */
    event: z.string().optional(),
    match: z.record(z.string(), z.union([scalar, z.array(scalar).max(50)])).optional(),
    /** The deadline, from the anchor, or the end of the anchor's month (or of a month after it). */
    due: deadlineSchema,
    /** When the task opens, from the anchor, or the start of the anchor's period. Default: the anchor, or the due date when that is earlier. */
    opens: z.union([offsetSchema, z.literal('periodStart')]).optional(),
    /** Period anchors: no task for a period when the loan was disbursed less than this before the period end (P-IN-6). */
    skipIfDisbursedWithin: offsetSchema.optional(),
    /** How many matching events do the task (default 1): "2 calls a day" is a one-day task with times 2. */
    times: z.number().int().min(1).max(50).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.anchor === 'event' && p.event === undefined) ctx.addIssue({ code: 'custom', path: ['event'], message: schemaPhrase.anchorEventNeedsType });
    if (p.anchor !== 'event' && (p.event !== undefined || p.match !== undefined)) ctx.addIssue({ code: 'custom', path: ['event'], message: schemaPhrase.eventOnlyForEventAnchor });
    if (p.skipIfDisbursedWithin !== undefined && !p.anchor.endsWith('End')) ctx.addIssue({ code: 'custom', path: ['skipIfDisbursedWithin'], message: schemaPhrase.skipOnlyForPeriods });
    if (p.opens === 'periodStart' && !p.anchor.endsWith('End')) ctx.addIssue({ code: 'custom', path: ['opens'], message: schemaPhrase.periodStartOnlyForPeriods });
  });
export type TaskParams = z.output<typeof taskParamsSchema>;

/**
 * What a rule may decide: the `event.type` of a rule and the shape of its `event.params`.
 * - `bucket`: the DPD bucket (P-LC-2). The highest-priority matching rule decides.
 * - `classificationFloor`: the loan is classified no better than this (P-CL-2, P-CL-3). The worst
 *   matching floor decides.
 * - `transition`: ask the lifecycle statechart to move to a state (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
 * - `managementMode`, `riskLevel`, `segment`: the highest-priority matching rule decides; default
 *   regular / low / none.
 * - `task`: the policy requires an action by a party before a deadline (P-IN-*, P-NT-*).
 */
export const DECISION_PARAMS = {
  // Checked against the pack's scales (scales.buckets, scales.classification) where the pack is loaded.
  bucket: z.strictObject({ bucket: z.string().max(64) }),
  classificationFloor: z.strictObject({ classification: z.string().max(64) }),
  // A state of the pack's statechart: checked by loadPack against it, with a did-you-mean.
  transition: z.strictObject({
    to: z.string().min(1).max(40).describe("a state of the pack's statechart (cn-default's: `normal`, `overdueM1`, `overdueM2M3`, `outsourced`, `litigation`, `writtenOff`, `settled`)"),
  }),
  managementMode: z.strictObject({ mode: z.enum(MANAGEMENT_MODES) }),
  riskLevel: z.strictObject({ level: z.enum(RISK_LEVELS) }),
  segment: z.strictObject({ segment: z.enum(COLLECTION_SEGMENTS) }),
  permit: z.strictObject({ action: z.enum(['earlyOutsourcing', 'writeOff', 'upgrade', 'reAge']), dimension: z.string().max(64).optional() }),
  task: taskParamsSchema,
  floor: z.strictObject({ dimension: z.string().max(64), value: z.string().max(64) }),
} as const;

export type DecisionType = keyof typeof DECISION_PARAMS;
export const DECISION_TYPES = Object.keys(DECISION_PARAMS) as DecisionType[];

export const DECISION_DESCRIPTIONS: Record<DecisionType, string> = {
  bucket: `Sets the DPD bucket, one of the pack's scales.buckets (cn-default: ${BUCKETS.join(', ')}). The matching rule with the highest priority wins.`,
  classificationFloor: `The loan is classified no better than this tier of the pack's scales.classification (cn-default: ${CLASSIFICATIONS.join(', ')}). The worst matching floor wins.`,
  transition: 'Moves the lifecycle state, if the statechart allows the move from the current state.',
  managementMode: 'Sets the management mode (regular or key). The matching rule with the highest priority wins; regular when none matches.',
  riskLevel: 'Sets the risk level (low, medium, high). The matching rule with the highest priority wins; low when none matches.',
  segment: 'Sets the collection segment by ability × willingness (P-CS-9): ableWilling, ableUnwilling, unableWilling or lostContact. The matching rule with the highest priority wins; none when none matches.',
  permit:
    'Permits an instruction from the history while the conditions hold: earlyOutsourcing (an agencyPlacement before outsourceAtDpd, P-LC-5) writeOff (P-LC-7), upgrade (a non-performing class may improve, P-CL-7; with "dimension", a sticky value of that dimension of the pack may improve), or reAge (a reAge event brings the account current). Without a permit the statechart rejects the instruction, with the reason.',
  floor: 'Sets a dimension of the pack (scales.dimensions) no better than this value: the worst matching floor wins; the first value when none matches, except that a sticky value is kept until an upgrade permit naming the dimension holds.',
  task: 'Requires a task: who (party), from what (anchor), by when (due). While the rule holds, tasks are opened; an open task whose rule stops holding is cancelled.',
};

/** A rule's decision after validation. */
export type Decision =
  | { readonly type: 'bucket'; readonly bucket: Bucket }
  | { readonly type: 'classificationFloor'; readonly classification: Classification }
  | { readonly type: 'transition'; readonly to: string }
  | { readonly type: 'managementMode'; readonly mode: ManagementMode }
  | { readonly type: 'riskLevel'; readonly level: RiskLevel }
  | { readonly type: 'segment'; readonly segment: CollectionSegment }
  | { readonly type: 'permit'; readonly action: 'earlyOutsourcing' | 'writeOff' | 'upgrade' | 'reAge'; readonly dimension?: string }
  | { readonly type: 'floor'; readonly dimension: string; readonly value: string }
  | ({ readonly type: 'task' } & TaskParams);
