import { describe, expect, it } from 'vitest';
import { assertAdvances } from '../../src/engine/assertAdvances';
import { PostloanError } from '../../src/errors/PostloanError';
import { day } from '../../src/time/day';
import { errorText } from '../support/errorText';

const d = day('2026-04-20');

describe('the replay loop guard (issue 11, item 2)', () => {
  it('lets the loop move to a later wake date, or an event on the same day', () => {
    expect(() => assertAdvances('L-1', d, d + 1, d)).not.toThrow();
    expect(() => assertAdvances('L-1', d, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).not.toThrow();
  });

  it('regression: a NaN wake date (the year-3000 period end) is an internal error naming the loan and the day', () => {
    const text = errorText(() => assertAdvances('L-1', d, Number.NaN, Number.POSITIVE_INFINITY));
    expect(text).toContain('Internal error: the replay of loan L-1 stopped advancing on 2026-04-20: its next wake date is NaN');
    try {
      assertAdvances('L-1', d, Number.NaN, Number.POSITIVE_INFINITY);
    } catch (e) {
      expect(e instanceof PostloanError && e.issues[0]?.code).toBe('internal.loop');
    }
  });

  it('a wake date on the same day, or an event before it, is refused too', () => {
    expect(errorText(() => assertAdvances('L-1', d, d, Number.POSITIVE_INFINITY))).toContain('its next wake date is 2026-04-20, not after the day');
    expect(errorText(() => assertAdvances('L-1', d, d + 3, d - 1))).toContain('its next event is dated 2026-04-19, before the day');
  });
});
