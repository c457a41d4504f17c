import type { TaskParams } from '../../rules/decisions';
import type { Task, TaskBook } from './taskBook';

// Whom a task is for: the parties a rule raises tasks for, and the party as the output shows it.

/** Rule parties that stand for one task per guarantor, contact or collateral item, and the role each task has. */
export const ROLE_OF_EACH: Readonly<Partial<Record<TaskParams['party'], string>>> = { eachGuarantor: 'guarantor', eachContact: 'contact', eachCollateral: 'collateral' };

/**
 * A task's party as the output shows it, in the events' convention: the role in `party`, and in
 * `partyId` which guarantor, contact or collateral item (kept in the task, and its id, as `party`).
 */
export function partyFields(task: Task): { readonly party: string; readonly partyId?: string } {
  const role = ROLE_OF_EACH[task.rule.decision.party];
  return role === undefined ? { party: task.party } : { party: role, partyId: task.party };
}

/** The parties a rule raises one task each for: its own, or every guarantor, collateral item or contact. */
export function partiesOf(book: TaskBook, p: TaskParams): string[] {
  switch (p.party) {
    case 'eachGuarantor':
      return book.loan.guarantors.map((g) => g.id);
    case 'eachCollateral':
      return book.loan.collateral.map((c) => c.id);
    case 'eachContact':
      return book.loan.borrower.contacts.map((c) => c.id);
    default:
      return [p.party];
  }
}
