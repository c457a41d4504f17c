import type { FactName } from '../rules/facts';
import { restoredVisitDays } from './tasks/rulesByAnchor';
import type { CompiledPack } from '../rules/loadPack';
import { seedTaskTests, taskFactNames, UNKNOWN_FACT } from './tasks/testTaskRules';
import type { Run } from './run';

// A restored loan's task rules are not all tested again at its first evaluation. Their answers at the
// snapshot's last evaluation are stored (each cursor's `holding`), and of the facts they were tested on,
// some are stored too: the run's own decisions, and facts of the contract nothing changes. A rule
// reading only such facts, none of which has moved since, gives the stored answer again.

/**
 * Whether a fact's value at a snapshot's last task test is one the restored run gives back, and from what. Each is what
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
/** What a task fact's value at the snapshot is known from (see `knownValue`). */
type Known = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
const UNKNOWN: Known = 0;
const STATE: Known = 1;
const CLASSIFICATION: Known = 2;
const RISK_LEVEL: Known = 3;
const MANAGEMENT_MODE: Known = 4;
const SEGMENT: Known = 5;
const AGENCY_ASSIGNED: Known = 6;
const COLLECTOR_ASSIGNED: Known = 7;
const CONTRACT: Known = 8;

function knownOf(name: FactName): Known {
  switch (name) {
    case 'state':
      return STATE;
    case 'classification':
      return CLASSIFICATION;
    case 'riskLevel':
      return RISK_LEVEL;
    case 'managementMode':
      return MANAGEMENT_MODE;
    case 'segment':
      return SEGMENT;
    case 'agencyAssigned':
      return AGENCY_ASSIGNED;
    case 'collectorAssigned':
      return COLLECTOR_ASSIGNED;
    case 'guarantorCount':
    case 'collateralCount':
    case 'borrowerKind':
    case 'selfPaid':
    case 'termMonths':
    case 'repayment':
    case 'singleRepayment':
    case 'principalAtMaturity':
      return CONTRACT;
    default:
      return UNKNOWN;
  }
}

const knownCache = new WeakMap<CompiledPack, Uint8Array>();

/** What each task fact slot of the pack is known from (`Known`), computed once per pack. */
function knownSlots(pack: CompiledPack): Uint8Array {
  let slots = knownCache.get(pack);
  if (slots === undefined) {
    const names = taskFactNames(pack);
    slots = new Uint8Array(names.length);
    for (let i = 0; i < names.length; i++) slots[i] = knownOf(names[i] as FactName);
    knownCache.set(pack, slots);
  }
  return slots;
}

/** The value of a known fact at the snapshot's last evaluation, from the restored run (`UNKNOWN_FACT` otherwise). */
function knownValue(run: Run, known: Known, name: FactName): unknown {
  switch (known) {
    case STATE:
      return run.state;
    case CLASSIFICATION:
      return run.classification;
    case RISK_LEVEL:
      return run.riskLevel;
    case MANAGEMENT_MODE:
      return run.managementMode;
    case SEGMENT:
      return run.segment;
    case AGENCY_ASSIGNED:
      return run.resolution.agencyId !== undefined;
    case COLLECTOR_ASSIGNED:
      return run.tasks.collector !== undefined;
    case CONTRACT:
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
  const names = taskFactNames(run.pack);
  const known = knownSlots(run.pack);
  const seeds: unknown[] = [];
  for (let i = 0; i < names.length; i++) seeds.push(knownValue(run, known[i] as Known, names[i] as FactName));
  seedTaskTests(book, seeds);
}
