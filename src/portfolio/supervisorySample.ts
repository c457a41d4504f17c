/**
 * The supervisory on-site sample of P-PF-5: which borrowers (and which of their loans) an examiner
 * looks at, drawn by rules an auditor can check and with a seed an auditor can redraw.
 */
import { sha256Hex } from '../hash/sha256';
import { PostloanError } from '../errors/PostloanError';
import { issueFrom } from '../errors/issueText';
import { classificationRank, isNonPerforming, type Classification } from '../rules/vocabulary';
import { moneyText } from './decimal';
import { portfolioText } from './portfolioMessages';

const RULE_ID = 'P-PF-5';

/**
 * One loan as the sample sees it: whose it is, its class, its balance and its security.
 *
 * @example
 * ```ts
 * const loan: SampleLoan = {
 *   loanId: 'L-000001', borrowerId: 'B-000001', classification: 'pass',
 *   balance: 12_000_000n, secured: true, guaranteed: false,
 * };
 * ```
 */
export interface SampleLoan {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly classification: Classification;
  /** Outstanding principal in fen. */
  readonly balance: bigint;
  /** The contract lists collateral. */
  readonly secured: boolean;
  /** The contract lists guarantors. */
  readonly guaranteed: boolean;
}

/**
 * The sample's size and quotas. Defaults are P-PF-5's minimums.
 *
 * @example
 * ```ts
 * const options: SupervisorySampleOptions = { seed: 'exam 2026-Q2', borrowers: 12 };
 * ```
 */
export interface SupervisorySampleOptions {
  /** Non-empty, no NUL; print it with the sample so it can be redrawn. */
  readonly seed: string;
  /** Borrowers to sample; default and minimum per P-PF-5: 10. */
  readonly borrowers?: number;
  /** Loans per sampled borrower, 1 or 2 (P-PF-5: "1–2 loans each"); default 2. */
  readonly loansPerBorrower?: 1 | 2;
}

/** A tier group of P-PF-5. */
export type SampleTier = 'pass' | 'specialMention' | 'nonPerforming';

/**
 * One sampled borrower.
 *
 * @example
 * ```ts
 * // { borrowerId: 'B-000042', tier: 'nonPerforming', classification: 'doubtful', balance: '812000.00',
 * //   secured: true, guaranteed: true, reason: 'topBalance', loanIds: ['L-000042', 'L-000077'] }
 * ```
 */
export interface SampledBorrower {
  readonly borrowerId: string;
  /** The tier group of the borrower's worst loan. */
  readonly tier: SampleTier;
  /** The borrower's worst class. */
  readonly classification: Classification;
  /** Outstanding principal of all the borrower's loans. */
  readonly balance: string;
  readonly secured: boolean;
  readonly guaranteed: boolean;
  /** Why it is in the sample: one of the largest balances, its tier's quota, or the remaining places. */
  readonly reason: 'topBalance' | 'tierQuota' | 'fill';
  /** The loans to examine: worst class first, then largest balance, then id. */
  readonly loanIds: readonly string[];
}

/**
 * A requirement of P-PF-5 and whether the drawn sample meets it (it cannot when the book is too small).
 *
 * @example
 * ```ts
 * // { requirement: 'secured or guaranteed', required: 5, actual: 6, met: true }
 * ```
 */
export interface SampleRequirement {
  readonly requirement: string;
  readonly required: number;
  readonly actual: number;
  readonly met: boolean;
}

/**
 * The drawn sample.
 *
 * @example
 * ```ts
 * sample.borrowers.map((b) => b.borrowerId); // the borrowers to visit, in selection order
 * sample.requirements.every((r) => r.met);   // false only when the book is too small or too uniform
 * ```
 */
export interface SupervisorySample {
  readonly ruleId: typeof RULE_ID;
  readonly seed: string;
  /** Borrowers and loans the sample was drawn from. */
  readonly population: { readonly borrowers: number; readonly loans: number };
  readonly borrowers: readonly SampledBorrower[];
  readonly requirements: readonly SampleRequirement[];
}

/** P-PF-5's minimums. */
const QUOTAS: Readonly<Record<SampleTier, number>> = { pass: 3, specialMention: 4, nonPerforming: 3 };
const TIERS: readonly SampleTier[] = ['pass', 'specialMention', 'nonPerforming'];
const TOP_BY_BALANCE = 3;
const SECURED_OR_GUARANTEED = 5;

interface Candidate {
  readonly borrowerId: string;
  readonly classification: Classification;
  readonly tier: SampleTier;
  readonly balance: bigint;
  readonly secured: boolean;
  readonly guaranteed: boolean;
  readonly key: string;
  readonly loans: readonly SampleLoan[];
}

const tierOf = (c: Classification): SampleTier => (isNonPerforming(c) ? 'nonPerforming' : c === 'pass' ? 'pass' : 'specialMention');
const covered = (c: Candidate) => c.secured || c.guaranteed;
const byKey = (a: Candidate, b: Candidate) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.borrowerId < b.borrowerId ? -1 : 1);

/**
 * Draws the supervisory on-site sample of P-PF-5 from the loans on the book.
 *
 * The unit is the borrower: its class is its worst loan's, its balance the sum of its loans'. Rules, in order:
 * 1. **Top by balance**: the 3 borrowers with the largest balances are always in (ties: smaller id).
 * 2. **Tier quotas**: at least 3 pass, 4 special-mention and 3 non-performing (substandard, doubtful or
 *    loss) borrowers, the top ones counting towards their tier. A tier with too few borrowers gives its
 *    shortfall to the other tiers, one place at a time in the order pass, special mention, non-performing.
 * 3. **Fill**: places left (when `borrowers` > 10) go to the lowest rank keys of any tier.
 * 4. **Security**: while fewer than 5 sampled borrowers are secured or guaranteed, each pick (quota or
 *    fill) takes the best-ranked secured-or-guaranteed candidate of its tier, if there is one.
 *
 * Within a tier, candidates are taken in rank-key order: hex SHA-256 of `seed`, NUL, borrower id —
 * as in {@link spotCheckSample}, a borrower's key depends only on the seed and its id, so the sample is
 * independent of input order and an auditor can recompute it. Each sampled borrower contributes up to
 * `loansPerBorrower` loans. `requirements` says which P-PF-5 minimums the sample meets.
 *
 * Throws a {@link PostloanError} for a bad seed, size, or loans-per-borrower.
 *
 * @example
 * ```ts
 * const sample = supervisorySample(loans, { seed: 'exam 2026-Q2' });
 * sample.borrowers.length;          // 10 when the book has 10 borrowers or more
 * sample.requirements[0];           // { requirement: 'borrowers', required: 10, actual: 10, met: true }
 * ```
 */
export function supervisorySample(loans: Iterable<SampleLoan>, options: SupervisorySampleOptions): SupervisorySample {
  const size = options.borrowers ?? 10;
  const perBorrower = options.loansPerBorrower ?? 2;
  const seed: unknown = options.seed;
  const issues = [];
  if (typeof seed !== 'string' || seed === '' || seed.includes('\u0000')) {
    issues.push(issueFrom({ code: 'input.invalid' as const, path: 'options.seed' }, portfolioText.sampleSeed(seed)));
  }
  if (!Number.isSafeInteger(size) || size < 10) {
    issues.push(issueFrom({ code: 'input.invalid' as const, path: 'options.borrowers' }, portfolioText.sampleBorrowers(options.borrowers)));
  }
  if (perBorrower !== 1 && perBorrower !== 2) {
    issues.push(issueFrom({ code: 'input.invalid' as const, path: 'options.loansPerBorrower' }, portfolioText.samplePerBorrower(options.loansPerBorrower)));
  }
  if (issues.length > 0 || typeof seed !== 'string') throw new PostloanError(issues);

  const grouped = new Map<string, SampleLoan[]>();
  let loanCount = 0;
  for (const loan of loans) {
    loanCount++;
    const list = grouped.get(loan.borrowerId);
    if (list === undefined) grouped.set(loan.borrowerId, [loan]);
    else list.push(loan);
  }
  const candidates: Candidate[] = [];
  for (const [borrowerId, list] of grouped) {
    const sorted = [...list].sort(
      (a, b) => classificationRank(b.classification) - classificationRank(a.classification) || (a.balance > b.balance ? -1 : a.balance < b.balance ? 1 : 0) || (a.loanId < b.loanId ? -1 : 1),
    );
    const worst = (sorted[0] as SampleLoan).classification;
    candidates.push({
      borrowerId,
      classification: worst,
      tier: tierOf(worst),
      balance: list.reduce((s, l) => s + l.balance, 0n),
      secured: list.some((l) => l.secured),
      guaranteed: list.some((l) => l.guaranteed),
      key: sha256Hex(`${seed}\u0000${borrowerId}`),
      loans: sorted,
    });
  }

  const chosen: { readonly candidate: Candidate; readonly reason: SampledBorrower['reason'] }[] = [];
  const taken = new Set<string>();
  const take = (c: Candidate, reason: SampledBorrower['reason']) => {
    chosen.push({ candidate: c, reason });
    taken.add(c.borrowerId);
  };

  // 1. The largest balances.
  const byBalance = [...candidates].sort((a, b) => (a.balance > b.balance ? -1 : a.balance < b.balance ? 1 : a.borrowerId < b.borrowerId ? -1 : 1));
  for (const c of byBalance.slice(0, Math.min(TOP_BY_BALANCE, size))) take(c, 'topBalance');

  // 2. Tier quotas, shortfalls passed on to tiers that have candidates to spare.
  const pool = new Map<SampleTier, Candidate[]>(TIERS.map((t) => [t, candidates.filter((c) => c.tier === t && !taken.has(c.borrowerId)).sort(byKey)]));
  const poolOf = (t: SampleTier) => pool.get(t) ?? [];
  const need = new Map<SampleTier, number>();
  let shortfall = 0;
  for (const t of TIERS) {
    const want = Math.max(0, QUOTAS[t] - chosen.filter((x) => x.candidate.tier === t).length);
    const can = Math.min(want, poolOf(t).length);
    need.set(t, can);
    shortfall += want - can;
  }
  for (let moved = true; shortfall > 0 && moved; ) {
    moved = false;
    for (const t of TIERS) {
      if (shortfall > 0 && (need.get(t) ?? 0) < poolOf(t).length) {
        need.set(t, (need.get(t) ?? 0) + 1);
        shortfall--;
        moved = true;
      }
    }
  }
  const coveredCount = () => chosen.filter((x) => covered(x.candidate)).length;
  const pickFrom = (list: Candidate[]): Candidate | undefined => {
    const index = coveredCount() < SECURED_OR_GUARANTEED ? list.findIndex(covered) : -1;
    const [c] = list.splice(index >= 0 ? index : 0, 1);
    return c;
  };
  for (let picked = true; picked && chosen.length < size; ) {
    picked = false;
    for (const t of TIERS) {
      const left = need.get(t) ?? 0;
      if (left === 0 || chosen.length >= size) continue;
      const c = pickFrom(poolOf(t));
      if (c === undefined) continue;
      take(c, 'tierQuota');
      need.set(t, left - 1);
      picked = true;
    }
  }

  // 3. Remaining places from every tier by rank key.
  const rest = TIERS.flatMap((t) => poolOf(t)).sort(byKey);
  while (chosen.length < size) {
    const c = pickFrom(rest);
    if (c === undefined) break;
    take(c, 'fill');
  }

  const borrowers: SampledBorrower[] = chosen.map(({ candidate: c, reason }) => ({
    borrowerId: c.borrowerId,
    tier: c.tier,
    classification: c.classification,
    balance: moneyText(c.balance),
    secured: c.secured,
    guaranteed: c.guaranteed,
    reason,
    loanIds: c.loans.slice(0, perBorrower).map((l) => l.loanId),
  }));
  const count = (p: (b: SampledBorrower) => boolean) => borrowers.filter(p).length;
  const topIds = new Set(byBalance.slice(0, TOP_BY_BALANCE).map((c) => c.borrowerId));
  const requirement = (name: string, required: number, actual: number): SampleRequirement => ({ requirement: name, required, actual, met: actual >= required });
  return {
    ruleId: RULE_ID,
    seed,
    population: { borrowers: candidates.length, loans: loanCount },
    borrowers,
    requirements: [
      requirement('borrowers', size, borrowers.length),
      requirement('tier pass', QUOTAS.pass, count((b) => b.tier === 'pass')),
      requirement('tier specialMention', QUOTAS.specialMention, count((b) => b.tier === 'specialMention')),
      requirement('tier substandard or worse', QUOTAS.nonPerforming, count((b) => b.tier === 'nonPerforming')),
      requirement('top by balance', TOP_BY_BALANCE, count((b) => topIds.has(b.borrowerId))),
      requirement('secured or guaranteed', SECURED_OR_GUARANTEED, count((b) => b.secured || b.guaranteed)),
    ],
  };
}
