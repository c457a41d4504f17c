import { describe, expect, it } from 'vitest';
import { persistTasks } from '../../../src/engine/tasks/persistTasks';
import type { TaskBook } from '../../../src/engine/tasks/taskBook';
import { day } from '../../../src/time/day';
import { emptyTaskBook } from './taskBookFixture';

function bookRetiring(ids: string[]): TaskBook {
  const book = emptyTaskBook();
  book.retired.ids.push(...ids);
  return book;
}

describe('persistTasks: retired ids by kind and party', () => {
  it('keeps date keys as day numbers, and ten-character keys that are not dates as keys, the same at every call', () => {
    const ids = ['dailyCall/2026-03-02/borrower', 'dailyCall/2026-02-30/borrower', 'workLogEntry/e-12345678/loanOfficer', 'dailyCall/2026-03-01/borrower'];
    const want = [
      ['dailyCall/borrower', [day('2026-03-01'), day('2026-03-02')], ['2026-02-30']],
      ['workLogEntry/loanOfficer', [], ['e-12345678']],
    ];
    // The second book reads the same keys again (remembered from the first).
    expect(persistTasks(bookRetiring(ids), true).retiredBy).toEqual(want);
    expect(persistTasks(bookRetiring([...ids].reverse()), true).retiredBy).toEqual(want);
  });
});
