import { describe, expect, it } from 'vitest';
import { forgetRuleWake, forgetRuleWakes, nextTaskWake, wakeAt, wakeFor } from '../../../src/engine/tasks/nextTaskWake';
import type { RuleCursor } from '../../../src/engine/tasks/ruleCursor';
import { day } from '../../../src/time/day';
import { emptyTaskBook, fixturePack, taskRule } from './taskBookFixture';

/** Index of a task rule of cn-default. */
const indexOf = (id: string): number => fixturePack.rulesByType.task.findIndex((r) => r.id === id);

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

describe('nextTaskWake', () => {
  // Each call walked every rule (≈ 100 calls a three-year loan, 57 rules each); a rule's wake day now
  // waits in book.ruleWake until an evaluation moves the rule, and the least of them until one moves.
  it('answers as a walk from scratch, from the wake days it kept', () => {
    const b = emptyTaskBook();
    const monthly = indexOf('report-monthly');
    const quarterly = indexOf('report-key-pass-quarterly');
    (b.cursors[monthly] as RuleCursor).holding = true;
    (b.cursors[quarterly] as RuleCursor).holding = true;
    const t = day('2026-01-10');
    const kept = nextTaskWake(b, t);
    expect(kept).toBeGreaterThan(t);
    forgetRuleWakes(b);
    expect(nextTaskWake(b, t)).toBe(kept);
    // A later day with nothing forgotten: the least kept day stands while it is still ahead.
    expect(nextTaskWake(b, (t + 5) as typeof t)).toBe(kept);
  });

  it('keeps the wake day of a rule until the rule is forgotten, then asks its cursor again', () => {
    const b = emptyTaskBook();
    const monthly = indexOf('report-monthly');
    const c = b.cursors[monthly] as RuleCursor;
    c.holding = true;
    const t = day('2026-01-10');
    const first = nextTaskWake(b, t) as number;
    // The cursor moves (as an evaluation's visit would move it) without being forgotten: the kept day stands.
    c.next++;
    expect(nextTaskWake(b, t)).toBe(first);
    forgetRuleWake(b, monthly);
    const second = nextTaskWake(b, t) as number;
    expect(second).toBeGreaterThan(first);
    forgetRuleWakes(b);
    expect(nextTaskWake(b, t)).toBe(second);
  });

  it('asks again a kept day that is no longer ahead', () => {
    const b = emptyTaskBook();
    const monthly = indexOf('report-monthly');
    (b.cursors[monthly] as RuleCursor).holding = true;
    const t = day('2026-01-10');
    const first = nextTaskWake(b, t) as number;
    (b.cursors[monthly] as RuleCursor).next++;
    // Asked on the kept day itself: nothing kept is ahead, so every rule is asked (from its cursor) again.
    const later = nextTaskWake(b, first as typeof t) as number;
    expect(later).toBeGreaterThan(first);
  });

  // The daily rule's cursor moves at every evaluation: forgetting it dropped the least kept day of all
  // the other rules, and every call walked them again.
  it('keeps the least wake day of the other rules when a daily rule is forgotten', () => {
    const b = emptyTaskBook();
    (b.cursors[indexOf('report-monthly')] as RuleCursor).holding = true;
    const t = day('2026-01-10');
    const least = nextTaskWake(b, t);
    expect(b.rulesWake.least).toBe(least);
    forgetRuleWake(b, indexOf('daily-collection-feedback'));
    expect(b.rulesWake.least).toBe(least);
    forgetRuleWake(b, indexOf('report-monthly'));
    expect(b.rulesWake.least).toBeNaN();
  });
});
