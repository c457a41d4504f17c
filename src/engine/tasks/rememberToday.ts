import type { LoanEvent } from '../../history/parseHistory';
import type { TaskBook } from './taskBook';

// The day's history events, for tasks the same day's evaluation opens.

/**
 * Marks the day's history events as seen today, for tasks opened later the same day. The caller passes
 * the day's slice of the sorted events: filtering the whole history on every visited day made replay
 * quadratic in the number of events.
 */
export function rememberToday(book: TaskBook, today: LoanEvent[]): void {
  book.today = today;
}
