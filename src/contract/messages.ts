/**
 * Every user-facing sentence of the contract layer lives here (dinero's `checks/messages.ts`), so
 * wording stays consistent and reviewable in one place. Each builder returns the issue text and the
 * hint that tells the user what to do.
 */
import { didYouMean, nearest } from '../errors';
import { textModule } from '../errors/issueText';
import { formatMoney, MAX_FEN, type Fen } from '../money/fen';
import type { Rate } from '../money/rate';
import { FIRST_INPUT_DAY, formatDay, LAST_INPUT_DAY, type Day } from '../time/day';

/**
 * A message and the fix to suggest; the caller adds code, file and path.
 *
 * @example
 * ```ts
 * const t: IssueText = { message: 'The schedule has no instalments', hint: 'list at least one' };
 * ```
 */
export interface IssueText {
  readonly message: string;
  readonly hint?: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export { describeValue } from '../errors/describeValue';
import { describeValue } from '../errors/describeValue';

/** The canonical money string for a loosely written amount ("1,000" → "1000.00"), if there is one. */
export function suggestMoney(text: string): string | undefined {
  const cleaned = text.trim().replace(/[,_\s]/g, '');
  const m = /^(-)?0*(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (m === null) return undefined;
  const int = m[2] ?? '0';
  return `${m[1] ?? ''}${int}.${(m[3] ?? '').padEnd(2, '0')}`;
}

/** Prints `units / scale` (scale a power of ten) as a plain decimal without trailing zeros. */
export function decimal(units: bigint, scale: bigint): string {
  const digits = scale.toString().length - 1;
  const padded = units.toString().padStart(digits + 1, '0');
  const int = padded.slice(0, padded.length - digits);
  const frac = padded.slice(padded.length - digits).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/** Like formatMoney for sums that may leave the safe-integer range (many large instalments). */
export function formatBigFen(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${cents}`;
}

/**
 * The contract layer's issue texts: each builder takes the facts of one problem and returns the
 * message and the hint. Kept in one place so the wording stays consistent and reviewable.
 *
 * @example
 * ```ts
 * contractText.moneyNumber(10236.17);
 * // { message: 'Money must be a decimal string with 2 decimals, got the number 10236.17',
 * //   hint: 'write "10236.17" as a string with 2 decimals: JSON numbers lose fen' }
 * ```
 */
export const contractText = textModule('contract', {
  missing: (what: string, example: string): IssueText => ({
    message: `Required: ${what} is missing`,
    hint: `add this field, e.g. ${example}`,
  }),
  moneyNumber: (value: number): IssueText => {
    const asText = String(value);
    const exact = /^-?\d+(\.\d{1,2})?$/.test(asText) ? value.toFixed(2) : undefined;
    return {
      message: `Money must be a decimal string with 2 decimals, got ${describeValue(value)}`,
      hint:
        exact === undefined
          ? 'write the amount as a string with 2 decimals, e.g. "10236.17": JSON numbers lose fen'
          : `write "${exact}" as a string with 2 decimals: JSON numbers lose fen`,
    };
  },
  moneyFormat: (value: unknown): IssueText => {
    const suggestion = typeof value === 'string' ? suggestMoney(value) : undefined;
    return {
      message: `Money must be a decimal string in yuan with exactly 2 decimals, got ${describeValue(value)}`,
      hint:
        suggestion === undefined
          ? 'write yuan with exactly 2 decimals and no spaces, commas or exponent, e.g. "10236.17"'
          : `write "${suggestion}": exactly 2 decimals, no spaces, commas, leading zeros or exponent`,
    };
  },
  moneyRange: (text: string): IssueText => ({
    message: `The amount ${text} is larger than the largest amount postloan accepts (${formatMoney(MAX_FEN)})`,
    hint: 'check the amount for extra digits',
  }),
  moneyNotPositive: (fen: Fen): IssueText => ({
    message: `The amount must be greater than zero, got "${formatMoney(fen)}"`,
    hint: 'give a positive amount such as "100.00"',
  }),
  moneyNegative: (fen: Fen): IssueText => ({
    message: `The amount must not be negative, got "${formatMoney(fen)}"`,
    hint: 'give zero or a positive amount such as "100.00"',
  }),
  rateFormat: (value: unknown): IssueText => ({
    message: `A rate must be a decimal string such as "0.0435" (4.35 % a year), got ${describeValue(value)}`,
    hint:
      typeof value === 'number'
        ? `write it as a string: "${String(value)}"; JSON numbers lose precision`
        : 'write a non-negative decimal with at most 10 decimals, e.g. "0.0435"',
  }),
  rateTooHigh: (rate: Rate): IssueText => ({
    message: `The rate "${rate.text}" is ${decimal(rate.units * 100n, rate.scale)} % a year, which is not a plausible loan rate`,
    hint: `write rates as decimals: ${rate.text} % a year is "${decimal(rate.units, rate.scale * 100n)}"`,
  }),
  dateFormat: (value: unknown): IssueText => {
    const loose = typeof value === 'string' ? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.trim()) : null;
    const suggestion =
      loose === null ? undefined : `${loose[1] ?? ''}-${(loose[2] ?? '').padStart(2, '0')}-${(loose[3] ?? '').padStart(2, '0')}`;
    return {
      message: `A date must be a string "YYYY-MM-DD", got ${describeValue(value)}`,
      hint: suggestion === undefined ? 'use YYYY-MM-DD, e.g. "2026-02-15"' : `use YYYY-MM-DD: "${suggestion}"`,
    };
  },
  dateNotInCalendar: (text: string, year: number, month: number, days: number | undefined): IssueText => ({
    message: `"${text}" is not a calendar date`,
    hint:
      days === undefined
        ? 'use YYYY-MM-DD with a month from 01 to 12'
        : `${MONTHS[month - 1] ?? 'that month'} ${year} has ${days} days`,
  }),
  dateOutOfRange: (text: string): IssueText => ({
    message: `"${text}" is outside the supported dates ${FIRST_INPUT_DAY} to ${LAST_INPUT_DAY}`,
    hint: 'check the year',
  }),
  idTooLong: (length: number, max: number): IssueText => ({
    message: `An id may be at most ${max} characters long; this one has ${length}`,
    hint: 'use the short reference your system keys the record by',
  }),
  idControlCharacter: (): IssueText => ({
    message: 'An id must not hold control characters, line or paragraph separators or bidirectional marks',
    hint: 'remove the invisible characters; ids are printed in messages and explanations',
  }),
  emptyText: (): IssueText => ({
    message: 'This text must not be empty',
    hint: 'write a value, or remove the field if it is optional',
  }),
  notInteger: (value: unknown, min: number, max: number): IssueText => ({
    message: `Expected a whole number from ${min} to ${max}, got ${describeValue(value)}`,
    hint: `give a whole number such as ${min === 0 ? 1 : min}`,
  }),
  notOneOf: (value: unknown, values: readonly string[]): IssueText => ({
    message: `Expected one of ${values.map((v) => `"${v}"`).join(', ')}, got ${describeValue(value)}`,
    hint: typeof value === 'string' ? didYouMean(value, values) : `use one of: ${values.map((v) => `"${v}"`).join(', ')}`,
  }),
  unknownKey: (key: string, known: readonly string[]): IssueText => {
    const near = nearest(key, known);
    return {
      message: `Unknown key "${key}"`,
      hint:
        near === undefined
          ? `remove it; the keys allowed here are ${known.map((k) => `"${k}"`).join(', ')}`
          : `did you mean "${near}"?`,
    };
  },
  duplicateId: (what: string, id: string, firstPath: string): IssueText => ({
    message: `The ${what} id "${id}" is already used by ${firstPath}`,
    hint: `give each ${what} its own id`,
  }),
  noRepayment: (): IssueText => ({
    message: 'The loan needs either "repayment" (a method) or an explicit "schedule"',
    hint: 'add "repayment": "equalInstallment" (or "equalPrincipal", "interestOnly", "bullet"), or "schedule": [{ "dueOn", "principal", "interest" }]',
  }),
  termMonthsRequired: (): IssueText => ({
    message: 'termMonths is required when instalments are generated from "repayment"',
    hint: 'add "termMonths": the number of months from disbursement to maturity, e.g. 12',
  }),
  emptySchedule: (): IssueText => ({
    message: 'The schedule has no instalments',
    hint: 'list at least one { "dueOn", "principal", "interest" }',
  }),
  scheduleNotAfterStart: (dueOn: Day, start: Day, startName: string): IssueText => ({
    message: `The instalment due on ${formatDay(dueOn)} is not after ${startName} (${formatDay(start)})`,
    hint: `every instalment must fall due after ${startName}`,
  }),
  scheduleTooLarge: (lines: number, limit: string): IssueText => ({
    message: `The schedule's first ${lines} instalment${lines === 1 ? '' : 's'} add up (principal and interest) to more than ${limit}, the most postloan handles for one loan`,
    hint: `check the amounts of this line: they are probably in fen, or have extra digits; the whole schedule must stay within ${limit}`,
  }),
  scheduleNotIncreasing: (dueOn: Day, previous: Day): IssueText => ({
    message: `The instalment due on ${formatDay(dueOn)} is not after the one listed before it (due ${formatDay(previous)})`,
    hint: 'list instalments in date order, at most one per day',
  }),
  schedulePrincipalSum: (sum: bigint, principal: Fen): IssueText => ({
    message: `The schedule's principal adds up to ${formatBigFen(sum)}, but the loan principal is ${formatMoney(principal)}`,
    hint: `make the instalments' principal add up to exactly ${formatMoney(principal)} (difference ${formatBigFen(BigInt(principal) - sum)})`,
  }),
  firstDueOnWithSchedule: (): IssueText => ({
    message: 'firstDueOn only applies to generated instalments, but this loan has an explicit schedule',
    hint: 'remove firstDueOn: the explicit schedule already fixes every due date',
  }),
  firstDueOnWithBullet: (): IssueText => ({
    message: 'firstDueOn does not apply to a bullet loan: it has a single instalment at maturity',
    hint: 'remove firstDueOn, or use "interestOnly" for monthly interest with principal at maturity',
  }),
  firstDueOnNotAfter: (firstDueOn: Day, disbursedOn: Day): IssueText => ({
    message: `firstDueOn ${formatDay(firstDueOn)} is not after disbursedOn ${formatDay(disbursedOn)}`,
    hint: 'the first instalment falls due after the money is paid out',
  }),
  firstDueOnTooLate: (firstDueOn: Day, limit: Day): IssueText => ({
    message: `firstDueOn ${formatDay(firstDueOn)} is more than 2 months after disbursement (latest ${formatDay(limit)})`,
    hint: 'set firstDueOn within two months of disbursedOn, or leave it out to start one month after disbursement',
  }),
  unknownTimeZone: (zone: string, known: readonly string[]): IssueText => {
    const near = nearest(zone, known);
    return {
      message: `"${zone}" is not a known IANA time zone`,
      hint: near === undefined ? 'use a zone name such as "Asia/Shanghai"' : `did you mean "${near}"?`,
    };
  },
});
