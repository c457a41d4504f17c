import { formatDay } from '../../time/day';
import type { TaskOutput } from '../output';
import type { Task, TaskBook } from './taskBook';
import { partyFields } from './taskParties';

// Tasks as the replay output prints them.

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Tasks as the replay output prints them, in the order they were raised. */
export function tasksOutput(book: TaskBook): TaskOutput[] {
  return book.tasks.map(taskOutput);
}

/**
 * One task. The optional fields are set one by one, in the order the output prints them, rather than
 * spread from a literal each: a three-year loan prints a few hundred tasks a night, and a spread of a
 * throw-away object per optional field was most of their cost.
 */
function taskOutput(k: Task): TaskOutput {
  const { party, partyId } = partyFields(k);
  // Partial until the required fields after the optional party ones are set, four lines below.
  const out: Partial<Writable<TaskOutput>> = { id: k.id, kind: k.kind, ruleId: k.ruleId, party };
  if (partyId !== undefined) out.partyId = partyId;
  if (k.assignee !== undefined) out.assignee = k.assignee;
  out.openedOn = formatDay(k.openedOn);
  out.dueOn = formatDay(k.dueOn);
  out.status = k.status;
  if (k.instalment !== undefined) out.instalment = k.instalment;
  if (k.closedOn !== undefined) out.closedOn = formatDay(k.closedOn);
  if (k.closedBy !== undefined) out.closedBy = k.closedBy;
  if (k.reason !== undefined) out.reason = k.reason;
  return out as TaskOutput;
}
