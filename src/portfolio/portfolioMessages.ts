/**
 * The portfolio tools' sentences (generator, spot check, contagion, supervisory sample, report, pack diff),
 * in one place so the wording stays reviewable and each has a Chinese twin.
 */
import { describeValue } from '../errors/describeValue';
import { textModule } from '../errors/issueText';
import { didYouMean } from '../errors/suggest';
import type { Rate } from '../money/rate';
import { BORROWER_KINDS, CLASSIFICATIONS } from '../rules/vocabulary';

/**
 * The portfolio tools' texts.
 *
 * @example
 * ```ts
 * portfolioText.diffCounts(2, 3).message; // '2 replays before and 3 after: the two lists must hold the same loans in the same order'
 * ```
 */
export const portfolioText = textModule('portfolio', {
  // generate.ts
  genSeed: (value: unknown, max: number) => ({
    message: `The seed must be a whole number from 0 to ${max}, got ${describeValue(value)}`,
    hint: 'give any whole number, e.g. 42, and keep it to regenerate the same portfolio',
  }),
  genLoans: (value: unknown, max: number) => ({
    message: `The number of loans must be a whole number from 0 to ${max}, got ${describeValue(value)}`,
    hint: 'e.g. 1000',
  }),
  genAsOf: (value: unknown) => ({
    message: `The as-of date must be a real date written YYYY-MM-DD, got ${describeValue(value)}`,
    hint: 'e.g. 2026-06-30',
  }),
  genAsOfRange: (value: string) => ({
    message: `The as-of date ${value} leaves no room for disbursements inside the default pack's effective dates`,
    hint: 'use a date from 2021-01-01 on (cn-default is effective from 2020-01-01)',
  }),
  genYears: (value: unknown) => ({
    message: `The spread of disbursements must be a whole number of years from 1 to 10, got ${describeValue(value)}`,
    hint: 'leave it out for 3 years',
  }),
  genFirstLoan: (value: unknown) => ({
    message: `The first loan number must be a whole number from 0, got ${describeValue(value)}`,
    hint: 'leave it out to start at L-000001',
  }),
  // spotCheck.ts
  spotMonthType: (value: unknown) => ({
    message: `The review month must be a "YYYY-MM" string, got ${describeValue(value)}`,
    hint: 'write the month the loans were disbursed in, e.g. "2026-03"',
  }),
  spotMonthFormat: (value: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? { message: `The review month must be "YYYY-MM" without a day, got "${value}"`, hint: `write "${value.slice(0, 7)}"` }
      : /^\d{4}-\d$/.test(value)
        ? { message: `The review month must be "YYYY-MM" with a two-digit month, got "${value}"`, hint: `write "${value.slice(0, 5)}0${value.slice(5)}"` }
        : { message: `The review month must be "YYYY-MM", got "${value}"`, hint: 'write the month the loans were disbursed in, e.g. "2026-03"' },
  spotMonthInvalid: (value: string, month: number) =>
    month < 1 || month > 12
      ? { message: `"${value}" is not a month: the month must be 01–12`, hint: 'check the month digits' }
      : { message: `"${value}" is outside the supported years 1900–2999`, hint: 'check the year digits' },
  spotRateFormat: (value: unknown) => ({
    message: `The spot-check rate must be a decimal string such as "0.10", got ${describeValue(value)}`,
    hint: typeof value === 'string' && /^\d+(\.\d+)?%$/.test(value) ? 'write a share, not a percentage: 10 % is "0.10"' : 'write the share of loans to check as a decimal string: 10 % is "0.10"',
  }),
  spotRateZero: (rate: Rate) => ({
    message: `The spot-check rate "${rate.text}" would check no loans`,
    hint: `P-IN-8 requires at least 10 % of the month's new loans: use a rate such as "0.10"`,
  }),
  spotRateAboveOne: (rate: Rate) => ({
    message: `The spot-check rate "${rate.text}" is above 1 (100 % of the loans)`,
    hint: /^\d{1,2}$/.test(rate.text)
      ? `write a share, not a percentage: ${rate.text} % is "0.${rate.text.padStart(2, '0')}"`
      : 'write a share between 0 and 1: 10 % is "0.10", every loan is "1"',
  }),
  spotMinimum: (value: unknown) => ({
    message: `The minimum sample size must be a whole number of loans, 0 or more, got ${describeValue(value)}`,
    hint: 'give a count such as 1, or leave it out for the default of 1',
  }),
  spotSeedEmpty: () => ({
    message: 'The seed is empty',
    hint: 'give a seed and print it in the report so auditors can redraw the sample, e.g. "spot-check 2026-03 draw 1"',
  }),
  spotSeedType: (value: unknown) => ({
    message: `The seed must be a string, got ${describeValue(value)}`,
    hint: 'give a seed and print it in the report so auditors can redraw the sample, e.g. "spot-check 2026-03 draw 1"',
  }),
  spotSeedNul: () => ({
    message: 'The seed contains a NUL character (U+0000)',
    hint: 'remove it: NUL separates the seed from the loan id in the rank key',
  }),
  spotIdType: (value: unknown) => ({
    message: `A loan id must be a non-empty string, got ${describeValue(value)}`,
    hint: 'give every loan its contract id',
  }),
  spotIdDuplicate: (id: string, firstIndex: number) => ({
    message: `The loan id "${id}" appears more than once (first at loans[${firstIndex}])`,
    hint: 'list each loan once: remove the duplicate or correct its id',
  }),
  spotDisbursedOn: (value: unknown) => ({
    message: `The disbursement day must be a Day, got ${describeValue(value)}`,
    hint: 'convert the "YYYY-MM-DD" date with parseDay first',
  }),
  // contagion.ts
  contagionIdType: (field: string, value: unknown) => ({
    message: `The ${field} must be a non-empty string, got ${describeValue(value)}`,
    hint: field === 'loan id' ? 'give every loan its contract id' : 'give the id of the borrower the loan belongs to',
  }),
  contagionIdDuplicate: (id: string, firstIndex: number) => ({
    message: `The loan id "${id}" appears more than once (first at loans[${firstIndex}])`,
    hint: 'list each loan once: remove the duplicate or correct its id',
  }),
  contagionBorrowerKind: (value: unknown) => ({
    message: `The borrower kind must be "retail" or "corporate", got ${describeValue(value)}`,
    hint: typeof value === 'string' ? didYouMean(value, BORROWER_KINDS) : 'use "retail" or "corporate"',
  }),
  contagionBorrowerKindMismatch: (borrowerId: string, kind: string, firstKind: string, firstIndex: number) => ({
    message: `Borrower "${borrowerId}" is "${kind}" here but "${firstKind}" at loans[${firstIndex}]`,
    hint: 'a borrower is either retail or corporate: correct the kind or the borrower id',
  }),
  contagionClassification: (value: unknown) => ({
    message: `The classification must be one of the five tiers, got ${describeValue(value)}`,
    hint: typeof value === 'string' ? didYouMean(value, CLASSIFICATIONS) : `use one of: ${CLASSIFICATIONS.map((c) => `"${c}"`).join(', ')}`,
  }),
  contagionBalanceNumber: (value: number) => ({
    message: `The balance must be money text with 2 decimals, got ${describeValue(value)}`,
    hint: 'pass the outstanding principal as text, e.g. "1200000.00" (ReplayOutput.outstanding.principal): numbers lose fen',
  }),
  contagionBalanceFormat: (value: unknown) => ({
    message: `The balance must be money text in yuan with exactly 2 decimals, got ${describeValue(value)}`,
    hint: 'write yuan with exactly 2 decimals and no spaces, commas or exponent, e.g. "1200000.00"',
  }),
  contagionBalanceRange: (value: string) => ({
    message: `The balance "${value}" is larger than the largest amount postloan accepts`,
    hint: 'check the amount for extra digits',
  }),
  contagionBalanceNegative: (value: string) => ({
    message: `The balance must not be negative, got "${value}"`,
    hint: 'give the outstanding principal: zero or a positive amount',
  }),
  contagionThresholdFormat: (value: unknown) => ({
    message: `The contagion threshold must be a decimal string such as "0.10", got ${describeValue(value)}`,
    hint:
      typeof value === 'string' && /^\d+(\.\d+)?\s*%$/.test(value)
        ? 'write a share, not a percentage: 10 % is "0.10"'
        : 'pass the pack parameter: the share of the balance, 10 % is "0.10"',
  }),
  contagionThresholdTooHigh: (rate: Rate) => ({
    message: `The contagion threshold "${rate.text}" is 1 (100 %) or more, so no borrower could ever exceed it`,
    hint: /^\d{1,2}$/.test(rate.text)
      ? `write a share, not a percentage: ${rate.text} % is "0.${rate.text.padStart(2, '0')}"`
      : 'write a share below 1: P-CL-8 uses 10 %, "0.10"',
  }),
  contagionFloor: (value: unknown) => ({
    message: `The contagion floor must be a non-performing tier, got ${describeValue(value)}`,
    hint: 'P-CL-8 makes every loan of the borrower non-performing: use "substandard" (the default), "doubtful" or "loss"',
  }),
  // report.ts
  reportDate: (field: string, value: unknown) => ({
    message: `The report's ${field} date must be a real date written YYYY-MM-DD, got ${describeValue(value)}`,
    hint: `e.g. "2026-06-30"`,
  }),
  reportOrder: (from: string, to: string) => ({ message: `The period must end after it starts: from ${from} to ${to}`, hint: 'swap the dates, or give a later end date' }),
  reportRate: (field: string, value: unknown) => ({ message: `The ${field} must be a decimal share such as "0.03", got ${describeValue(value)}`, hint: 'write a share, not a percentage: 3 % is "0.03"' }),
  reportMoney: (value: unknown) => ({ message: `The provisions held must be money text with 2 decimals, got ${describeValue(value)}`, hint: 'e.g. "1250000.00"' }),
  reportSeed: (value: unknown) => ({ message: `The sample seed must be a non-empty string without NUL, got ${describeValue(value)}`, hint: 'give a seed and print it with the report, e.g. "report 2026-06"' }),
  reportMismatch: (what: string, got: string, want: string) => ({ message: `A loan's ${what} is ${got}, expected ${want}`, hint: 'replay the start at `from` and the end at `to`, and pass the profile of the same loan' }),
  reportDuplicate: (loanId: string) => ({ message: `Loan ${loanId} appears more than once in the book; only its first history is reported`, hint: 'give each loan one history' }),
  reportOtherPack: (loanId: string, hash: string, first: string) => ({
    message: `Loan ${loanId} was replayed under pack ${hash}, the book under ${first}; it is left out`,
    hint: 'replay every loan of a report under the same rule pack',
  }),
  // supervisorySample.ts
  sampleSeed: (value: unknown) => ({ message: `The sample seed must be a non-empty string without NUL, got ${describeValue(value)}`, hint: 'give a seed and print it with the sample, e.g. "exam 2026-Q2"' }),
  sampleBorrowers: (value: unknown) => ({ message: `P-PF-5 samples at least 10 borrowers, got ${describeValue(value)}`, hint: 'leave it out for 10, or give a larger whole number' }),
  samplePerBorrower: (value: unknown) => ({ message: `P-PF-5 examines 1 or 2 loans per borrower, got ${describeValue(value)}`, hint: 'use 1 or 2 (the default)' }),
  // diff.ts
  diffOtherLoan: (before: string, after: string) => ({ message: `The two replays are of different loans (${before} and ${after})`, hint: 'replay the same history under each pack and add the two outputs together' }),
  diffCounts: (before: number, after: number) => ({ message: `${before} replays before and ${after} after: the two lists must hold the same loans in the same order`, hint: 'replay every history under both packs' }),
  // cli/reportCommand.ts
  mixedCurrencies: (codes: readonly string[]) => ({
    message: `The book mixes currencies (${codes.join(', ')}); amounts are never summed across currencies`,
    hint: `report one currency at a time with --currency ${codes[0] ?? 'CNY'}, or use --format json for one report per currency`,
  }),
});
