/**
 * Every user-facing sentence of the replay API's checks of its inputs (as-of date, pack versions,
 * snapshot, event kinds), in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';

/**
 * The texts of replay input problems. Dates are passed as `YYYY-MM-DD` text.
 *
 * @example
 * ```ts
 * replayText.noPack().hint; // 'pass at least one compiled pack'
 * ```
 */
export const replayText = textModule('replay', {
  otherLoan: (historyLoan: string, snapshotLoan: string): IssueText => ({
    message: `The history is of loan ${historyLoan}; the snapshot is of loan ${snapshotLoan}`,
    hint: "resume each snapshot with its own loan's history",
  }),
  beforeSnapshot: (asOf: string, snapshotDay: string): IssueText => ({
    message: `The as-of date ${asOf} is before the snapshot's date ${snapshotDay}`,
    hint: 'resume to the snapshot date or later, or replay the history from the start',
  }),
  eventBeforeSnapshot: (id: string, type: string, loanId: string, on: string, snapshotDay: string): IssueText => ({
    message: `Event ${id} (${type}) of loan ${loanId} is dated ${on}, on or before the snapshot's date ${snapshotDay}: the snapshot cannot take it in`,
    hint: "pass only events dated after the snapshot, or give the loan's full history (options.history) to replay it from the start",
  }),
  noPack: (): IssueText => ({ message: 'No pack version was given', hint: 'pass at least one compiled pack' }),
  otherPack: (id: string, version: string, firstId: string): IssueText => ({ message: `Pack ${id} ${version} is not a version of ${firstId}`, hint: 'replay with versions of one pack (the same id)' }),
  sameStart: (a: string, b: string, on: string): IssueText => ({ message: `Versions ${a} and ${b} both start on ${on}`, hint: 'give each version its own effectiveFrom' }),
  versionGap: (from: string, to: string, version: string, ends: string): IssueText => ({
    message: `No version is in force from ${from} to ${to}: ${version} ends on ${ends}`,
    hint: "close the gap: extend effectiveTo or move the next version's effectiveFrom",
  }),
  asOfOutOfRange: (asOf: string, first: string, last: string): IssueText => ({
    message: `The as-of date ${asOf} is outside the supported dates ${first} to ${last}`,
    hint: 'build it with day("YYYY-MM-DD") from a date in that range',
  }),
  packNotEffective: (id: string, version: string, from: string, to: string | undefined, asOf: string): IssueText => ({
    message: `Pack ${id} ${version} is effective from ${from}${to === undefined ? '' : ` to ${to}`}; the as-of date ${asOf} is outside`,
    hint: 'use the pack version effective on that date',
  }),
  beforeDisbursement: (asOf: string, loanId: string, disbursedOn: string): IssueText => ({
    message: `The as-of date ${asOf} is before loan ${loanId} was disbursed (${disbursedOn})`,
    hint: 'replay to a date on or after the disbursement date',
  }),
  unknownKind: (type: string, kind: string, id: string, near: string | undefined, names: readonly string[]): IssueText => ({
    message: `Unknown ${type} kind "${kind}" (event ${id}): the pack knows no such kind, so the event could do no task`,
    hint: `${near === undefined ? '' : `did you mean "${near}"? `}the pack's ${type} kinds: ${names.slice(0, 30).map((n) => `"${n}"`).join(', ')}${names.length > 30 ? ', …' : ''}`,
  }),
});
