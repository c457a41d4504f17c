import type { DateText, TimelineRecord } from '../output';
import type { Task } from './taskBook';
import { ROLE_OF_EACH } from './taskParties';

// The timeline entries of a task opened, done, breached or cancelled (opened and done: ≈ 78 each on a
// three-year book). Their key order is output and feeds the timeline id, so each shape is written out
// as a literal with its keys in that order: a spread in the middle of a literal copies its fields one
// by one at run time, and these two were a visible part of raising and closing a task.

/**
 * The `taskOpened` entry of a task: `on`, kind, rule ids, `rules`, task id and kind, the party fields
 * (see `partyFields`), the assignee when there is one, and the deadline.
 */
export function taskOpenedEntry(task: Task, on: DateText, assignee: string | undefined, dueOn: DateText): TimelineRecord {
  const role = ROLE_OF_EACH[task.rule.decision.party];
  const ruleIds = [task.ruleId];
  const rules = [task.rule.id];
  if (role === undefined) {
    return assignee === undefined
      ? { on, kind: 'taskOpened', ruleIds, rules, taskId: task.id, taskKind: task.kind, party: task.party, dueOn }
      : { on, kind: 'taskOpened', ruleIds, rules, taskId: task.id, taskKind: task.kind, party: task.party, assignee, dueOn };
  }
  return assignee === undefined
    ? { on, kind: 'taskOpened', ruleIds, rules, taskId: task.id, taskKind: task.kind, party: role, partyId: task.party, dueOn }
    : { on, kind: 'taskOpened', ruleIds, rules, taskId: task.id, taskKind: task.kind, party: role, partyId: task.party, assignee, dueOn };
}

/** The `taskDone` entry of a task done by event `eventId`: the same head, the event, and `late: true` when it was late. */
export function taskDoneEntry(task: Task, on: DateText, eventId: string, late: boolean): TimelineRecord {
  const role = ROLE_OF_EACH[task.rule.decision.party];
  const ruleIds = [task.ruleId];
  if (role === undefined) {
    return late
      ? { on, kind: 'taskDone', ruleIds, taskId: task.id, taskKind: task.kind, party: task.party, eventId, late: true }
      : { on, kind: 'taskDone', ruleIds, taskId: task.id, taskKind: task.kind, party: task.party, eventId };
  }
  return late
    ? { on, kind: 'taskDone', ruleIds, taskId: task.id, taskKind: task.kind, party: role, partyId: task.party, eventId, late: true }
    : { on, kind: 'taskDone', ruleIds, taskId: task.id, taskKind: task.kind, party: role, partyId: task.party, eventId };
}

/** The `taskBreached` entry of a task whose deadline `dueOn` passed: the same head, then the deadline. */
export function taskBreachedEntry(task: Task, on: DateText, dueOn: DateText): TimelineRecord {
  const role = ROLE_OF_EACH[task.rule.decision.party];
  const ruleIds = [task.ruleId];
  return role === undefined
    ? { on, kind: 'taskBreached', ruleIds, taskId: task.id, taskKind: task.kind, party: task.party, dueOn }
    : { on, kind: 'taskBreached', ruleIds, taskId: task.id, taskKind: task.kind, party: role, partyId: task.party, dueOn };
}

/** The `taskCancelled` entry of a task no longer needed: the same head, then the reason. */
export function taskCancelledEntry(task: Task, on: DateText, reason: string): TimelineRecord {
  const role = ROLE_OF_EACH[task.rule.decision.party];
  const ruleIds = [task.ruleId];
  return role === undefined
    ? { on, kind: 'taskCancelled', ruleIds, taskId: task.id, taskKind: task.kind, party: task.party, reason }
    : { on, kind: 'taskCancelled', ruleIds, taskId: task.id, taskKind: task.kind, party: role, partyId: task.party, reason };
}
