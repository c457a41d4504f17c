import type { Day } from '../time/day';
import type { ExplicitInstalment } from './explicitSchedule';
import type { LoanContract } from './LoanContract';
import { generateSchedule, type Instalment } from './schedule';

// The contract's own repayment schedule, generated once per parsed contract object: validating a history
// generates it, and writing the run's snapshot asks whether the schedule in force is still that one; a
// restore generates it, and the resumed run's snapshot asks the same. Kept in a WeakMap by the contract
// object, so it lives as long as the contract and no other contract can ever read it.
//
// Nothing kept is taken on trust. The schedule handed out (a history's `schedule`, a restored ledger's)
// belongs to the caller, who may change it in place; the contract may be changed too. So a kept entry
// holds, beside the schedule, what it was generated from and its values in an array nobody else sees:
// an answer is given from the kept entry only when the contract still has those terms, and a kept
// schedule is handed out again only while it still has those values. Otherwise the schedule is generated
// again, as without the cache, so no answer depends on whether the cache was warm.

/** A schedule kept for a contract object: the terms it was generated from and its values. */
interface Kept {
  readonly schedule: readonly Instalment[];
  /** `dueOn`, `principal`, `interest` of each instalment in turn (`index` is its position + 1): private. */
  readonly values: readonly number[];
  readonly repayment: LoanContract['repayment'];
  readonly principal: number;
  readonly units: bigint;
  readonly scale: bigint;
  readonly disbursedOn: Day;
  readonly termMonths: number;
  readonly firstDueOn: Day | undefined;
}

const kept = new WeakMap<LoanContract, Kept>();

function keep(loan: LoanContract): Kept {
  const schedule = generateSchedule(loan);
  const n = schedule.length;
  const values = new Array<number>(3 * n);
  for (let i = 0; i < n; i++) {
    const it = schedule[i] as Instalment;
    values[3 * i] = it.dueOn;
    values[3 * i + 1] = it.principal;
    values[3 * i + 2] = it.interest;
  }
  const entry: Kept = {
    schedule,
    values,
    repayment: loan.repayment,
    principal: loan.principal,
    units: loan.annualRate.units,
    scale: loan.annualRate.scale,
    disbursedOn: loan.disbursedOn,
    termMonths: loan.termMonths,
    firstDueOn: loan.firstDueOn,
  };
  kept.set(loan, entry);
  return entry;
}

/** Whether `schedule` has the kept values, instalment by instalment (as `generateSchedule` numbers them). */
function hasValues(schedule: readonly Instalment[], values: readonly number[]): boolean {
  const n = schedule.length;
  if (3 * n !== values.length) return false;
  for (let i = 0; i < n; i++) {
    const it = schedule[i] as Instalment;
    if (it.index !== i + 1 || it.dueOn !== values[3 * i] || it.principal !== values[3 * i + 1] || it.interest !== values[3 * i + 2]) return false;
  }
  return true;
}

/** Whether the contract still has what `generateSchedule` read when the entry was made. */
function sameTerms(loan: LoanContract, k: Kept): boolean {
  if (loan.repayment !== k.repayment) return false;
  if (loan.repayment === 'explicit') {
    // Its schedule is its own lines, numbered: they must still be the kept values.
    const lines = loan.schedule;
    const n = lines.length;
    if (3 * n !== k.values.length) return false;
    for (let i = 0; i < n; i++) {
      const l = lines[i] as ExplicitInstalment;
      if (l.dueOn !== k.values[3 * i] || l.principal !== k.values[3 * i + 1] || l.interest !== k.values[3 * i + 2]) return false;
    }
    return true;
  }
  return (
    loan.principal === k.principal &&
    loan.annualRate.units === k.units &&
    loan.annualRate.scale === k.scale &&
    loan.disbursedOn === k.disbursedOn &&
    loan.termMonths === k.termMonths &&
    loan.firstDueOn === k.firstDueOn
  );
}

/** The kept entry of this contract object while it still holds for the contract, else undefined. */
function current(loan: LoanContract): Kept | undefined {
  const k = kept.get(loan);
  return k !== undefined && sameTerms(loan, k) ? k : undefined;
}

/**
 * The repayment schedule the contract makes (`generateSchedule(loan)`), generated once per contract
 * object: the one kept for it when the contract's terms and that schedule's values are unchanged, else
 * generated (and kept). Validating a history and restoring a snapshot get it here, so the run's
 * snapshot can tell the schedule in force from the contract's without generating it again.
 *
 * @example
 * ```ts
 * const schedule = contractSchedule(loan); // equal to generateSchedule(loan), made once for `loan`
 * ```
 */
export function contractSchedule(loan: LoanContract): readonly Instalment[] {
  const k = current(loan);
  return k !== undefined && hasValues(k.schedule, k.values) ? k.schedule : keep(loan).schedule;
}

/**
 * The contract's schedule when it has been generated for this contract object already and still holds
 * (a history's validation or a restore made it), else undefined: what only looks at it does not
 * generate it.
 *
 * @example
 * ```ts
 * const s = generatedContractSchedule(loan);
 * const atMaturity = s === undefined ? contractPrincipalAtMaturity(loan) : principalAtMaturity(s);
 * ```
 */
export function generatedContractSchedule(loan: LoanContract): readonly Instalment[] | undefined {
  const k = current(loan);
  return k !== undefined && hasValues(k.schedule, k.values) ? k.schedule : undefined;
}

/**
 * Whether `schedule` is the contract's own, instalment by instalment (`index`, `dueOn`, `principal`,
 * `interest`): compared with the values kept for the contract when they still hold, so not generated
 * again; a schedule changed in place since it was handed out is told apart all the same.
 *
 * @example
 * ```ts
 * isContractSchedule(run.history.loan, run.ledger.schedule); // false after a restructuring
 * ```
 */
export function isContractSchedule(loan: LoanContract, schedule: readonly Instalment[]): boolean {
  return hasValues(schedule, (current(loan) ?? keep(loan)).values);
}
