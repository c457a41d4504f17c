import { describe, expect, it } from 'vitest';
import { openTask } from '../../../src/engine/tasks/openTask';
import { createTaskBook, type TaskBook, type TaskRule } from '../../../src/engine/tasks/taskBook';
import { createLedger } from '../../../src/ledger/ledger';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { day } from '../../../src/time/day';

const pack = cnDefaultPack();
const rule = (id: string): TaskRule => pack.rulesByType.task.find((r) => r.id === id) as TaskRule;

function emptyBook(): TaskBook {
  const loan = { id: 'L-1', disbursedOn: day('2026-01-05'), guarantors: [], collateral: [], borrower: { id: 'B', contacts: [] } } as never;
  return createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
}

describe('openTask', () => {
  it('a task without an assignee or an instalment has no such fields; one on an instalment has both numbers', () => {
    const book = emptyBook();
    openTask(book, rule('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    const plain = book.tasks[0];
    expect(plain !== undefined && ('assignee' in plain || 'instalment' in plain || 'slot' in plain)).toBe(false);
    expect(plain).toMatchObject({ id: 'L-1/firstInspection/2026-01-05/loanOfficer', openedOn: day('2026-01-05'), dueOn: day('2026-02-04'), times: 1, progress: 0, status: 'open' });
    book.schedule = [{ index: 3, dueOn: day('2026-04-05') }] as never;
    openTask(book, rule('repayment-reminder'), 'i3', day('2026-04-05'), day('2026-03-29'), day('2026-04-05'), day('2026-03-29'), 0);
    expect(book.tasks[1]).toMatchObject({ id: 'L-1/repaymentReminder/i3/borrower', instalment: 3, slot: 0 });
    expect(book.tasks[1] !== undefined && 'assignee' in book.tasks[1]).toBe(false);
  });

  it('a collector’s task carries the collector holding the case', () => {
    const book = emptyBook();
    book.collector = { collectorId: 'C-7' };
    openTask(book, rule('field-visit-when-lost'), '2026-03-01', day('2026-03-01'), day('2026-03-01'), day('2026-03-08'), day('2026-03-01'));
    expect(book.tasks[0]?.assignee).toBe('C-7');
    expect(book.timeline[0]).toMatchObject({ kind: 'taskOpened', assignee: 'C-7' });
  });
});
