import { maskPersonalData } from '../../errors/maskPersonalData';
import { formatDay } from '../../time/day';
import { hasRole } from '../../workflow/statechart';
import { permitsAt, whyNotPermitted } from '../evaluate';
import { enter, reject } from '../run';
import type { HandlerTable } from './EventHandler';

/**
 * Resolution of a bad loan: agency placement and recall (P-LC-5, P-CS-7), lawsuit and judgment (P-LC-6),
 * write-off requested and approved by someone else (P-LC-7, P-CT-1). The statechart allows or refuses;
 * a refused instruction is recorded with the reason.
 */
export const resolutionHandlers: Pick<HandlerTable, 'agencyPlacement' | 'agencyRecall' | 'lawsuitFiled' | 'judgment' | 'writeOffRequest' | 'writeOffApproval'> = {
  lawsuitFiled(run, e) {
    // Filed, even if refused, it interrupts the statute of limitations (P-NT-7).
    run.resolution.lastInterruption = e.on;
    const to = run.pack.statechart.next(run.state, { type: 'LAWSUIT_FILED' });
    if (to === null) return reject(run, e, ['P-LC-6'], `A lawsuit is filed only for an overdue or outsourced loan; this loan is ${run.state}`);
    run.timeline.push({ on: formatDay(e.on), kind: 'stateChanged', from: run.state, to, ruleIds: ['P-LC-6'], eventId: e.id });
    enter(run, to, e.on);
    run.resolution.lawsuitFiledOn = e.on;
  },
  judgment(run, e) {
    if (run.pack.statechart.next(run.state, { type: 'JUDGMENT' }) === null) return reject(run, e, ['P-LC-6'], `A judgment needs a lawsuit: this loan is ${run.state}`);
    run.resolution.judgmentOn = e.on;
    run.timeline.push({ on: formatDay(e.on), kind: 'judgmentRecorded', ruleIds: ['P-LC-6'], eventId: e.id });
  },
  agencyPlacement(run, e) {
    const on = formatDay(e.on);
    const permits = permitsAt(run, e.on);
    const to = run.pack.statechart.next(run.state, { type: 'AGENCY_PLACEMENT', permits });
    if (to === null) {
      const overdue = hasRole(run.pack, run.state, 'internalCollection');
      return reject(
        run,
        e,
        overdue ? ['P-LC-5', 'P-CS-6'] : ['P-LC-4'],
        overdue
          ? `Placement before the outsourcing threshold is not permitted yet: ${whyNotPermitted(run, 'earlyOutsourcing')}`
          : `Only an overdue loan is placed with an agency; this loan is ${run.state}`,
      );
    }
    if (to !== run.state) {
      run.timeline.push({ on, kind: 'stateChanged', from: run.state, to, ruleIds: ['P-LC-5'], eventId: e.id, inputs: { failedVisits: run.resolution.failedVisits } });
      enter(run, to, e.on);
    }
    run.resolution.agencyId = e.agencyId;
    run.timeline.push({ on, kind: 'agencyAssigned', ruleIds: ['P-CS-7'], eventId: e.id, agencyId: e.agencyId });
  },
  agencyRecall(run, e) {
    const { agencyId } = run.resolution;
    if (run.pack.statechart.next(run.state, { type: 'AGENCY_RECALL' }) === null || agencyId === undefined) {
      return reject(run, e, ['P-CS-7'], hasRole(run.pack, run.state, 'external') ? 'No agency holds this case' : `Only an outsourced case is recalled; this loan is ${run.state}`);
    }
    run.timeline.push({ on: formatDay(e.on), kind: 'agencyRecalled', ruleIds: ['P-CS-7'], eventId: e.id, agencyId, reason: maskPersonalData(e.reason) });
    run.resolution.agencyId = undefined;
  },
  writeOffRequest(run, e) {
    if (!permitsAt(run, e.on).includes('writeOff')) {
      return reject(run, e, ['P-LC-7'], `Only a loan classified loss may be written off; this loan is ${run.classification}`);
    }
    run.resolution.writeOffRequest = { by: e.by, eventId: e.id };
    run.timeline.push({ on: formatDay(e.on), kind: 'writeOffRequested', ruleIds: ['P-LC-7'], eventId: e.id });
  },
  writeOffApproval(run, e) {
    const request = run.resolution.writeOffRequest;
    if (request === undefined) return reject(run, e, ['P-LC-7', 'P-CT-1'], 'There is no write-off request to approve');
    if (request.by === e.by) return reject(run, e, ['P-CT-1'], `The approver must be someone other than the requester (four-eyes): request ${request.eventId} was made by the same person`);
    const to = run.pack.statechart.next(run.state, { type: 'WRITE_OFF', permits: permitsAt(run, e.on) });
    if (to === null || to === run.state) return reject(run, e, ['P-LC-7'], `Only a loan classified loss may be written off; this loan is ${run.classification} and ${run.state}`);
    run.timeline.push({ on: formatDay(e.on), kind: 'stateChanged', from: run.state, to, ruleIds: ['P-LC-7', 'P-CT-1'], eventId: e.id });
    enter(run, to, e.on);
    run.resolution.writeOffRequest = undefined;
  },
};
