import { createTaskBook, type TaskBook, type TaskRule } from '../../../src/engine/tasks/taskBook';
import { createLedger } from '../../../src/ledger/ledger';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { day } from '../../../src/time/day';

// A task book of cn-default for a loan with no schedule, guarantor, collateral or contact, for tests of
// the task functions on their own.

export const fixturePack = cnDefaultPack();

/** A task rule of cn-default by id. */
export function taskRule(id: string): TaskRule {
  const rule = fixturePack.rulesByType.task.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`cn-default has no task rule ${id}`);
  return rule as TaskRule;
}

/** A task rule's index in cn-default's task rules (where a book keeps its answer), by id. */
export function taskRuleIndexOf(id: string): number {
  return fixturePack.rulesByType.task.indexOf(taskRule(id));
}

/** A fresh task book of loan L-1, disbursed 2026-01-05. */
export function emptyTaskBook(): TaskBook {
  const loan = { id: 'L-1', disbursedOn: day('2026-01-05'), guarantors: [], collateral: [], borrower: { id: 'B', contacts: [] } } as never;
  return createTaskBook(fixturePack, loan, [], createLedger([], undefined, fixturePack.allocationOrder), []);
}
