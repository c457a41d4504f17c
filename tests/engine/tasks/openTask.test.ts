import { describe, expect, it } from 'vitest';
import { openTask } from '../../../src/engine/tasks/openTask';
import { day } from '../../../src/time/day';
import { emptyTaskBook, taskRule, taskRuleIndexOf } from './taskBookFixture';

describe('openTask', () => {
  it('a task without an assignee or an instalment has no such fields; one on an instalment has both numbers', () => {
    const book = emptyTaskBook();
    openTask(book, taskRule('first-inspection'), taskRuleIndexOf('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    const plain = book.tasks[0];
    expect(plain !== undefined && ('assignee' in plain || 'instalment' in plain || 'slot' in plain)).toBe(false);
    expect(plain).toMatchObject({ id: 'L-1/firstInspection/2026-01-05/loanOfficer', openedOn: day('2026-01-05'), dueOn: day('2026-02-04'), times: 1, progress: 0, status: 'open' });
    book.schedule = [{ index: 3, dueOn: day('2026-04-05') }] as never;
    openTask(book, taskRule('repayment-reminder'), taskRuleIndexOf('repayment-reminder'), 'i3', day('2026-04-05'), day('2026-03-29'), day('2026-04-05'), day('2026-03-29'), 0);
    expect(book.tasks[1]).toMatchObject({ id: 'L-1/repaymentReminder/i3/borrower', instalment: 3, slot: 0 });
    expect(book.tasks[1] !== undefined && 'assignee' in book.tasks[1]).toBe(false);
  });

  it('a collector’s task carries the collector holding the case', () => {
    const book = emptyTaskBook();
    book.collector = { collectorId: 'C-7' };
    openTask(book, taskRule('field-visit-when-lost'), taskRuleIndexOf('field-visit-when-lost'), '2026-03-01', day('2026-03-01'), day('2026-03-01'), day('2026-03-08'), day('2026-03-01'));
    expect(book.tasks[0]?.assignee).toBe('C-7');
    expect(book.timeline[0]).toMatchObject({ kind: 'taskOpened', assignee: 'C-7' });
  });
});
