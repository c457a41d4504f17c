import type { LoanEvent } from '../../history/parseHistory';
import { openDailyTasksInTheMorning } from './dailyTasks';
import type { TaskBook } from './taskBook';

// The day's history events, for tasks the same day's evaluation opens.

/**
 * Marks the day's history events as seen today, for tasks opened later the same day. The caller passes
 * the day's slice of the sorted events: filtering the whole history on every visited day made replay
 * quadratic in the number of events. On a day with events, daily tasks open first (see
 * {@link openDailyTasksInTheMorning}).
 */
export function rememberToday(book: TaskBook, today: LoanEvent[]): void {
  book.today = today;
  const first = today[0];
  if (first !== undefined) openDailyTasksInTheMorning(book, first.on);
}
