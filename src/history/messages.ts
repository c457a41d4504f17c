/**
 * Every user-facing sentence of the history layer (see `contract/messages.ts` for the shared ones).
 */
import { didYouMean } from '../errors';
import { describeValue, type IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';
import { formatDay, type Day } from '../time/day';

/**
 * The history layer's issue texts (see `contractText` for the shared ones).
 *
 * @example
 * ```ts
 * historyText.eventTypeUnknown('paymnet', EVENT_TYPES).hint; // 'did you mean "payment"?'
 * ```
 */
export const historyText = textModule('history', {
  timestampFormat: (value: string): IssueText => ({
    message: `A timestamp must be ISO 8601 with a UTC offset, got ${JSON.stringify(value)}`,
    hint: 'write it like "2026-02-17T09:30:00+08:00"',
  }),
  timestampNoOffset: (value: string): IssueText => ({
    message: `The timestamp ${JSON.stringify(value)} has no UTC offset, so the moment it names is ambiguous`,
    hint: `add the offset, e.g. "${value}+08:00" for China Standard Time`,
  }),
  timestampInvalid: (value: string): IssueText => ({
    message: `${JSON.stringify(value)} is not a real date and time`,
    hint: 'check the calendar date, the time (hours 00–23, minutes and seconds 00–59) and the offset (at most ±23:59)',
  }),
  eventNotObject: (value: unknown): IssueText => ({
    message: `An event must be a JSON object, got ${describeValue(value)}`,
    hint: 'write each event as { "id": …, "type": …, "on": "YYYY-MM-DD", … }',
  }),
  eventsNotArray: (value: unknown): IssueText => ({
    message: `"events" must be a list of events, got ${describeValue(value)}`,
    hint: 'write "events": [ … ], or leave it out when nothing has happened yet',
  }),
  historyNotObject: (value: unknown): IssueText => ({
    message: `A history file must be a JSON object with "loan" and "events", got ${describeValue(value)}`,
    hint: 'start the file with { "loan": { … }, "events": [ … ] }',
  }),
  loanMissing: (): IssueText => ({
    message: 'Required: "loan" is missing',
    hint: 'add the loan contract: "loan": { "id", "borrower", "principal", … }',
  }),
  loanNotObject: (value: unknown): IssueText => ({
    message: `"loan" must be an object, got ${describeValue(value)}`,
    hint: 'write "loan": { "id", "borrower", "principal", … }',
  }),
  eventTypeMissing: (types: readonly string[]): IssueText => ({
    message: 'The event has no "type"',
    hint: `add "type", one of: ${types.map((t) => `"${t}"`).join(', ')}`,
  }),
  eventTypeUnknown: (type: unknown, types: readonly string[]): IssueText => ({
    message: `Unknown event type ${describeValue(type)}`,
    hint: typeof type === 'string' ? didYouMean(type, types) : `use one of: ${types.map((t) => `"${t}"`).join(', ')}`,
  }),
  eventBeforeDisbursement: (id: string, on: Day, disbursedOn: Day): IssueText => ({
    message: `Event "${id}" is dated ${formatDay(on)}, before the loan was disbursed on ${formatDay(disbursedOn)}`,
    hint: 'check the date: nothing can happen to a loan before the money is paid out',
  }),
  duplicateEventId: (id: string, first: number, second: number): IssueText => ({
    message: `Event id "${id}" is used by events[${first}] and events[${second}] with different content`,
    hint: 'give each event its own id (an exact repeat of an event is ignored)',
  }),
  promiseBeforeItWasMade: (by: Day, on: Day): IssueText => ({
    message: `The promise is to pay by ${formatDay(by)}, before it was made on ${formatDay(on)}`,
    hint: '"by" is the date the borrower promised to pay by: on or after "on"',
  }),
  maturityNotAfterEvent: (newMaturity: Day, on: Day): IssueText => ({
    message: `The new maturity ${formatDay(newMaturity)} is not after the extension itself (${formatDay(on)})`,
    hint: 'an extension (展期) moves maturity later: give a newMaturity after "on"',
  }),
  riskSignalValue: (indicator: string, kind: 'ratio' | 'boolean', value: unknown): IssueText => ({
    message: `Risk indicator "${indicator}" is ${kind === 'ratio' ? 'a ratio' : 'true or false'}; ${JSON.stringify(value)} is not`,
    hint: kind === 'ratio' ? 'write a non-negative decimal with at most 6 decimals, e.g. "0.72" (72%)' : 'write true or false without quotes',
  }),
  restructureRepaymentWithoutTerm: (): IssueText => ({
    message: '"repayment" says how a restructuring generates its instalments, so it needs "termMonths"',
    hint: 'give "termMonths" with it, or drop "repayment" when the restructuring gives its own "schedule"',
  }),
  restructureTerms: (both: boolean): IssueText => ({
    message: both
      ? 'The restructure gives both "schedule" and "termMonths"; give exactly one'
      : 'The restructure needs the new terms: "schedule" or "termMonths"',
    hint: 'give "termMonths" to regenerate instalments for the balance, or an explicit "schedule"',
  }),
  unknownParty: (party: string, id: string, known: readonly string[]): IssueText => ({
    message: `partyId "${id}" is not a ${party} of this loan`,
    hint:
      known.length === 0
        ? `the loan lists no ${party === 'contact' ? 'borrower contacts' : `${party}s`}; add it to the loan or fix the id`
        : didYouMean(id, known),
  }),
  unknownCollateral: (id: string, known: readonly string[]): IssueText => ({
    message: `collateralId "${id}" is not a collateral of this loan`,
    hint: known.length === 0 ? 'the loan lists no collateral; add it to loan.collateral or fix the id' : didYouMean(id, known),
  }),
  reversalUnknown: (id: string, reverses: string, near: string | undefined): IssueText => ({
    message: `Reversal "${id}" reverses event "${reverses}", which is not in the history`,
    hint: `${near === undefined ? '' : `did you mean "${near}"? `}a reversal names the id of an event recorded before it`,
  }),
  reversalOfReversal: (id: string, reverses: string): IssueText => ({
    message: `Reversal "${id}" reverses "${reverses}", which is itself a reversal; a reversal cannot be reversed`,
    hint: `to bring back the event "${reverses}" undid, record that event again under a new id`,
  }),
  reversalRepeated: (id: string, reverses: string, first: string): IssueText => ({
    message: `Event "${reverses}" is already reversed by "${first}"; reversal "${id}" reverses it a second time`,
    hint: `remove "${id}", or correct its "reverses" to the event it was meant for`,
  }),
  reversalBeforeEvent: (id: string, on: Day, reverses: string, eventOn: Day): IssueText => ({
    message: `Reversal "${id}" is dated ${formatDay(on)}, before the event "${reverses}" it reverses (${formatDay(eventOn)})`,
    hint: `date the reversal on or after ${formatDay(eventOn)}: an event cannot be undone before it happened`,
  }),
});
