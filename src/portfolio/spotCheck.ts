/**
 * Monthly on-site spot check (P-IN-8): pick at least a given share of last month's new loans, in a way
 * an auditor can reproduce from the seed printed in the report.
 */
import { sha256Hex } from '../hash/sha256';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseRate, type Rate } from '../money/rate';
import { daysInMonth, fromCivil, type Day } from '../time/day';
import { portfolioText } from './portfolioMessages';

/** The policy rule this sample implements; echoed in every result for the audit trail (P-CT-2). */
const RULE_ID = 'P-IN-8';

/**
 * The share sampled when the caller passes no `rate`: P-IN-8's floor of 10 %. Callers that take the rate
 * from a rule pack should always pass it; this default only keeps a bare call on the policy's side.
 *
 * @example
 * ```ts
 * spotCheckSample(loans, { month: '2026-03', seed: 'audit-2026-04' }).rate; // '0.10'
 * ```
 */

/**
 * A loan as the spot check sees it. Only `id` and `disbursedOn` matter; `principal` (fen) is accepted so
 * callers can pass their loan records as they are, and deliberately does not influence selection.
 *
 * @example
 * ```ts
 * const loan: SpotCheckLoan = { id: 'L-0001', disbursedOn: day('2026-03-05'), principal: 5_000_000 };
 * ```
 */
export interface SpotCheckLoan {
  readonly id: string;
  readonly disbursedOn: Day;
  readonly principal?: number;
}

/**
 * What to sample.
 *
 * @example
 * ```ts
 * const options: SpotCheckOptions = { month: '2026-03', seed: 'audit-2026-04', rate: '0.10' };
 * ```
 */
export interface SpotCheckOptions {
  /** The month under review, `YYYY-MM`: only loans disbursed in it are eligible. */
  readonly month: string;
  /** Any non-empty string without NUL characters; print it in the report so the sample can be redrawn. */
  readonly seed: string;
  /** Share of the month's loans to check, an exact decimal string in (0, 1]: the pack parameter `spotCheckRate` (cn-default "0.10"). */
  readonly rate: string;
  /** Fewest loans to check when the month has any; default 1. Never more than the month's loans. */
  readonly minimum?: number;
}

/**
 * The drawn sample, with everything needed to redraw it.
 *
 * @example
 * ```ts
 * // { month: '2026-03', seed: 'audit-2026-04', rate: '0.10', population: 11, sampleSize: 2,
 * //   loanIds: ['L-0007', 'L-0002'], ruleId: 'P-IN-8' }
 * ```
 */
export interface SpotCheckSample {
  readonly month: string;
  readonly seed: string;
  /** The rate applied, as given (or the default). */
  readonly rate: string;
  /** Loans disbursed in `month`. */
  readonly population: number;
  /** `min(population, max(minimum, ⌈population × rate⌉))`, and 0 for an empty month. */
  readonly sampleSize: number;
  /** Selected loan ids in selection order: lowest rank key first. */
  readonly loanIds: readonly string[];
  readonly ruleId: typeof RULE_ID;
}



function issue(code: PostloanIssue['code'], path: string, t: IssueText): PostloanIssue {
  return issueFrom({ code, path }, t);
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** First and last day of a `YYYY-MM` month, or the issue explaining why it is not one. */
function parseMonth(value: unknown): { readonly first: Day; readonly last: Day } | PostloanIssue {
  const path = 'options.month';
  if (typeof value !== 'string') return issue('date.format', path, portfolioText.spotMonthType(value));
  const m = MONTH_RE.exec(value);
  if (m === null) return issue('date.format', path, portfolioText.spotMonthFormat(value));
  const year = Number(m[1]);
  const month = Number(m[2]);
  const first = fromCivil(year, month, 1);
  if (first === undefined) return issue('date.invalid', path, portfolioText.spotMonthInvalid(value, month));
  return { first, last: (first + daysInMonth(year, month) - 1) as Day };
}

function checkRate(value: unknown): Rate | PostloanIssue {
  const path = 'options.rate';
  const rate = typeof value === 'string' ? parseRate(value) : undefined;
  if (rate === undefined) return issue('rate.format', path, portfolioText.spotRateFormat(value));
  if (rate.units === 0n) return issue('rate.format', path, portfolioText.spotRateZero(rate));
  if (rate.units > rate.scale) return issue('rate.format', path, portfolioText.spotRateAboveOne(rate));
  return rate;
}

function isIssue(value: object): value is PostloanIssue {
  return 'code' in value;
}

/**
 * The rank key of a loan: hex SHA-256 of the UTF-8 bytes of `seed`, NUL, `id`. The seed may not contain
 * NUL, so distinct (seed, id) pairs give distinct hash inputs.
 */
function rankKey(seed: string, id: string): string {
  return sha256Hex(`${seed}\u0000${id}`);
}

/**
 * Draws the monthly on-site spot check of P-IN-8 from the loans disbursed in `options.month`.
 *
 * Size: `⌈population × rate⌉` computed exactly on the decimal rate string (10 loans at "0.10" → 1,
 * 11 → 2, 100 at "0.07" → 7 where floating point would give 8), raised to `minimum` (default 1) and
 * capped at the population. Loans disbursed in other months are ignored.
 *
 * Selection: every eligible loan gets the rank key `sha256(seed + "\u0000" + id)` (hex) and the
 * `sampleSize` lowest keys are taken, lowest first. Why this design rather than shuffling the list
 * with a seeded generator:
 * - a loan's key depends only on the seed and its own id — not on input order, not on the other loans —
 *   so the same seed always gives the same sample, however the book was exported;
 * - adding one loan to the book changes the sample by at most one loan (the newcomer displaces the
 *   last pick, or nothing changes); with a larger size the old sample stays inside the new one. A late
 *   correction to the month's loan list therefore never reshuffles visits already planned;
 * - an auditor can redraw it with any SHA-256 tool from the seed printed in the report
 *   (`printf 'seed\0id' | sha256sum` per loan, sort, take the first `sampleSize`).
 * The seed must be chosen before the loan list is final (or drawn publicly) so nobody can search for a
 * seed that avoids a given loan.
 *
 * Throws a {@link PostloanError} listing every problem at once: a malformed month (`date.format`,
 * `date.invalid`) or rate (`rate.format`), a bad minimum or seed, and duplicate or malformed loan ids
 * (`input.invalid` at `loans[i].id`).
 *
 * @example
 * ```ts
 * const loans = [
 *   { id: 'L-0001', disbursedOn: day('2026-03-02') },
 *   { id: 'L-0002', disbursedOn: day('2026-03-17') },
 *   { id: 'L-0003', disbursedOn: day('2026-02-27') }, // February: not eligible for the March review
 * ];
 * const sample = spotCheckSample(loans, { month: '2026-03', seed: 'spot-check 2026-03', rate: '0.10' });
 * sample.population; // 2
 * sample.sampleSize; // 1 (⌈2 × 0.10⌉)
 * sample.loanIds;    // ['L-0001']: its key 125a3d… is below L-0002's b8fe01…, on every run with this seed
 * ```
 */
export function spotCheckSample(loans: readonly SpotCheckLoan[], options: SpotCheckOptions): SpotCheckSample {
  const issues: PostloanIssue[] = [];

  const month = parseMonth(options.month);
  if (isIssue(month)) issues.push(month);

  const rateText = options.rate;
  const rate = checkRate(rateText);
  if (isIssue(rate)) issues.push(rate);

  const minimum = options.minimum ?? 1;
  if (!Number.isSafeInteger(minimum) || minimum < 0) issues.push(issue('input.invalid', 'options.minimum', portfolioText.spotMinimum(options.minimum)));

  const seed: unknown = options.seed;
  if (typeof seed !== 'string') issues.push(issue('input.invalid', 'options.seed', portfolioText.spotSeedType(seed)));
  else if (seed === '') issues.push(issue('input.invalid', 'options.seed', portfolioText.spotSeedEmpty()));
  else if (seed.includes('\u0000')) issues.push(issue('input.invalid', 'options.seed', portfolioText.spotSeedNul()));

  const firstIndex = new Map<string, number>();
  loans.forEach((loan, i) => {
    const id: unknown = loan.id;
    if (typeof id !== 'string' || id === '') {
      issues.push(issue('input.invalid', `loans[${i}].id`, portfolioText.spotIdType(id)));
    } else {
      const first = firstIndex.get(id);
      if (first === undefined) firstIndex.set(id, i);
      else issues.push(issue('input.invalid', `loans[${i}].id`, portfolioText.spotIdDuplicate(id, first)));
    }
    if (!Number.isSafeInteger(loan.disbursedOn)) issues.push(issue('input.invalid', `loans[${i}].disbursedOn`, portfolioText.spotDisbursedOn(loan.disbursedOn)));
  });

  if (issues.length > 0 || isIssue(month) || isIssue(rate)) throw new PostloanError(issues);
  const seedText = options.seed;

  const ranked = loans
    .filter((loan) => loan.disbursedOn >= month.first && loan.disbursedOn <= month.last)
    .map((loan) => ({ id: loan.id, key: rankKey(seedText, loan.id) }))
    // Ties need two ids whose UTF-8 encodings agree (lone surrogates); the id breaks them so order stays total.
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const population = ranked.length;
  const byRate = Number((BigInt(population) * rate.units + rate.scale - 1n) / rate.scale);
  const sampleSize = population === 0 ? 0 : Math.min(population, Math.max(minimum, byRate));

  return {
    month: options.month,
    seed: seedText,
    rate: rate.text,
    population,
    sampleSize,
    loanIds: ranked.slice(0, sampleSize).map((r) => r.id),
    ruleId: RULE_ID,
  };
}
