import type { Instalment } from '../contract/schedule';
import { positionAt, type Amounts } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import { applyRateHalfUp } from '../money/rate';
import { formatDay, type Day } from '../time/day';
import type { AmountsOutput, ReplayOutput } from './output';
import type { Run } from './run';
import { tasksOutput } from './tasks';
import { timelineEntryIds } from './timelineEntryIds';
import { nextWake } from './wake';

function amountsOut(a: Amounts): AmountsOutput {
  return { principal: formatMoney(a.principal), interest: formatMoney(a.interest), penalty: formatMoney(a.penalty), total: formatMoney(a.total) };
}

/** The next day the loan must be looked at (`null`: never again without a new event). */
export function reviewOn(run: Run, daily: boolean): string | null {
  const wake = nextWake(run, run.day, daily);
  return wake === undefined ? null : formatDay(wake);
}

type Building = { -readonly [K in keyof ReplayOutput]?: ReplayOutput[K] };

/**
 * The replay output of the public contract for a loan looked at up to `asOf`; `wake` is `nextWake` of
 * the last day looked at, which the replay loop has just computed (`runTo` returns it). The object is
 * built key by key in the order the output prints: an optional key is set only when it has a value
 * (spreading a literal per optional key made a throw-away object each and a slow copy).
 */
export function renderOutput(run: Run, asOf: Day, wake: Day | undefined): ReplayOutput {
  const { pack } = run;
  const { loan } = run.history;
  const position = positionAt(run.ledger, asOf);
  const rate = pack.provisionRates[run.classification];
  const { observation, extendedOn } = run.restructuring;
  const { agencyId, lawsuitFiledOn, judgmentOn } = run.resolution;
  const out: Building = { loanId: loan.id, asOf: formatDay(asOf) };
  // Only when the contract names it: a contract without "currency" gives exactly the output it always did.
  if (loan.currency !== undefined) out.currency = loan.currency;
  out.pack = { id: pack.id, version: pack.version, hash: pack.hash };
  out.state = run.state;
  out.bucket = run.bucket;
  out.dpd = position.dpd;
  out.classification = run.classification;
  out.riskLevel = run.riskLevel;
  out.managementMode = run.managementMode;
  out.segment = run.segment;
  // Only when the pack declares dimensions: a pack without them gives exactly the output it always did.
  if (pack.scales.dimensions.length > 0) out.dimensions = Object.fromEntries(pack.scales.dimensions.map((d) => [d.name, run.dimensions[d.name] as string]));
  if (observation !== undefined) out.restructured = { on: formatDay(observation.on), observationEndsOn: formatDay(observation.end), inObservation: asOf < observation.end };
  if (extendedOn !== undefined) out.extended = { on: formatDay(extendedOn), maturity: formatDay((run.ledger.schedule[run.ledger.schedule.length - 1] as Instalment).dueOn) };
  out.outstanding = amountsOut(position.outstanding);
  out.overdue = amountsOut(position.overdue);
  out.missedInstalments = { consecutive: position.consecutiveMissed, cumulative: position.cumulativeMissed };
  out.provision = { rate: rate.text, amount: formatMoney(applyRateHalfUp(position.outstanding.principal, rate)), ruleIds: ['P-CL-5'] };
  out.limitationExpiresOn = run.tasks.limitationExpiry === undefined ? null : formatDay(run.tasks.limitationExpiry);
  if (agencyId !== undefined) out.agencyId = agencyId;
  if (run.tasks.collector !== undefined) out.collector = { ...run.tasks.collector };
  if (lawsuitFiledOn !== undefined) out.lawsuitFiledOn = formatDay(lawsuitFiledOn);
  if (judgmentOn !== undefined) out.judgmentOn = formatDay(judgmentOn);
  out.nextReviewOn = wake === undefined ? null : formatDay(wake);
  out.timeline = timelineEntryIds(loan.id, run.timeline);
  out.tasks = tasksOutput(run.tasks);
  if (run.continues !== undefined) {
    out.continues = { from: formatDay(run.continues.from), timelineEntriesBefore: run.continues.timelineEntries, closedTasksBefore: run.continues.closedTasks };
  }
  // Every required key is set above; the type cannot follow assignments one by one.
  return out as ReplayOutput;
}
