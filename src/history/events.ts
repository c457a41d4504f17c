import { z } from 'zod';
import { checkExplicitSchedule, explicitScheduleSchema } from '../contract/explicitSchedule';
import {
  idString,
  integerIn,
  isParsedDay,
  isRecord,
  isoDay,
  nonEmptyString,
  nonNegativeMoney,
  oneOf,
  positiveMoney,
  report,
  strictObject,
  type IssueSink,
} from '../contract/primitives';
import { MAX_TERM_MONTHS, REPAYMENT_METHODS } from '../contract/LoanContract';
import { historyText as text } from './messages';
import { isoTimestamp } from './timestamp';

/**
 * Every event `type` a history file may use, in the order of `docs/history-format.md`.
 *
 * @example
 * ```ts
 * EVENT_TYPES.includes('payment'); // true
 * ```
 */
export const EVENT_TYPES = [
  'payment',
  'contactAttempt',
  'promiseToPay',
  'fieldVisit',
  'inspection',
  'noticeSent',
  'collateralValuation',
  'materialEvent',
  'ratingChange',
  'restructure',
  'extension',
  'reAge',
  'agencyPlacement',
  'agencyRecall',
  'lawsuitFiled',
  'judgment',
  'writeOffRequest',
  'writeOffApproval',
  'misappropriation',
  'riskSignal',
  'assigned',
  'collectionFeedback',
  'reversal',
  'observation',
] as const;
/**
 * One of {@link EVENT_TYPES}.
 *
 * @example
 * ```ts
 * const t: EventType = 'promiseToPay';
 * ```
 */
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Who a contact attempt tried to reach.
 *
 * @example
 * ```ts
 * CONTACT_PARTIES.includes('guarantor'); // true
 * ```
 */
export const CONTACT_PARTIES = ['borrower', 'contact', 'guarantor'] as const;
/**
 * How a contact attempt was made.
 *
 * @example
 * ```ts
 * CONTACT_CHANNELS.includes('sms'); // true
 * ```
 */
export const CONTACT_CHANNELS = ['phone', 'sms', 'letter', 'app', 'visit'] as const;
/**
 * What a contact attempt achieved.
 *
 * @example
 * ```ts
 * CONTACT_OUTCOMES.includes('promiseToPay'); // true
 * ```
 */
export const CONTACT_OUTCOMES = ['reached', 'noAnswer', 'unreachable', 'promiseToPay', 'refused'] as const;

/**
 * Indicators a `riskSignal` event may report (P-EW-1), with the type of their value: ratios are decimal
 * strings or numbers ("0.72"), flags are booleans. Each sets the fact of the same name to its latest value;
 * `materialEventResolved: true` closes a material event (P-EW-3).
 */
export const RISK_INDICATORS = {
  debtRatio: 'ratio',
  cashFlowDrop: 'ratio',
  relatedPartyLitigation: 'boolean',
  repaymentChannelChanged: 'boolean',
  hardship: 'boolean',
  materialEventResolved: 'boolean',
} as const;
export type RiskIndicator = keyof typeof RISK_INDICATORS;

/** Fields of every event. `note` is free text for people; postloan never interprets it. */
const common = { id: idString, on: isoDay, note: z.string().optional() };

/** An event of `type` with `fields`, plus cross-field checks that see the partly parsed event. */
function event<const T extends EventType, const S extends z.core.$ZodLooseShape>(
  type: T,
  fields: S,
  refine?: (value: Readonly<Record<string, unknown>>, ctx: IssueSink) => void,
) {
  return strictObject({ ...common, type: z.literal(type), ...fields }, refine);
}

function checkPromise(value: Readonly<Record<string, unknown>>, ctx: IssueSink): void {
  if (isParsedDay(value.by) && isParsedDay(value.on) && value.by < value.on) {
    report(ctx, 'input.invalid', text.promiseBeforeItWasMade(value.by, value.on), ['by']);
  }
}

function checkExtension(value: Readonly<Record<string, unknown>>, ctx: IssueSink): void {
  if (isParsedDay(value.newMaturity) && isParsedDay(value.on) && value.newMaturity <= value.on) {
    report(ctx, 'input.invalid', text.maturityNotAfterEvent(value.newMaturity, value.on), ['newMaturity']);
  }
}

/** A ratio written as a decimal string or number ("0.72", 0.72), in millionths; undefined if it is not one. */
export function parseRatioValue(raw: unknown): number | undefined {
  const text = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? String(raw) : raw;
  const m = typeof text === 'string' ? /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(text) : null;
  return m === null ? undefined : Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

function checkRiskSignal(value: Readonly<Record<string, unknown>>, ctx: IssueSink): void {
  const indicator = value.indicator;
  if (typeof indicator !== 'string' || !Object.prototype.hasOwnProperty.call(RISK_INDICATORS, indicator)) return;
  const kind = RISK_INDICATORS[indicator as RiskIndicator];
  const ok = kind === 'boolean' ? typeof value.value === 'boolean' : parseRatioValue(value.value) !== undefined;
  if (!ok) report(ctx, 'input.invalid', text.riskSignalValue(indicator, kind, value.value), ['value']);
}

function checkRestructure(value: Readonly<Record<string, unknown>>, ctx: IssueSink): void {
  if (value.repayment !== undefined && value.termMonths === undefined) report(ctx, 'input.invalid', text.restructureRepaymentWithoutTerm(), ['repayment']);
  const hasSchedule = value.schedule !== undefined;
  const hasTerm = value.termMonths !== undefined;
  if (hasSchedule === hasTerm) report(ctx, 'contract.schedule', text.restructureTerms(hasSchedule));
  if (hasSchedule) checkExplicitSchedule(value.schedule, isParsedDay(value.on) ? value.on : undefined, 'the restructure date', ctx, ['schedule']);
}

const paymentSchema = event('payment', { amount: positiveMoney });
const contactAttemptSchema = event('contactAttempt', {
  at: isoTimestamp,
  party: oneOf(CONTACT_PARTIES),
  partyId: idString.optional(),
  channel: oneOf(CONTACT_CHANNELS),
  outcome: oneOf(CONTACT_OUTCOMES),
  /** The number dialled or texted, masked or raw as the lender's policy allows; lets rules count distinct numbers. */
  number: nonEmptyString.optional(),
});
const promiseToPaySchema = event('promiseToPay', { amount: positiveMoney, by: isoDay }, checkPromise);
const fieldVisitSchema = event('fieldVisit', { found: z.boolean(), photos: integerIn(0, 10_000).optional() });
const inspectionSchema = event('inspection', {
  kind: nonEmptyString,
  /** The collateral inspected, for collateral inspections (P-IN-7). */
  collateralId: idString.optional(),
});
const noticeSentSchema = event('noticeSent', {
  kind: nonEmptyString,
  receiptSigned: z.boolean().optional(),
  /** The addressee: `borrower`, or a role (`guarantor`, `contact`) with `partyId`, or a guarantor's id. */
  party: idString.optional(),
  /** Which guarantor or contact, with `party` giving the role (as in contact attempts). */
  partyId: idString.optional(),
});
const collateralValuationSchema = event('collateralValuation', { collateralId: idString, value: nonNegativeMoney });
const materialEventSchema = event('materialEvent', { description: nonEmptyString });
const ratingChangeSchema = event('ratingChange', { rating: nonEmptyString });
const restructureSchema = event(
  'restructure',
  {
    schedule: explicitScheduleSchema.optional(),
    termMonths: integerIn(1, MAX_TERM_MONTHS).optional(),
    /** With termMonths: how the new schedule repays (default the loan's own method). */
    repayment: oneOf(REPAYMENT_METHODS).optional(),
    requestedBy: nonEmptyString,
    approvedBy: nonEmptyString,
  },
  checkRestructure,
);
const extensionSchema = event(
  'extension',
  { newMaturity: isoDay, requestedBy: nonEmptyString, approvedBy: nonEmptyString },
  checkExtension,
);
/**
 * A re-age (US retail credit): the account is brought current, its past-due instalments moved to the end
 * of the schedule (nothing is forgiven), if the pack's `reAge` permit holds; approved by someone else.
 */
const reAgeSchema = event('reAge', { requestedBy: nonEmptyString, approvedBy: nonEmptyString });
const agencyPlacementSchema = event('agencyPlacement', { agencyId: idString });
const agencyRecallSchema = event('agencyRecall', { reason: nonEmptyString });
const lawsuitFiledSchema = event('lawsuitFiled', {});
const judgmentSchema = event('judgment', {});
const writeOffRequestSchema = event('writeOffRequest', { by: nonEmptyString });
const writeOffApprovalSchema = event('writeOffApproval', { by: nonEmptyString });
const misappropriationSchema = event('misappropriation', {});
const riskSignalSchema = event('riskSignal', {
  indicator: nonEmptyString,
  value: z.union([z.string(), z.number(), z.boolean()]),
}, checkRiskSignal);
/** Undoes the event it names for every day (the replay is that of the history without it); see `reversals.ts`. */
const reversalSchema = event('reversal', { reverses: idString, reason: nonEmptyString });

/** P-CS-10: the collector who holds the case from that day, and the agency the collector works for. */
const assignedSchema = event('assigned', { collectorId: idString, agencyId: idString.optional() });
/** P-CS-10: the collector's feedback of the day (反馈催收台账); `at` says whether it came by the deadline's time. */
const collectionFeedbackSchema = event('collectionFeedback', { at: isoTimestamp, collectorId: idString.optional() });
/**
 * Names an observation may have: a path step ("$.bureauScore") reads it; none reaches a prototype.
 *
 * @example
 * ```ts
 * OBSERVATION_NAME.test('bureauScore'); // true
 * OBSERVATION_NAME.test('__proto__'); // false
 * ```
 */
export const OBSERVATION_NAME = /^(?!__proto__$|constructor$|prototype$)[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The longest text an observation's value may be. */
export const MAX_OBSERVATION_TEXT = 500;

const observationName = z.string().regex(OBSERVATION_NAME, {
  message: 'An observation name is letters, digits and "_", starting with a letter, e.g. "bureauScore"',
});
const observationSchema = event('observation', {
  name: observationName,
  value: z.union([z.string().max(MAX_OBSERVATION_TEXT), z.number().refine(Number.isFinite, { message: 'must be a finite number' }), z.boolean()]),
});

const eventUnion = z.discriminatedUnion('type', [
  paymentSchema,
  contactAttemptSchema,
  promiseToPaySchema,
  fieldVisitSchema,
  inspectionSchema,
  noticeSentSchema,
  collateralValuationSchema,
  materialEventSchema,
  ratingChangeSchema,
  restructureSchema,
  extensionSchema,
  reAgeSchema,
  agencyPlacementSchema,
  agencyRecallSchema,
  lawsuitFiledSchema,
  judgmentSchema,
  writeOffRequestSchema,
  writeOffApprovalSchema,
  misappropriationSchema,
  riskSignalSchema,
  assignedSchema,
  collectionFeedbackSchema,
  reversalSchema,
  observationSchema,
]);

const typeNames: readonly string[] = EVENT_TYPES;

/**
 * zod schema of one event of a history file: a discriminated union on `type` of strict objects.
 * The type is checked first, so a misspelt type gets `event.unknownType` with a did-you-mean hint
 * instead of a list of every union branch's complaints.
 *
 * @example
 * ```ts
 * loanEventSchema.parse({ id: 'e1', type: 'payment', on: '2026-02-15', amount: '10237.19' });
 * // { id: 'e1', type: 'payment', on: <Day>, amount: 1023719 }
 * loanEventSchema.safeParse({ id: 'e1', type: 'paymnet', on: '2026-02-15' }); // hint: did you mean "payment"?
 * ```
 */
export const loanEventSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (!isRecord(value)) report(ctx, 'input.invalid', text.eventNotObject(value));
    else if (value.type === undefined) report(ctx, 'input.invalid', text.eventTypeMissing(EVENT_TYPES), ['type']);
    else if (typeof value.type !== 'string' || !typeNames.includes(value.type)) {
      report(ctx, 'event.unknownType', text.eventTypeUnknown(value.type, EVENT_TYPES), ['type']);
    }
  })
  .pipe(eventUnion);

/**
 * An event as the schema parses it, before it is given its place in the file.
 *
 * @example
 * ```ts
 * const e: ParsedEvent = loanEventSchema.parse({ id: 'e1', type: 'judgment', on: '2026-10-15' });
 * ```
 */
export type ParsedEvent = z.output<typeof eventUnion>;

/**
 * A validated event of a loan's history: dates as {@link Day}, amounts as fen, and `seq`, its index
 * in the file's `events` array (stable identity for messages and tie-breaking).
 *
 * @example
 * ```ts
 * function describe(e: LoanEvent): string {
 *   return e.type === 'payment' ? `paid ${formatMoney(e.amount)}` : e.type;
 * }
 * ```
 */
export type LoanEvent = Sequenced<ParsedEvent>;

/** Distributes over the union so each event type stays its own member (narrowing on `type` keeps working). */
type Sequenced<E> = E extends unknown ? Readonly<E> & { readonly seq: number } : never;

/**
 * The event of one type, e.g. `EventOf<'contactAttempt'>`.
 *
 * @example
 * ```ts
 * const attempts = history.events.filter((e): e is EventOf<'contactAttempt'> => e.type === 'contactAttempt');
 * ```
 */
export type EventOf<T extends EventType> = Extract<LoanEvent, { readonly type: T }>;
