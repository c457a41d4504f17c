import { describe, expect, it } from 'vitest';
import { wakeAt, wakeFor } from '../../../src/engine/tasks/nextTaskWake';
import type { RuleCursor } from '../../../src/engine/tasks/ruleCursor';
import { day } from '../../../src/time/day';
import { emptyTaskBook, taskRule } from './taskBookFixture';

describe('wakeAt', () => {
  it('computes the wake day of a cursor position once, and again when the position moves', () => {
    const b = emptyTaskBook();
    const c = b.cursors[0] as RuleCursor;
    const p = taskRule('repayment-reminder').decision;
    const due = day('2026-02-05');
    const first = wakeAt(b, c, p, 0, due, undefined);
    expect(first).toBe(wakeFor(b, p, due, undefined));
    expect(c.wakeKey).toBe(0);
    // The same position answers from the cursor, whatever is asked.
    c.wakeOn = day('2000-01-01');
    expect(wakeAt(b, c, p, 0, due, undefined)).toBe(day('2000-01-01'));
    const next = day('2026-03-05');
    expect(wakeAt(b, c, p, 1, next, undefined)).toBe(wakeFor(b, p, next, undefined));
    expect(c.wakeKey).toBe(1);
    expect(wakeFor(b, p, next, undefined)).not.toBe(first);
  });
});
