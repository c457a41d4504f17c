import { contactsFromFormat4, type ContactTrackerStateFormat4 } from './contacts';
import type { RunState } from './snapshot';
import { tasksFromFormat4, type TaskBookStateFormat4 } from './tasks';

// A restored engine state of formats 1–4 in the shape of format 5.

/** The engine state of formats 1–4: format 5's, with the task book and contact tracker of format 4 (its ledger lists are all there, which 5 allows). */
export type RunStateFormat4 = Omit<RunState, 'tasks' | 'contacts'> & { readonly tasks: TaskBookStateFormat4; readonly contacts: ContactTrackerStateFormat4 };

/**
 * A format 1–4 state (checked, or trusted and checksummed) as format 5 holds it, for `restoreRun`: the
 * cursors of every rule kept (a fresh book's among them), `lastDone` flat, the contact slots sparse. The
 * checksum was checked over the stored content before; only the restored state is converted, and the
 * next snapshot written is format 5.
 */
export function stateFromFormat4(state: RunStateFormat4): RunState {
  return { ...state, tasks: tasksFromFormat4(state.tasks), contacts: contactsFromFormat4(state.contacts) };
}
