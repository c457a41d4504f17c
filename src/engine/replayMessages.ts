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
  // restoreSnapshot's checks of a stored snapshot; `made` and JSON values are passed as the text shown.
  snapshotNotObject: (): IssueText => ({ message: 'A snapshot is a JSON object', hint: 'pass what replayWithSnapshot or resumeReplay returned, as stored' }),
  snapshotNoVersion: (): IssueText => ({ message: 'The snapshot has no snapshotVersion', hint: 'it is not a postloan snapshot, or it was cut short: replay the history from the start' }),
  snapshotNewer: (version: number, current: number): IssueText => ({ message: `Snapshot format ${version} is newer than this postloan understands (${current})`, hint: 'upgrade postloan, or replay the history from the start' }),
  snapshotOlder: (version: number, current: number): IssueText => ({
    message: `Snapshot format ${version} is older than the current one (${current})`,
    hint: 'pass a migrate function to restoreSnapshot, or replay the history from the start',
  }),
  snapshotMigration: (version: number, current: number): IssueText => ({
    message: `The migration from format ${version} did not produce format ${current}`,
    hint: 'fix the migrate function: it must return a snapshot with snapshotVersion set to the current format',
  }),
  snapshotNoChecksum: (): IssueText => ({ message: 'The snapshot has no checksum: it was modified or cut short', hint: 'use the snapshot as postloan wrote it, or replay the history from the start' }),
  snapshotModified: (): IssueText => ({
    message: 'The snapshot was modified: its content does not match its checksum',
    hint: 'use the snapshot as postloan wrote it (a snapshot is not edited by hand), or replay the history from the start',
  }),
  snapshotStatechart: (made: string, current: string): IssueText => ({ message: `The snapshot was made with statechart ${made}; this postloan runs ${current}`, hint: 'replay the history from the start under the current statechart' }),
  /** `made` is `id version (hash)`, or undefined when the snapshot names no pack. */
  snapshotPack: (made: string | undefined, pack: string): IssueText => ({
    message: `The snapshot was made with pack ${made ?? 'no pack'}, not ${pack}`,
    hint: 'resume with the pack it was made with, or replay the history from the start under the new pack',
  }),
  snapshotNoAsOf: (): IssueText => ({ message: 'The snapshot has no valid asOf date', hint: 'a snapshot says the date it was replayed to, YYYY-MM-DD' }),
  snapshotLoanId: (named: string, held: string): IssueText => ({ message: `The snapshot names loan ${named} but holds loan ${held}`, hint: "it was edited or mixed up with another loan's: replay the history from the start" }),
  snapshotReview: (review: string): IssueText => ({ message: `The snapshot's nextReviewOn ${review} is neither a date nor null`, hint: 'it was cut short or edited: replay the history from the start' }),
  snapshotNoState: (): IssueText => ({ message: 'The snapshot has no engine state', hint: 'it was cut short or edited: replay the history from the start' }),
  /** `detail` is the state schema's (zod's) English message. */
  snapshotStateInvalid: (detail: string): IssueText => ({ message: `The snapshot's engine state is not valid: ${detail}`, hint: 'it was cut short or edited: replay the history from the start' }),
  snapshotLedger: (count: number, key: string, instalments: number): IssueText => ({ message: `The ledger has ${count} entries in ${key} for ${instalments} instalments`, hint: 'it was cut short or edited: replay the history from the start' }),
  snapshotDay: (day: string, disbursedOn: string, asOf: string): IssueText => ({
    message: `The snapshot's last evaluated day ${day} is not between the disbursement ${disbursedOn} and its date ${asOf}`,
    hint: 'it was cut short or edited: replay the history from the start',
  }),
  snapshotStateSince: (day: string): IssueText => ({ message: `The loan entered its state on ${day}, after the last evaluated day`, hint: 'it was cut short or edited: replay the history from the start' }),
  snapshotDimensions: (stored: readonly string[], expected: readonly string[]): IssueText => ({
    message: `The snapshot holds the dimensions [${stored.join(', ')}]; the pack declares [${expected.join(', ')}]`,
    hint: 'it was cut short or edited: replay the history from the start',
  }),
  snapshotDimensionValue: (name: string, value: string, values: readonly string[]): IssueText => ({
    message: `"${value}" is not a value of the dimension ${name} (${values.join(', ')})`,
    hint: 'it was cut short or edited: replay the history from the start',
  }),
});
