import { describe, expect, it } from 'vitest';
import { singleConsidered, type RuleCursor } from '../../../src/engine/tasks/ruleCursor';
import { day } from '../../../src/time/day';
import { emptyTaskBook, taskRule } from './taskBookFixture';

describe('singleConsidered', () => {
  it('finds a single-anchor instance by its key, a moved limitation expiry by its own key', () => {
    const c = emptyTaskBook().cursors[0] as RuleCursor;
    const maturity = taskRule('maturity-notice-borrower').decision;
    const expiry = taskRule('limitation-warning').decision;
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(false);
    c.considered.add('2029-01-05');
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(true);
    expect(singleConsidered(c, expiry, day('2032-01-05'))).toBe(false);
    c.considered.add('expiry-2032-01-05');
    expect(singleConsidered(c, expiry, day('2032-01-05'))).toBe(true);
    expect(singleConsidered(c, expiry, day('2032-06-05'))).toBe(false);
  });

  it('remembers the day found last, so the next look builds no key', () => {
    const c = emptyTaskBook().cursors[0] as RuleCursor;
    const maturity = taskRule('maturity-notice-borrower').decision;
    c.considered.add('2029-01-05');
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(true);
    expect(c.consideredOn).toBe(day('2029-01-05'));
    // Keys are never removed in a replay: the remembered day answers without the set.
    c.considered.clear();
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(true);
  });
});
