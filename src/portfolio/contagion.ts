/**
 * Borrower contagion (P-CL-8, NFRA 2023 art. 7): a non-retail borrower more than a threshold share of
 * whose balance is non-performing has all its loans classified non-performing.
 */
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { PostloanError } from '../errors/PostloanError';
import type { IssueCode, PostloanIssue } from '../errors/PostloanIssue';
import { parseMoney } from '../money/fen';
import { parseRate, type Rate } from '../money/rate';
import { BORROWER_KINDS, CLASSIFICATIONS, isNonPerforming, worseOf, type Classification } from '../rules/vocabulary';
import { portfolioText } from './portfolioMessages';

/** The policy rule this module implements; echoed on every loan it changes (P-CT-2). */
const RULE_ID = 'P-CL-8';

/**
 * One loan as the contagion rule sees it: whose it is, its current class and its outstanding principal.
 *
 * @example
 * ```ts
 * const loan: ContagionLoan = {
 *   loanId: 'L-1', borrowerId: 'B-1', borrowerKind: 'corporate',
 *   classification: replayed.classification, balance: replayed.outstanding.principal, // "1200000.00"
 * };
 * ```
 */
export interface ContagionLoan {
  readonly loanId: string;
  readonly borrowerId: string;
  /** Retail loans are classified one by one and never changed here. */
  readonly borrowerKind: 'retail' | 'corporate';
  readonly classification: Classification;
  /** Outstanding principal as money text with two decimals, as in `ReplayOutput.outstanding.principal`. */
  readonly balance: string;
}

/**
 * Parameters of the rule, taken from the rule pack.
 *
 * @example
 * ```ts
 * const options: ContagionOptions = { threshold: '0.10' }; // floor defaults to 'substandard'
 * ```
 */
export interface ContagionOptions {
  /**
   * The non-performing share of a borrower's balance that must be exceeded (strictly), as an exact
   * decimal string in [0, 1): the pack parameter (P-CL-8: "0.10"). Required: thresholds live in the pack.
   */
  readonly threshold: string;
  /** The class every loan of an infected borrower is raised to at least; a non-performing class. Default `substandard`. */
  readonly floor?: Classification;
}

/**
 * The class of one input loan after contagion, in input order.
 *
 * @example
 * ```ts
 * // { loanId: 'L-1', classification: 'substandard', changed: true, ruleIds: ['P-CL-8'],
 * //   reason: 'borrower B-1: 1,200,000.00 of 10,000,000.00 (12.00 %) is non-performing, above 10 %' }
 * ```
 */
export interface ContagionResult {
  readonly loanId: string;
  /** Never better than the input class. */
  readonly classification: Classification;
  readonly changed: boolean;
  /** `['P-CL-8']` when the class changed, else empty. */
  readonly ruleIds: readonly (typeof RULE_ID)[];
  /** Why the class changed: the borrower's non-performing share against the threshold. Only when changed. */
  readonly reason?: string;
}

// The reason a contagion decision gives in the timeline (not an issue).
const text = {
  reason: (borrowerId: string, npl: bigint, total: bigint, rate: Rate) =>
    `borrower ${borrowerId}: ${groupedMoney(npl)} of ${groupedMoney(total)} (${sharePercent(npl, total, rate)} %) is non-performing, above ${percentText(rate)} %`,
} as const;


function issue(code: IssueCode, path: string, t: IssueText): PostloanIssue {
  return issueFrom({ code, path }, t);
}

/** Fen as yuan with thousands separators: 120000000n → "1,200,000.00". Sums may pass 2^53, hence bigint. */
function groupedMoney(fen: bigint): string {
  const yuan = (fen / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  return `${yuan}.${(fen % 100n).toString().padStart(2, '0')}`;
}

/** `units / scale` (scale a power of ten) as a plain decimal without trailing zeros. */
function decimalText(units: bigint, scale: bigint): string {
  const digits = scale.toString().length - 1;
  const padded = units.toString().padStart(digits + 1, '0');
  const whole = padded.slice(0, padded.length - digits);
  const fraction = padded.slice(padded.length - digits).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** The threshold as a percentage: "0.10" → "10", "0.125" → "12.5". */
function percentText(rate: Rate): string {
  return decimalText(rate.units * 100n, rate.scale);
}

/**
 * `npl / total` as a percentage, rounded down to 2 decimals — or to as many more as it takes to show
 * that it is above the threshold, so the reason never reads "10.00 % … above 10 %".
 */
function sharePercent(npl: bigint, total: bigint, rate: Rate): string {
  let scale = 100n;
  for (;;) {
    const shown = (npl * 100n * scale) / total;
    // shown / scale > units × 100 / rate.scale, exactly.
    if (shown * rate.scale > rate.units * 100n * scale) {
      const digits = scale.toString().length - 1;
      const padded = shown.toString().padStart(digits + 1, '0');
      return `${padded.slice(0, padded.length - digits)}.${padded.slice(padded.length - digits)}`;
    }
    scale *= 10n;
  }
}

function checkThreshold(value: unknown): Rate | PostloanIssue {
  const rate = typeof value === 'string' ? parseRate(value) : undefined;
  if (rate === undefined) return issue('rate.format', 'options.threshold', portfolioText.contagionThresholdFormat(value));
  if (rate.units >= rate.scale) return issue('rate.format', 'options.threshold', portfolioText.contagionThresholdTooHigh(rate));
  return rate;
}

function isIssue(value: object): value is PostloanIssue {
  return 'code' in value;
}

const CLASSIFICATION_NAMES: readonly string[] = CLASSIFICATIONS;
const KIND_NAMES: readonly string[] = BORROWER_KINDS;

/** Checks every field of every loan; returns the balances in fen (undefined where invalid). */
function checkLoans(loans: readonly ContagionLoan[], issues: PostloanIssue[]): (bigint | undefined)[] {
  const firstIndex = new Map<string, number>();
  const kindOf = new Map<string, { readonly kind: string; readonly index: number }>();
  return loans.map((loan, i) => {
    const at = (field: string) => `loans[${i}].${field}`;
    const loanId: unknown = loan.loanId;
    if (typeof loanId !== 'string' || loanId.trim() === '') issues.push(issue('input.invalid', at('loanId'), portfolioText.contagionIdType('loan id', loanId)));
    else {
      const first = firstIndex.get(loanId);
      if (first === undefined) firstIndex.set(loanId, i);
      else issues.push(issue('input.invalid', at('loanId'), portfolioText.contagionIdDuplicate(loanId, first)));
    }

    const borrowerId: unknown = loan.borrowerId;
    const kind: unknown = loan.borrowerKind;
    const validBorrower = typeof borrowerId === 'string' && borrowerId.trim() !== '';
    if (!validBorrower) issues.push(issue('input.invalid', at('borrowerId'), portfolioText.contagionIdType('borrower id', borrowerId)));
    if (typeof kind !== 'string' || !KIND_NAMES.includes(kind)) issues.push(issue('input.invalid', at('borrowerKind'), portfolioText.contagionBorrowerKind(kind)));
    else if (validBorrower) {
      const first = kindOf.get(borrowerId);
      if (first === undefined) kindOf.set(borrowerId, { kind, index: i });
      else if (first.kind !== kind) {
        issues.push(issue('input.invalid', at('borrowerKind'), portfolioText.contagionBorrowerKindMismatch(borrowerId, kind, first.kind, first.index)));
      }
    }

    const classification: unknown = loan.classification;
    if (typeof classification !== 'string' || !CLASSIFICATION_NAMES.includes(classification)) {
      issues.push(issue('input.invalid', at('classification'), portfolioText.contagionClassification(classification)));
    }

    const balance: unknown = loan.balance;
    if (typeof balance !== 'string') {
      issues.push(typeof balance === 'number' ? issue('money.number', at('balance'), portfolioText.contagionBalanceNumber(balance)) : issue('money.format', at('balance'), portfolioText.contagionBalanceFormat(balance)));
      return undefined;
    }
    const parsed = parseMoney(balance);
    if (!parsed.ok) {
      issues.push(parsed.reason === 'range' ? issue('money.range', at('balance'), portfolioText.contagionBalanceRange(balance)) : issue('money.format', at('balance'), portfolioText.contagionBalanceFormat(balance)));
      return undefined;
    }
    if (parsed.fen < 0) {
      issues.push(issue('money.negative', at('balance'), portfolioText.contagionBalanceNegative(balance)));
      return undefined;
    }
    return BigInt(parsed.fen);
  });
}

/**
 * Applies borrower contagion (P-CL-8, NFRA 2023 art. 7) to a book of loans: for every **corporate**
 * borrower whose non-performing balance (substandard, doubtful or loss) is **more than** `threshold` of
 * its total balance, every loan of that borrower is raised to at least `floor` (default `substandard`).
 *
 * - Exact: balances are summed in integer fen and compared as `npl × scale > total × units`, with the
 *   threshold's decimal digits as `units / scale` — no floating point, so 10 % exactly is not "more than".
 * - Retail borrowers are never changed (their loans are classified one by one), nor is a borrower whose
 *   total balance is zero. A class is never improved (`worseOf`).
 * - Pure and order-independent: one result per input loan, in input order; shuffling the input gives
 *   the same result per loan id. Idempotent: applying it to its own output changes nothing more.
 *
 * Throws a {@link PostloanError} listing every problem at once: bad ids (`loans[i].loanId`, duplicates
 * included), kinds, classes or balances (`loans[i].balance`: `money.format`, `money.number`,
 * `money.range`, `money.negative`), a borrower listed as both retail and corporate, a threshold that is
 * not a decimal share below 1 (`options.threshold`), or a floor that is not non-performing (`options.floor`).
 *
 * @example
 * ```ts
 * const results = applyContagion(
 *   [
 *     { loanId: 'L-1', borrowerId: 'B-1', borrowerKind: 'corporate', classification: 'substandard', balance: '1200000.00' },
 *     { loanId: 'L-2', borrowerId: 'B-1', borrowerKind: 'corporate', classification: 'pass', balance: '8800000.00' },
 *     { loanId: 'L-3', borrowerId: 'B-2', borrowerKind: 'retail', classification: 'pass', balance: '50000.00' },
 *   ],
 *   { threshold: pack.parameters['contagionThreshold'] as string }, // "0.10"
 * );
 * results[1];
 * // { loanId: 'L-2', classification: 'substandard', changed: true, ruleIds: ['P-CL-8'],
 * //   reason: 'borrower B-1: 1,200,000.00 of 10,000,000.00 (12.00 %) is non-performing, above 10 %' }
 * results[2]; // { loanId: 'L-3', classification: 'pass', changed: false, ruleIds: [] }
 * ```
 */
export function applyContagion(loans: readonly ContagionLoan[], options: ContagionOptions): ContagionResult[] {
  const issues: PostloanIssue[] = [];
  const threshold = checkThreshold(options.threshold);
  if (isIssue(threshold)) issues.push(threshold);
  const floor: unknown = options.floor ?? 'substandard';
  if (typeof floor !== 'string' || !CLASSIFICATION_NAMES.includes(floor) || !isNonPerforming(floor as Classification)) {
    issues.push(issue('input.invalid', 'options.floor', portfolioText.contagionFloor(options.floor)));
  }
  const balances = checkLoans(loans, issues);
  if (issues.length > 0 || isIssue(threshold)) throw new PostloanError(issues);
  const floorClass = floor as Classification;

  const borrowers = new Map<string, { total: bigint; npl: bigint }>();
  loans.forEach((loan, i) => {
    const balance = balances[i] ?? 0n;
    const b = borrowers.get(loan.borrowerId) ?? { total: 0n, npl: 0n };
    b.total += balance;
    if (isNonPerforming(loan.classification)) b.npl += balance;
    borrowers.set(loan.borrowerId, b);
  });

  // The reason per infected borrower; absent for borrowers the rule leaves alone.
  const reasons = new Map<string, string>();
  for (const [borrowerId, { total, npl }] of borrowers) {
    if (total > 0n && npl * threshold.scale > total * threshold.units) reasons.set(borrowerId, text.reason(borrowerId, npl, total, threshold));
  }

  return loans.map((loan): ContagionResult => {
    const reason = loan.borrowerKind === 'corporate' ? reasons.get(loan.borrowerId) : undefined;
    const classification = reason === undefined ? loan.classification : worseOf(loan.classification, floorClass);
    if (reason === undefined || classification === loan.classification) {
      return { loanId: loan.loanId, classification, changed: false, ruleIds: [] };
    }
    return { loanId: loan.loanId, classification, changed: true, ruleIds: [RULE_ID], reason };
  });
}
