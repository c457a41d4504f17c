import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeTasksWith, tryClose } from '../../../src/engine/tasks/closeTasks';
import { openTask } from '../../../src/engine/tasks/openTask';
import type { Task, TaskBook } from '../../../src/engine/tasks/taskBook';
import type { LoanEvent } from '../../../src/history/parseHistory';
import { addDays, day, formatDay } from '../../../src/time/day';
import { emptyTaskBook, taskRule, taskRuleIndexOf } from './taskBookFixture';

// `closeTasksWith` picks the open tasks of the kinds an event can do once, and walks only those; the
// reference below is the walk it replaced (each kind asked of the whole open list, in the pack's kind
// order). Both must do the same tasks, in the same order, with the same timeline entries.

/** The previous walk: for each kind the event can do and that is owed, on-time open, then breached, then late open. */
function referenceCloseTasksWith(book: TaskBook, e: LoanEvent): boolean {
  const kinds = book.closers.get(e.type);
  if (kinds === undefined) return false;
  const first = (tasks: readonly Task[] | undefined, kind: string, current?: boolean): boolean => {
    for (const task of tasks ?? []) if (task.kind === kind && (current === undefined || task.dueOn >= e.on === current) && tryClose(book, task, e)) return true;
    return false;
  };
  let closed = false;
  for (const kind of kinds) {
    if (!book.open.some((k) => k.kind === kind) && (book.breached.get(kind)?.length ?? 0) === 0) continue;
    if (first(book.open, kind, true) || first(book.breached.get(kind), kind) || first(book.open, kind, false)) closed = true;
  }
  return closed;
}

// Rules of kinds an inspection can do (one party each), and the inspection kinds that do them.
const RULES = ['first-inspection', 'inspect-regular-pass', 'inspect-key-pass', 'monitor-low-risk', 'inspect-when-overdue', 'work-log-after-inspection', 'monthly-work-log', 'report-monthly', 'sign-off-work-log', 'legal-review'];
const KINDS = ['onSite', 'riskReview', 'workLog', 'report', 'signOff', 'legalReview', 'callback'];
const start = day('2026-01-05');

const opened = fc.record({ rule: fc.integer({ min: 0, max: RULES.length - 1 }), open: fc.integer({ min: 0, max: 60 }), days: fc.integer({ min: 0, max: 40 }), breached: fc.boolean() });
const event = fc.record({ on: fc.integer({ min: 0, max: 120 }), kind: fc.integer({ min: 0, max: KINDS.length - 1 }) });

/** A book with those tasks opened (some then breached), in that order. */
function bookWith(tasks: readonly { rule: number; open: number; days: number; breached: boolean }[]): TaskBook {
  const book = emptyTaskBook();
  tasks.forEach((k, i) => {
    const on = addDays(start, k.open);
    openTask(book, taskRule(RULES[k.rule] as string), taskRuleIndexOf(RULES[k.rule] as string), `k${i}`, on, on, addDays(on, k.days), on);
  });
  tasks.forEach((k, i) => {
    const task = book.byId.get(`L-1/${taskRule(RULES[k.rule] as string).decision.kind}/k${i}/${taskRule(RULES[k.rule] as string).decision.party}`);
    if (!k.breached || task === undefined || task.status !== 'open') return;
    task.status = 'breached';
    book.open = book.open.filter((t) => t !== task);
    book.breached.set(task.kind, [...(book.breached.get(task.kind) ?? []), task]);
  });
  return book;
}

describe('closeTasksWith', () => {
  it('does the same tasks as the walk of every kind over the whole open list', () => {
    fc.assert(
      fc.property(fc.array(opened, { maxLength: 14 }), fc.array(event, { maxLength: 10 }), (tasks, events) => {
        const fast = bookWith(tasks);
        const slow = bookWith(tasks);
        events.forEach((ev, i) => {
          const e = { id: `e${i}`, type: 'inspection', on: addDays(start, ev.on), kind: KINDS[ev.kind], seq: i } as unknown as LoanEvent;
          expect(closeTasksWith(fast, e)).toBe(referenceCloseTasksWith(slow, e));
        });
        const view = (b: TaskBook): unknown => [b.tasks.map((k) => [k.id, k.status, k.closedBy ?? '', k.closedOn === undefined ? '' : formatDay(k.closedOn)]), b.open.map((k) => k.id), [...b.breached].map(([k, l]) => [k, l.map((t) => t.id)]), b.timeline];
        expect(view(fast)).toEqual(view(slow));
      }),
      { numRuns: 300 },
    );
  });
});
