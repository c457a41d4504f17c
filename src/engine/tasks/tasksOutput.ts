import { formatDay } from '../../time/day';
import type { TaskOutput } from '../output';
import type { TaskBook } from './taskBook';
import { partyFields } from './taskParties';

// Tasks as the replay output prints them.

/** Tasks as the replay output prints them, in the order they were raised. */
export function tasksOutput(book: TaskBook): TaskOutput[] {
  return book.tasks.map((k) => ({
    id: k.id,
    kind: k.kind,
    ruleId: k.ruleId,
    ...partyFields(k),
    ...(k.assignee === undefined ? {} : { assignee: k.assignee }),
    openedOn: formatDay(k.openedOn),
    dueOn: formatDay(k.dueOn),
    status: k.status,
    ...(k.instalment === undefined ? {} : { instalment: k.instalment }),
    ...(k.closedOn === undefined ? {} : { closedOn: formatDay(k.closedOn) }),
    ...(k.closedBy === undefined ? {} : { closedBy: k.closedBy }),
    ...(k.reason === undefined ? {} : { reason: k.reason }),
  }));
}
