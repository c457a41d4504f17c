import { generateInstalments, type Instalment } from '../../contract/schedule';
import type { EventOf } from '../../history/events';
import { currentPeriod, payoffAt, positionAt, reAgeSchedule, replaceSchedule } from '../../ledger/ledger';
import { formatMoney } from '../../money/fen';
import { applyRateHalfUp } from '../../money/rate';
import { tierIsNonPerforming } from '../../rules/scales';
import { addMonths, formatDay, toCivil, type Day } from '../../time/day';
import { permitsAt, whyNotPermitted } from '../evaluate';
import { observationEnd } from '../observation';
import { reject, type Run } from '../run';
import { scheduleReplaced } from '../tasks';
import type { HandlerTable } from './EventHandler';
import { hasRole } from '../../workflow/statechart';

/**
 * The new instalments of an extension: monthly on the new maturity's day of month after `from` (the
 * current period's due date, whose interest stays due), the last on the new maturity.
 */
function extensionInstalments(run: Run, from: Day, newMaturity: Day, principal: number, firstIndex: number): Instalment[] {
  const { loan } = run.history;
  const anchor = toCivil(newMaturity).dayOfMonth;
  let n = 1;
  while (addMonths(newMaturity, -n, anchor) > from) n++;
  if (loan.repayment === 'bullet') {
    return [{ index: firstIndex, dueOn: newMaturity, principal, interest: applyRateHalfUp(principal, loan.annualRate, BigInt(n), 12n) }];
  }
  const generated = generateInstalments({ principal, annualRate: loan.annualRate, startOn: from, termMonths: n, repayment: loan.repayment === 'explicit' ? 'equalInstallment' : loan.repayment });
  return generated.map((it, i) => ({ ...it, index: firstIndex + i, dueOn: addMonths(newMaturity, i - (n - 1), anchor) }));
}

/**
 * A restructuring (重组) or extension (展期) replaces the rest of the schedule (P-LC-1): approved by
 * someone other than the requester (P-CT-1); its new principal is the day's pay-off amount; it flags the
 * loan and starts the observation period of P-CL-6. Anything the policy forbids is rejected with why.
 */
function replaceRemaining(run: Run, e: EventOf<'restructure'> | EventOf<'extension'>): void {
  const how = e.type;
  const word = how === 'restructure' ? 'restructuring' : 'extension';
  const { loan } = run.history;
  if (e.requestedBy === e.approvedBy) return reject(run, e, ['P-CT-1'], `The ${word} must be approved by someone other than the requester (four-eyes)`);
  const settled = hasRole(run.pack, run.state, 'settled');
  if (settled || hasRole(run.pack, run.state, 'writtenOff')) return reject(run, e, ['P-LC-1'], `A ${settled ? 'settled' : 'written-off'} loan has no schedule left to replace`);
  const position = positionAt(run.ledger, e.on);
  const schedule = run.ledger.schedule;
  const maturity = (schedule[schedule.length - 1] as Instalment).dueOn;
  const base = payoffAt(run.ledger, e.on);
  if (base.total === 0) return reject(run, e, ['P-LC-1'], `Nothing is left to ${how === 'restructure' ? 'restructure' : 'extend'}: every instalment is paid`);
  let firstIndex = 1;
  for (const it of schedule) if (it.index >= firstIndex) firstIndex = it.index + 1;
  let next: Instalment[];
  if (e.type === 'extension') {
    if (position.dpd > 0) return reject(run, e, ['P-LC-1'], `An extension (展期) is granted before the loan falls due; this loan is ${position.dpd} days past due — restructure it instead`);
    if (e.newMaturity <= maturity) return reject(run, e, ['P-LC-1'], `The new maturity ${formatDay(e.newMaturity)} is not after the current maturity ${formatDay(maturity)}`);
    // The current period's due date (its instalment may be paid ahead: decision 548).
    const at = currentPeriod(run.ledger, e.on);
    const current = at < schedule.length ? (schedule[at] as Instalment).dueOn : e.on;
    if (e.newMaturity <= current) return reject(run, e, ['P-LC-1'], `The new maturity ${formatDay(e.newMaturity)} is not after the current period's due date ${formatDay(current)}`);
    next = extensionInstalments(run, current, e.newMaturity, base.principal, firstIndex);
  } else if (e.schedule !== undefined) {
    let sum = 0;
    for (const line of e.schedule) sum += line.principal;
    if (sum !== base.total) {
      return reject(
        run,
        e,
        ['P-LC-1'],
        `The new schedule repays ${formatMoney(sum)} of principal; the restructured amount on ${formatDay(e.on)} is ${formatMoney(base.total)} (principal ${formatMoney(base.principal)}, interest ${formatMoney(base.interest)}, penalty ${formatMoney(base.penalty)})`,
      );
    }
    next = e.schedule.map((line, i) => ({ index: firstIndex + i, dueOn: line.dueOn, principal: line.principal, interest: line.interest }));
  } else {
    const repayment = e.repayment ?? (loan.repayment === 'explicit' ? undefined : loan.repayment);
    if (repayment === undefined || e.termMonths === undefined) return reject(run, e, ['P-LC-1'], 'This loan has an explicit schedule: its restructuring must give the new "schedule", or "termMonths" with a "repayment" method');
    next = generateInstalments({ principal: base.total, annualRate: loan.annualRate, startOn: e.on, termMonths: e.termMonths, repayment }).map((it, i) => ({ ...it, index: firstIndex + i }));
  }
  const from = run.ledger.firstOpen;
  const kept = replaceSchedule(run.ledger, e.on, next, how === 'extension');
  scheduleReplaced(run.tasks, e.on, from, how === 'restructure' ? 'the loan was restructured' : 'the loan was extended');
  if (how === 'restructure') {
    run.restructuring.restructured = true;
    run.restructuring.restructuredWhileNonPerforming = tierIsNonPerforming(run.pack.scales.classification, run.classification);
  } else run.restructuring.extended = true;
  // The observation period of P-CL-6 is a restructuring's; an extension of a performing loan has none.
  const end = how === 'restructure' ? observationEnd(run.ledger.schedule, kept) : undefined;
  if (end !== undefined) run.restructuring.observation = { on: e.on, start: (next[0] as Instalment).dueOn, end, scanFrom: kept, endReported: false };
  else run.restructuring.extendedOn = e.on;
  run.resolution.lastInterruption = e.on;
  run.timeline.push({
    on: formatDay(e.on),
    kind: 'scheduleReplaced',
    ruleIds: ['P-LC-1', 'P-CT-1', 'P-CL-6'],
    eventId: e.id,
    how,
    principal: formatMoney(how === 'extension' ? base.principal : base.total),
    capitalized: how === 'extension' ? { interest: '0.00', penalty: '0.00' } : { interest: formatMoney(base.interest), penalty: formatMoney(base.penalty) },
    instalments: next.length,
    firstDueOn: formatDay((next[0] as Instalment).dueOn),
    maturity: formatDay((next[next.length - 1] as Instalment).dueOn),
    ...(end === undefined ? {} : { observationEndsOn: formatDay(end) }),
  });
}

/** The policy ids of the pack's rules that permit a re-age (those that hold, when `holding`). */
function reAgeRuleIds(run: Run, holding: boolean): string[] {
  const ids = new Set<string>();
  for (const r of run.pack.rulesByType.permit) if (r.decision.type === 'permit' && r.decision.action === 'reAge' && (!holding || r.test(run.facts))) ids.add(r.policyId);
  return [...ids];
}

/**
 * A re-age brings a delinquent account current when the pack's `reAge` permit holds, approved by
 * someone other than the requester (P-CT-1): the past-due instalments move to the end of the schedule,
 * nothing forgiven (see `reAgeSchedule`). A refused re-age is recorded with the permit's failed conditions.
 */
function reAge(run: Run, e: EventOf<'reAge'>): void {
  if (e.requestedBy === e.approvedBy) return reject(run, e, ['P-CT-1'], 'The re-age must be approved by someone other than the requester (four-eyes)');
  const ids = reAgeRuleIds(run, false);
  if (run.state === 'settled' || run.state === 'writtenOff') return reject(run, e, ids, `A ${run.state === 'settled' ? 'settled' : 'written-off'} loan is not re-aged`);
  if (positionAt(run.ledger, e.on).dpd === 0) return reject(run, e, ids, 'Nothing is past due: a re-age brings a delinquent account current');
  if (!permitsAt(run, e.on).includes('reAge')) return reject(run, e, ids, `The pack does not permit this re-age: ${whyNotPermitted(run, 'reAge')}`);
  const deciding = reAgeRuleIds(run, true);
  const first = run.ledger.firstOpen;
  const r = reAgeSchedule(run.ledger, e.on);
  scheduleReplaced(run.tasks, e.on, first, 'the loan was re-aged', r.from);
  run.restructuring.reAge.accepted.push(e.on);
  const schedule = run.ledger.schedule;
  run.timeline.push({
    on: formatDay(e.on),
    kind: 'scheduleReplaced',
    ruleIds: [...deciding, 'P-CT-1'],
    eventId: e.id,
    how: 'reAge',
    principal: formatMoney(r.moved.principal),
    capitalized: { interest: formatMoney(r.moved.interest), penalty: formatMoney(r.moved.penalty) },
    instalments: r.count,
    firstDueOn: formatDay((schedule[r.from] as Instalment).dueOn),
    maturity: formatDay((schedule[schedule.length - 1] as Instalment).dueOn),
  });
}

/** Restructuring (重组), extension (展期) and re-age: the rest of the schedule replaced (P-LC-1, P-CL-6). */
export const restructuringHandlers: Pick<HandlerTable, 'restructure' | 'extension' | 'reAge'> = {
  restructure: replaceRemaining,
  extension(run, e) {
    run.restructuring.extensionRequests.push(e.on);
    replaceRemaining(run, e);
  },
  reAge,
};
