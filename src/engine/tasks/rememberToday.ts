import type { LoanEvent } from '../../history/parseHistory';
import type { Day } from '../../time/day';
import type { TaskBook } from './taskBook';

// The day's history events, for tasks the same day's evaluation opens.

/** Marks a history event as seen today, for tasks opened later the same day. */
export function rememberToday(book: TaskBook, t: Day, events: readonly LoanEvent[]): void {
  book.today = events.filter((e) => e.on === t);
}
