/**
 * Seeded synthetic portfolios: realistic loan histories, in the public history-file format, for demos,
 * benchmarks and portfolio-report tests — reproducible from a seed, free of personal data.
 */
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { parseDay } from '../time/day';
import { portfolioText } from './portfolioMessages';
import { MAX_SEED } from './random';
import { syntheticLoan, type GeneratedHistory, type PortfolioContext } from './syntheticLoan';

export type { GeneratedEvent, GeneratedHistory, GeneratedLoan, GeneratedValue } from './syntheticLoan';

/**
 * Most loans one call generates; a larger book is several calls with `firstLoan`.
 *
 * @example
 * ```ts
 * generatePortfolio({ seed: 1, loans: MAX_GENERATED_LOANS, asOf: '2026-06-30', firstLoan: MAX_GENERATED_LOANS }); // the second million
 * ```
 */
export const MAX_GENERATED_LOANS = 1_000_000;

/**
 * What to generate.
 *
 * @example
 * ```ts
 * const options: GeneratePortfolioOptions = { seed: 42, loans: 1000, asOf: '2026-06-30' };
 * ```
 */
export interface GeneratePortfolioOptions {
  /** Unsigned 32-bit integer (0 … 4294967295). Same seed, same options → byte-identical histories. */
  readonly seed: number;
  /** How many loans, 0 … {@link MAX_GENERATED_LOANS}. */
  readonly loans: number;
  /** Business date `YYYY-MM-DD` the histories run to: no event is later. */
  readonly asOf: string;
  /** Disbursements spread over this many years before `asOf` (1–10); default 3. */
  readonly years?: number;
  /**
   * 0-based number of the first loan (ids start at `L-` + `firstLoan + 1`); default 0. Loan `i` depends
   * only on the seed, `asOf`, `years` and `i`, so a book can be generated in slices.
   */
  readonly firstLoan?: number;
}


const isWhole = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

/**
 * Generates a synthetic loan portfolio: one history per loan, in the history-file format of
 * `docs/history-format.md` (what `parseHistoryValue` accepts and `postloan replay` reads), lazily, one loan at a
 * time, so any size streams in constant memory.
 *
 * The mix (shares are of loans, drawn independently per loan):
 * - **Borrowers**: 92 % retail, 8 % corporate; about 7 % of loans go to a borrower who already has one.
 *   Ids only (`L-000001`, `B-000001`, `G-000001-1`, `C-000001-1`), contact numbers masked (`138****0417`).
 * - **Amounts**: retail 5,000–300,000 yuan (most below 100,000), corporate 500,000–9,000,000 (about one in
 *   ten at 5 million or more, in key management mode). Guarantors on 70 % of corporate and 12 % of retail
 *   loans, collateral on 55 % and 10 % (valued at 110–200 % of the principal, revalued yearly).
 * - **Terms**: 6–36 months; retail mostly `equalInstallment` (72 %), then `equalPrincipal`, `interestOnly`
 *   and `bullet` (12 months or less); corporate mostly `interestOnly`. Rates 3.85–18 %, penalty rate
 *   1.5 × the rate on 85 % of loans. Disbursed uniformly over the `years` before `asOf`.
 * - **Behaviour** (retail / corporate): 73 % / 82 % pay on time (3 % of their instalments up to 12 days
 *   late, cured with the penalty); 15 % / 10 % fall one to three months behind once or twice and cure in
 *   full after calls and a promise to pay; 5.5 % / 2 % stop paying and roll M1 → M2 → M3 → outsourced,
 *   with agency placement, recoveries, recalls, lawsuits and write-offs; 4.5 % / 3 % settle early (one in
 *   ten after a spot check finds misappropriation); 2 % / 3 % are restructured after two missed months
 *   (`termMonths`, requested by an officer, approved by a manager).
 * - **Staff**: callbacks, on-site inspections, work logs and sign-offs, reports, reminders, notices,
 *   ratings, collateral checks; 88 % of loans have a diligent officer (96 % on time), the rest a sloppy
 *   one (76 % on time, 15 % late, the rest never), so tasks are done, late and breached in realistic
 *   proportions. Collection follows P-CS-2/3/4 (two calls a day on T+1…T+3, contacts on T+4, daily calls
 *   in M1); calls are in local office hours, about 1.5 % in quiet hours (a P-CS-11 breach).
 *
 * Payments are computed with the real ledger, so an on-time borrower pays exactly what falls due and a
 * cure pays exactly what is overdue, penalty included.
 *
 * Deterministic: a seeded mulberry32 stream per loan (never `Math.random`), integer draws only, so the
 * output is byte-identical on every platform. Throws a {@link PostloanError} listing every bad option.
 *
 * @example
 * ```ts
 * for (const history of generatePortfolio({ seed: 42, loans: 1000, asOf: '2026-06-30' })) {
 *   process.stdout.write(`${JSON.stringify(history)}\n`); // JSONL, as `postloan generate` writes
 * }
 * const book = [...generatePortfolio({ seed: 42, loans: 10, asOf: '2026-06-30' })];
 * book[0]?.loan.id; // 'L-000001'
 * ```
 */
export function generatePortfolio(options: GeneratePortfolioOptions): Generator<GeneratedHistory, void, undefined> {
  const issues: PostloanIssue[] = [];
  const issue = (path: string, code: PostloanIssue['code'], t: IssueText) => issues.push(issueFrom({ code, path }, t));
  const seed: unknown = options.seed;
  if (!isWhole(seed, 0, MAX_SEED)) issue('options.seed', 'input.invalid', portfolioText.genSeed(seed, MAX_SEED));
  const loans: unknown = options.loans;
  if (!isWhole(loans, 0, MAX_GENERATED_LOANS)) issue('options.loans', 'input.invalid', portfolioText.genLoans(loans, MAX_GENERATED_LOANS));
  const years: unknown = options.years ?? 3;
  if (!isWhole(years, 1, 10)) issue('options.years', 'input.invalid', portfolioText.genYears(options.years));
  const firstLoan: unknown = options.firstLoan ?? 0;
  if (!isWhole(firstLoan, 0, Number.MAX_SAFE_INTEGER - MAX_GENERATED_LOANS)) issue('options.firstLoan', 'input.invalid', portfolioText.genFirstLoan(options.firstLoan));
  const asOfText: unknown = options.asOf;
  const asOf = typeof asOfText === 'string' ? parseDay(asOfText) : undefined;
  if (asOf === undefined) issue('options.asOf', /^\d{4}-\d{2}-\d{2}$/.test(String(asOfText)) ? 'date.invalid' : 'date.format', portfolioText.genAsOf(asOfText));
  else if (typeof asOfText === 'string' && asOfText < '2021-01-01') issue('options.asOf', 'date.invalid', portfolioText.genAsOfRange(asOfText));
  if (issues.length > 0 || asOf === undefined || !isWhole(seed, 0, MAX_SEED) || !isWhole(loans, 0, MAX_GENERATED_LOANS)) throw new PostloanError(issues);

  // Never before 2020-01-02: the default pack is effective from 2020-01-01 and replays need a day after disbursement.
  const spreadDays = Math.min((years as number) * 365, asOf - (parseDay('2020-01-02') as number));
  return loansOf({ seed, asOf, spreadDays }, firstLoan as number, loans);
}

/** The lazy part of {@link generatePortfolio}: options are checked before the first loan is asked for. */
function* loansOf(ctx: PortfolioContext, first: number, count: number): Generator<GeneratedHistory, void, undefined> {
  for (let i = first; i < first + count; i++) yield syntheticLoan(ctx, i);
}
