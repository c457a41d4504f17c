/**
 * Every user-facing sentence of the PostgreSQL store and the BullMQ end of day, in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from './issueText';

/**
 * The texts of store and queue problems.
 *
 * @example
 * ```ts
 * storeText.notInStore('L-1').message; // 'Loan L-1 is not in the store'
 * ```
 */
export const storeText = textModule('store', {
  snapshotNotJson: (loanId: string): IssueText => ({
    message: `The stored snapshot of loan ${loanId} is not valid JSON`,
    hint: 'the row was changed outside postloan: re-ingest the loan from its history',
  }),
  notADate: (text: string, example: string): IssueText => ({ message: `${text} is not a date`, hint: `write the date as YYYY-MM-DD, e.g. ${example}` }),
  packMismatch: (loanId: string, storedId: string, storedVersion: string, storedHash: string, id: string, version: string, hash: string): IssueText => ({
    message: `Loan ${loanId} was stored under pack ${storedId} ${storedVersion} (${storedHash}), not ${id} ${version} (${hash})`,
    hint: 'open the store with the pack it was written with, or re-ingest the book under the new pack',
  }),
  tooManyEvents: (count: number, max: number): IssueText => ({ message: `${count} events in one append, above the limit of ${max}`, hint: 'append them in several calls' }),
  eventShape: (): IssueText => ({
    message: 'An event is an object with a string id and an on date',
    hint: 'give each event its id, type and on date, e.g. {"id":"p1","type":"payment","on":"2026-02-15","amount":"100.00"}',
  }),
  eventNul: (id: string): IssueText => ({ message: `Event ${id} holds a NUL character (U+0000), which PostgreSQL cannot store`, hint: 'remove the NUL character from the event' }),
  eventConflict: (id: string, loanId: string): IssueText => ({
    message: `Event ${id} of loan ${loanId} is already stored with other content`,
    hint: 'an event id names one fact: give a correction its own id (events are never overwritten)',
  }),
  eventAfterAsOf: (id: string, on: string): IssueText => ({
    message: `Event ${id} is dated ${on}, after the as-of date`,
    hint: 'append it with an as-of date on or after its date (it is not known yet before)',
  }),
  otherLoanId: (given: string, loanId: string): IssueText => ({ message: `The contract's id ${given} is not ${loanId}`, hint: 'append events to the loan the contract is for' }),
  contractNul: (loanId: string): IssueText => ({
    message: `The contract of loan ${loanId} holds a NUL character (U+0000), which PostgreSQL cannot store`,
    hint: 'remove the NUL character from the contract',
  }),
  notIngested: (loanId: string): IssueText => ({
    message: `Loan ${loanId} is not in the store`,
    hint: 'ingest its history with the loan contract first (postloan ingest history.json)',
  }),
  otherContract: (loanId: string): IssueText => ({
    message: `Loan ${loanId} is stored with another contract`,
    hint: 'a contract is not changed by ingesting it again: record the change as an event (restructure, extension)',
  }),
  notInStore: (loanId: string): IssueText => ({ message: `Loan ${loanId} is not in the store`, hint: 'check the id, or ingest its history first' }),
  newerSchema: (schema: string, version: number, known: number): IssueText => ({
    message: `The schema "${schema}" is at version ${version}, newer than this postloan knows (${known})`,
    hint: 'upgrade postloan to the version that migrated it',
  }),
  notMigrated: (schema: string, version: number, needed: number): IssueText => ({
    message: version === 0 ? `The schema "${schema}" has no postloan tables` : `The schema "${schema}" is at version ${version}; this postloan needs ${needed}`,
    hint: 'run postloan db migrate (or store.migrate()) first',
  }),
  badSchemaName: (name: string): IssueText => ({
    message: `"${name}" is not a usable schema name`,
    hint: 'use lower-case letters, digits and underscores, starting with a letter, e.g. postloan',
  }),
  chunkSize: (size: number): IssueText => ({ message: `A chunk of ${size} loans is out of range`, hint: 'use 1 to 100000 loans per chunk' }),
  snapshotTasks: (packId: string, version: string, missing: readonly string[]): IssueText => ({
    message: `The snapshot names task rules pack ${packId} ${version} does not have: ${missing.slice(0, 5).join(', ')}`,
    hint: 'resume with the pack the snapshot was made with, or replay the history from the start',
  }),
});
