import { describe, expect, it } from 'vitest';
import { taskBreachedEntry, taskCancelledEntry, taskDoneEntry, taskOpenedEntry } from '../../../src/engine/tasks/taskEntries';
import type { Task } from '../../../src/engine/tasks/taskBook';
import { partyFields } from '../../../src/engine/tasks/taskParties';
import { day } from '../../../src/time/day';
import { taskRule } from './taskBookFixture';

/** A task of the rule, for the party. */
function taskOf(ruleId: string, party: string): Task {
  const rule = taskRule(ruleId);
  const p = rule.decision;
  return { id: `L-1/${p.kind}/2026-02-01/${party}`, kind: p.kind, ruleId: rule.policyId, rule, ruleIndex: 0, party, openedOn: day('2026-02-01'), dueOn: day('2026-02-05'), anchorOn: day('2026-02-01'), times: 1, progress: 0, status: 'open', breachRecorded: false };
}

// The entries were built with spreads (`...partyFields(task)`); their key order is output and feeds the
// timeline id, so the literals must give the same keys in the same order for every shape.
const TASKS = [taskOf('monthly-work-log', 'loanOfficer'), taskOf('guarantor-demand-when-lost', 'G-1')];

describe('taskOpenedEntry', () => {
  it('has the keys, values and key order of the entry built with spreads, with and without an assignee and a party id', () => {
    for (const task of TASKS) {
      for (const assignee of [undefined, 'C-7']) {
        const spread = { on: '2026-02-01', kind: 'taskOpened', ruleIds: [task.ruleId], rules: [task.rule.id], taskId: task.id, taskKind: task.kind, ...partyFields(task), ...(assignee === undefined ? {} : { assignee }), dueOn: '2026-02-05' };
        const entry = taskOpenedEntry(task, '2026-02-01', assignee, '2026-02-05');
        expect(entry).toEqual(spread);
        expect(JSON.stringify(entry)).toBe(JSON.stringify(spread));
      }
    }
  });
});

describe('taskDoneEntry', () => {
  it('has the keys, values and key order of the entry built with spreads, late or not, with and without a party id', () => {
    for (const task of TASKS) {
      for (const late of [false, true]) {
        const spread = { on: '2026-02-03', kind: 'taskDone', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, ...partyFields(task), eventId: 'e-1', ...(late ? { late: true } : {}) };
        const entry = taskDoneEntry(task, '2026-02-03', 'e-1', late);
        expect(entry).toEqual(spread);
        expect(JSON.stringify(entry)).toBe(JSON.stringify(spread));
      }
    }
  });
});

describe('taskBreachedEntry and taskCancelledEntry', () => {
  it('have the keys, values and key order of the entries built with spreads (closeTasks, cancelTasks), with and without a party id', () => {
    for (const task of TASKS) {
      const breached = { on: '2026-02-06', kind: 'taskBreached', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, ...partyFields(task), dueOn: '2026-02-05' };
      const entry = taskBreachedEntry(task, '2026-02-06', '2026-02-05');
      expect(entry).toEqual(breached);
      expect(JSON.stringify(entry)).toBe(JSON.stringify(breached));
      const cancelled = { on: '2026-02-04', kind: 'taskCancelled', ruleIds: [task.ruleId], taskId: task.id, taskKind: task.kind, ...partyFields(task), reason: 'instalment 3 paid' };
      const other = taskCancelledEntry(task, '2026-02-04', 'instalment 3 paid');
      expect(other).toEqual(cancelled);
      expect(JSON.stringify(other)).toBe(JSON.stringify(cancelled));
    }
  });
});
