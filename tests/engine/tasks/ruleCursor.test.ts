import { describe, expect, it } from 'vitest';
import { consider, NOTHING_CONSIDERED, singleConsidered, type RuleCursor } from '../../../src/engine/tasks/ruleCursor';
import { day } from '../../../src/time/day';
import { emptyTaskBook, taskRule } from './taskBookFixture';

describe('singleConsidered', () => {
  it('finds a single-anchor instance by its key, a moved limitation expiry by its own key', () => {
    const c = emptyTaskBook().cursors[0] as RuleCursor;
    const maturity = taskRule('maturity-notice-borrower').decision;
    const expiry = taskRule('limitation-warning').decision;
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(false);
    consider(c, '2029-01-05');
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(true);
    expect(singleConsidered(c, expiry, day('2032-01-05'))).toBe(false);
    consider(c, 'expiry-2032-01-05');
    expect(singleConsidered(c, expiry, day('2032-01-05'))).toBe(true);
    expect(singleConsidered(c, expiry, day('2032-06-05'))).toBe(false);
  });

  it('remembers the day found last, so the next look builds no key', () => {
    const c = emptyTaskBook().cursors[0] as RuleCursor;
    const maturity = taskRule('maturity-notice-borrower').decision;
    consider(c, '2029-01-05');
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(true);
    expect(c.consideredOn).toBe(day('2029-01-05'));
    // Keys are never removed in a replay: the remembered day answers without the set.
    c.considered = NOTHING_CONSIDERED;
    expect(singleConsidered(c, maturity, day('2029-01-05'))).toBe(true);
  });

  it('gives a cursor its own set at the first key, leaving the shared empty one empty', () => {
    const book = emptyTaskBook();
    const a = book.cursors[0] as RuleCursor;
    const b = book.cursors[1] as RuleCursor;
    expect(a.considered).toBe(NOTHING_CONSIDERED);
    consider(a, '2029-01-05');
    consider(a, '2030-01-05');
    expect([...a.considered]).toEqual(['2029-01-05', '2030-01-05']);
    expect(NOTHING_CONSIDERED.size).toBe(0);
    expect(b.considered.size).toBe(0);
  });
});
