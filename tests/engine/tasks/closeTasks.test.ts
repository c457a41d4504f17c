import { describe, expect, it } from 'vitest';
import { closeTasksWith } from '../../../src/engine/tasks/closeTasks';
import { openTask } from '../../../src/engine/tasks/openTask';
import type { LoanEvent } from '../../../src/history/parseHistory';
import { day } from '../../../src/time/day';
import { emptyTaskBook, taskRule, taskRuleIndexOf } from './taskBookFixture';

const inspection = (id: string, on: string, kind: string): LoanEvent => ({ id, type: 'inspection', on: day(on), kind, seq: 0 }) as unknown as LoanEvent;

describe('closeTasksWith', () => {
  it('an event that can do many kinds does the owed ones, in the order of the pack’s kinds, and no other', () => {
    const book = emptyTaskBook();
    // An on-site inspection can do firstInspection, periodicInspection, riskMonitoring and overdueInspection:
    // only the first two are owed.
    openTask(book, taskRule('inspect-regular-pass'), taskRuleIndexOf('inspect-regular-pass'), '2026-02-01', day('2026-02-01'), day('2026-02-01'), day('2026-02-28'), day('2026-02-01'));
    openTask(book, taskRule('first-inspection'), taskRuleIndexOf('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    expect(closeTasksWith(book, inspection('e1', '2026-02-03', 'onSite'))).toBe(true);
    expect(book.open).toEqual([]);
    expect(book.timeline.filter((e) => e.kind === 'taskDone').map((e) => (e.kind === 'taskDone' ? e.taskKind : ''))).toEqual(['firstInspection', 'periodicInspection']);
    expect(closeTasksWith(book, inspection('e2', '2026-02-04', 'onSite'))).toBe(false);
  });

  it('a kind owed only by a breached task is still done late by the event', () => {
    const book = emptyTaskBook();
    openTask(book, taskRule('first-inspection'), taskRuleIndexOf('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
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
    const book = emptyTaskBook();
    openTask(book, taskRule('first-inspection'), taskRuleIndexOf('first-inspection'), '2026-01-05', day('2026-01-05'), day('2026-01-05'), day('2026-02-04'), day('2026-01-05'));
    expect(closeTasksWith(book, inspection('e1', '2026-01-20', 'workLog'))).toBe(false);
    expect(book.open.map((k) => k.status)).toEqual(['open']);
  });
});
