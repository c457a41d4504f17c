import type { LoanEvent } from '../../history/parseHistory';
import { openDailyTasksInTheMorning } from './dailyTasks';
import type { TaskBook } from './taskBook';

// The day's history events, for tasks the same day's evaluation opens.

/**
 * Marks the day's history events as seen today, for tasks opened later the same day. The caller passes
 * the day's slice of the sorted events: filtering the whole history on every visited day made replay
 * quadratic in the number of events. On a day with events, daily tasks open first (see
 * {@link openDailyTasksInTheMorning}); reversals do not count.
 */
export function rememberToday(book: TaskBook, today: LoanEvent[]): void {
  book.today = today;
  // A reversal is a record only (its event is already gone from the replay): a day whose only events are
  // reversals must run as the day without them, or the reversal would move the day's task openings.
  for (const e of today) {
    if (e.type !== 'reversal') {
      openDailyTasksInTheMorning(book, e.on);
      return;
    }
  }
}
