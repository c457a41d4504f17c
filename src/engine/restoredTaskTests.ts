import type { FactName } from '../rules/facts';
import { restoredVisitDays } from './tasks/rulesByAnchor';
import { seedTaskTests, UNKNOWN_FACT } from './tasks/testTaskRules';
import type { Run } from './run';

// A restored loan's task rules are not all tested again at its first evaluation. Their answers at the
// snapshot's last evaluation are stored (each cursor's `holding`), and of the facts they were tested on,
// some are stored too: the run's own decisions, and facts of the contract nothing changes. A rule
// reading only such facts, none of which has moved since, gives the stored answer again.

/**
 * The facts whose value at a snapshot's last task test the restored run gives back. Each is what
 * `evaluate` had in `run.facts` when `evaluateTasks`, its last step, tested the rules:
 * - `state`, `classification`, `riskLevel`, `managementMode`, `segment`: copied to the fact by
 *   `refreshFacts` and again by every step of `evaluate` that changes them (`enter`, `classify`, …), and
 *   stored as they were after that evaluation;
 * - `agencyAssigned`, `collectorAssigned`: whether the stored agency and collector are there (`refreshFacts`,
 *   the agency recall of `evaluate`, and the `assigned` handler, whose day is evaluated after it);
 * - the contract's facts, which only `initialFacts` writes, from the same contract (the trusted reader
 *   gives the same contract, key for key; a restore reads `principalAtMaturity` from the generated
 *   schedule, the same number, decision 353).
 * Any other fact (days, amounts, counts, dimensions, data) is unknown: the rules reading it are tested.
 */
function knownValue(run: Run, name: FactName): unknown {
  switch (name) {
    case 'state':
      return run.state;
    case 'classification':
      return run.classification;
    case 'riskLevel':
      return run.riskLevel;
    case 'managementMode':
      return run.managementMode;
    case 'segment':
      return run.segment;
    case 'agencyAssigned':
      return run.resolution.agencyId !== undefined;
    case 'collectorAssigned':
      return run.tasks.collector !== undefined;
    case 'guarantorCount':
    case 'collateralCount':
    case 'borrowerKind':
    case 'selfPaid':
    case 'termMonths':
    case 'repayment':
    case 'singleRepayment':
    case 'principalAtMaturity':
      return run.facts[name];
    default:
      return UNKNOWN_FACT;
  }
}

/**
 * Readies a restored run's task book for its first evaluation: the rules that wait at `+∞` wait from the
 * restore (`restoredVisitDays`), and it seeds the task tests (see `seedTaskTests`) with the stored answers — each cursor's
 * `holding` — and the facts {@link knownValue} vouches for. Only when the snapshot kept no separate
 * `holds`: the holds are then the cursors' (persistTasks leaves them out only when they agree, and
 * restoreTasks rebuilds them from the cursors), and after any evaluation every rule's cursor holds its
 * last answer (a rule whose answer changes is always visited). With stored `holds` nothing is seeded and
 * the first test tests every rule, as before.
 */
export function primeRestoredTasks(run: Run, storedHolds: boolean): void {
  const book = run.tasks;
  if (book.cursors.length === 0) return;
  // Correct whether or not the answers are seeded: without a seed every rule is in `tests.changed`.
  restoredVisitDays(book);
  if (storedHolds) return;
  const results: boolean[] = [];
  for (const c of book.cursors) results.push(c.holding);
  seedTaskTests(book, results, (name) => knownValue(run, name));
}
