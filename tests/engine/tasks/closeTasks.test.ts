import { describe, expect, it } from 'vitest';
import { closeTasksWith } from '../../../src/engine/tasks/closeTasks';
import { openTask } from '../../../src/engine/tasks/openTask';
import { createTaskBook, type TaskBook, type TaskRule } from '../../../src/engine/tasks/taskBook';
import type { LoanEvent } from '../../../src/history/parseHistory';
import { createLedger } from '../../../src/ledger/ledger';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { day } from '../../../src/time/day';

const pack = cnDefaultPack();
const rule = (id: string): TaskRule => pack.rulesByType.task.find((r) => r.id === id) as TaskRule;

function emptyBook(): TaskBook {
  const loan = { id: 'L-1', disbursedOn: day('2026-01-05'), guarantors: [], collateral: [], borrower: { id: 'B', contacts: [] } } as never;
  return createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
}

const inspection = (id: string, on: string, kind: string): LoanEvent => ({ id, type: 'inspection', on: day(on), kind, seq: 0 }) as unknown as LoanEvent;

describe('closeTasksWith', () => {
  it('an event that can do many kinds does the owed ones, in the order of the pack’s kinds, and no other', () => {
    const book = emptyBook();
    // An on-site inspection can do firstInspection, periodicInspection, riskMonitoring and overdueInspection:
    // only the first two are owed.
    openTask(book, rule('inspect-regular-pass'), '2026-02-01', day('2026-02-01'), day('2026-02-01'), day('2026-02-28'), day('2026-02-01'));
    openTask(book, rule('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    expect(closeTasksWith(book, inspection('e1', '2026-02-03', 'onSite'))).toBe(true);
    expect(book.open).toEqual([]);
    expect(book.timeline.filter((e) => e.kind === 'taskDone').map((e) => (e.kind === 'taskDone' ? e.taskKind : ''))).toEqual(['firstInspection', 'periodicInspection']);
    expect(closeTasksWith(book, inspection('e2', '2026-02-04', 'onSite'))).toBe(false);
  });

  it('a kind owed only by a breached task is still done late by the event', () => {
    const book = emptyBook();
    openTask(book, rule('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    const task = book.open[0];
    if (task === undefined) throw new Error('no task opened');
    task.status = 'breached';
    book.open = [];
    book.breached.set(task.kind, [task]);
    expect(closeTasksWith(book, inspection('e1', '2026-02-10', 'onSite'))).toBe(true);
    expect(task.status).toBe('late');
    expect(book.breached.get(task.kind)).toEqual([]);
  });

  it('an event whose kinds are none of the owed ones closes nothing', () => {
    const book = emptyBook();
    openTask(book, rule('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    expect(closeTasksWith(book, inspection('e1', '2026-01-20', 'workLog'))).toBe(false);
    expect(book.open.map((k) => k.status)).toEqual(['open']);
  });
});
