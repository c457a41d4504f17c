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

/** The replay output of the public contract for a loan looked at up to `asOf`. */
export function renderOutput(run: Run, asOf: Day, daily: boolean): ReplayOutput {
  const { pack } = run;
  const { loan } = run.history;
  const position = positionAt(run.ledger, asOf);
  const rate = pack.provisionRates[run.classification];
  return {
    loanId: loan.id,
    asOf: formatDay(asOf),
    // Only when the contract names it: a contract without "currency" gives exactly the output it always did.
    ...(loan.currency === undefined ? {} : { currency: loan.currency }),
    pack: { id: pack.id, version: pack.version, hash: pack.hash },
    state: run.state,
    bucket: run.bucket,
    dpd: position.dpd,
    classification: run.classification,
    riskLevel: run.riskLevel,
    managementMode: run.managementMode,
    segment: run.segment,
    // Only when the pack declares dimensions: a pack without them gives exactly the output it always did.
    ...(pack.scales.dimensions.length === 0 ? {} : { dimensions: Object.fromEntries(pack.scales.dimensions.map((d) => [d.name, run.dimensions[d.name] as string])) }),
    ...(run.restructuring.observation === undefined
      ? {}
      : { restructured: { on: formatDay(run.restructuring.observation.on), observationEndsOn: formatDay(run.restructuring.observation.end), inObservation: asOf < run.restructuring.observation.end } }),
    ...(run.restructuring.extendedOn === undefined ? {} : { extended: { on: formatDay(run.restructuring.extendedOn), maturity: formatDay((run.ledger.schedule[run.ledger.schedule.length - 1] as Instalment).dueOn) } }),
    outstanding: amountsOut(position.outstanding),
    overdue: amountsOut(position.overdue),
    missedInstalments: { consecutive: position.consecutiveMissed, cumulative: position.cumulativeMissed },
    provision: { rate: rate.text, amount: formatMoney(applyRateHalfUp(position.outstanding.principal, rate)), ruleIds: ['P-CL-5'] },
    limitationExpiresOn: run.tasks.limitationExpiry === undefined ? null : formatDay(run.tasks.limitationExpiry),
    ...(run.resolution.agencyId === undefined ? {} : { agencyId: run.resolution.agencyId }),
    ...(run.tasks.collector === undefined ? {} : { collector: { ...run.tasks.collector } }),
    ...(run.resolution.lawsuitFiledOn === undefined ? {} : { lawsuitFiledOn: formatDay(run.resolution.lawsuitFiledOn) }),
    ...(run.resolution.judgmentOn === undefined ? {} : { judgmentOn: formatDay(run.resolution.judgmentOn) }),
    nextReviewOn: reviewOn(run, daily),
    timeline: timelineEntryIds(loan.id, run.timeline),
    tasks: tasksOutput(run.tasks),
    ...(run.continues === undefined
      ? {}
      : { continues: { from: formatDay(run.continues.from), timelineEntriesBefore: run.continues.timelineEntries, closedTasksBefore: run.continues.closedTasks } }),
  };
}
