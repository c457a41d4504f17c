/**
 * The contract of a synthetic loan, drawn from its seeded stream: amount, term, rate, repayment, guarantors,
 * collateral and the borrower's (masked) numbers. A borrower may hold several loans of a portfolio.
 */
import type { Fen } from '../money/fen';
import { parseRate, type Rate } from '../money/rate';
import { divideHalfUp, toSafeNumber } from '../money/rounding';
import { addDays, type Day } from '../time/day';
import { createRandom, mix32, type Random } from './random';
import type { GeneratedLoan, PortfolioContext } from './generatedHistory';

// ————— Reference data (no personal data: ids only, masked numbers) —————

const RETAIL_RELATIONS = ['spouse', 'parent', 'sibling', 'colleague', 'friend'] as const;
const CORPORATE_RELATIONS = ['legalRepresentative', 'financeManager', 'actualController'] as const;
const RETAIL_COLLATERAL = ['vehicle', 'property'] as const;
const CORPORATE_COLLATERAL = ['property', 'equipment', 'receivables', 'landUseRight'] as const;

// ————— Small helpers —————

const rateText = (basisPoints: number): string => `${Math.trunc(basisPoints / 10_000)}.${String(basisPoints % 10_000).padStart(4, '0')}`;
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `fen × perMille / 1000`, rounded half up to `step` fen. */
export function share(fen: Fen, perMille: number, step: number): Fen {
  const exact = divideHalfUp(BigInt(fen) * BigInt(perMille), 1000n);
  return toSafeNumber(divideHalfUp(exact, BigInt(step)) * BigInt(step));
}

/** The first three draws of a loan's stream: they decide its borrower, so other loans can recompute them. */
function borrowerDraws(ctx: PortfolioContext, index: number): { readonly kind: 'retail' | 'corporate'; readonly repeat: boolean; readonly back: number } {
  const rng = createRandom(ctx.seed, index);
  const kind = rng.chance(80) ? 'corporate' : 'retail';
  const repeat = rng.chance(90);
  const back = rng.int(1, 40);
  return { kind, repeat, back };
}

/** Loan `index`'s borrower number: its own, or (for about 9 % of loans) an earlier borrower of the same kind. */
export function borrowerNumber(ctx: PortfolioContext, index: number): number {
  const own = borrowerDraws(ctx, index);
  if (!own.repeat || index - own.back < 0) return index + 1;
  const earlier = borrowerDraws(ctx, index - own.back);
  return !earlier.repeat && earlier.kind === own.kind ? index - own.back + 1 : index + 1;
}

/** A masked mobile number such as `138****0417`: the shape lenders export, never a real number. */
function maskedNumber(rng: Random): string {
  return `1${rng.int(3, 9)}${rng.int(0, 9)}****${pad(rng.int(0, 9999), 4)}`;
}

export interface Terms {
  readonly loanNo: number;
  readonly kind: 'retail' | 'corporate';
  readonly principal: Fen;
  readonly rate: Rate;
  readonly penaltyRate: Rate | undefined;
  readonly disbursedOn: Day;
  readonly termMonths: number;
  readonly repayment: GeneratedLoan['repayment'];
  readonly selfPaid: boolean;
  readonly guarantorIds: readonly string[];
  readonly collateral: readonly { readonly id: string; readonly kind: string; readonly value: Fen }[];
  readonly borrowerNumber: string;
  readonly contactNumbers: readonly { readonly id: string; readonly number: string }[];
}

/** Draws the contract of loan `index`. */
export function drawTerms(ctx: PortfolioContext, index: number, rng: Random): Terms {
  // The first three draws decide the borrower (see borrowerDraws); draw them again to keep the stream aligned.
  const kind = rng.chance(80) ? 'corporate' : 'retail';
  rng.chance(90);
  rng.int(1, 40);
  const loanNo = index + 1;
  const retail = kind === 'retail';
  const yuan = retail
    ? rng.weighted<readonly [number, number]>([[[5_000, 30_000], 40], [[30_000, 100_000], 35], [[100_000, 200_000], 17], [[200_000, 300_000], 8]])
    : rng.weighted<readonly [number, number]>([[[500_000, 2_000_000], 60], [[2_000_000, 5_000_000], 30], [[5_000_000, 9_000_000], 10]]);
  const step = retail ? 100 : 10_000;
  const principal = rng.int(yuan[0] / step, yuan[1] / step) * step * 100;
  const termMonths = retail ? rng.weighted([[6, 15], [12, 35], [18, 10], [24, 25], [36, 15]]) : rng.weighted([[12, 40], [24, 35], [36, 25]]);
  let repayment = retail
    ? rng.weighted<GeneratedLoan['repayment']>([['equalInstallment', 720], ['equalPrincipal', 140], ['interestOnly', 80], ['bullet', 60]])
    : rng.weighted<GeneratedLoan['repayment']>([['interestOnly', 450], ['equalPrincipal', 250], ['equalInstallment', 150], ['bullet', 150]]);
  if (repayment === 'bullet' && termMonths > 12) repayment = retail ? 'equalInstallment' : 'interestOnly';
  const bp = retail ? 435 + 5 * rng.int(0, 273) : 385 + 5 * rng.int(0, 53);
  const rate = parseRate(rateText(bp)) as Rate;
  const penaltyRate = rng.chance(850) ? (parseRate(rateText(Math.ceil((bp * 3) / 2))) as Rate) : undefined;
  const disbursedOn = addDays(ctx.asOf, -rng.int(1, ctx.spreadDays));
  const selfPaid = rng.chance(retail ? 300 : 100);
  const guarantors = rng.chance(retail ? 120 : 700) ? (retail ? 1 : rng.int(1, 2)) : 0;
  const collateralCount = rng.chance(retail ? 100 : 550) ? (retail ? 1 : rng.int(1, 2)) : 0;
  const collateral = Array.from({ length: collateralCount }, (_, i) => ({
    id: `C-${pad(loanNo, 6)}-${i + 1}`,
    kind: rng.pick(retail ? RETAIL_COLLATERAL : CORPORATE_COLLATERAL),
    value: share(principal, Math.trunc(rng.int(retail ? 1100 : 1200, retail ? 1800 : 2000) / collateralCount), 10_000),
  }));
  const bNo = borrowerNumber(ctx, index);
  const brng = createRandom(mix32(ctx.seed ^ 0x5bd1_e995), bNo);
  const contacts = Array.from({ length: retail ? brng.int(1, 2) : 1 }, (_, i) => ({ id: `k${i + 1}`, number: maskedNumber(brng) }));
  return {
    loanNo,
    kind,
    principal,
    rate,
    penaltyRate,
    disbursedOn,
    termMonths,
    repayment,
    selfPaid,
    guarantorIds: Array.from({ length: guarantors }, (_, i) => `G-${pad(loanNo, 6)}-${i + 1}`),
    collateral,
    borrowerNumber: maskedNumber(brng),
    contactNumbers: contacts,
  };
}

export function relationsOf(ctx: PortfolioContext, terms: Terms): { readonly id: string; readonly relation: string }[] {
  const bNo = borrowerNumber(ctx, terms.loanNo - 1);
  const brng = createRandom(mix32(ctx.seed ^ 0x1b87_3593), bNo);
  const relations = terms.kind === 'retail' ? RETAIL_RELATIONS : CORPORATE_RELATIONS;
  return terms.contactNumbers.map((c) => ({ id: c.id, relation: brng.pick(relations) }));
}
