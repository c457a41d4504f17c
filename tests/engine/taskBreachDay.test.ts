/**
 * A task is breached the day after its due date, never on it (off-by-one guard): the disbursement
 * callback of P-IN-1 opened on 2026-01-15 is due 2026-01-22 in the default pack.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayHistory } from '../../src/testing';

const base = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: Record<string, unknown> };
const TASK = 'L-2026-0001/disbursementCallback/2026-01-15/borrower';
const DUE = '2026-01-22';

function at(asOf: string, events: readonly unknown[] = []) {
  const out = replayHistory({ loan: base.loan, events }, { asOf });
  const task = out.tasks.find((t) => t.id === TASK);
  const breaches = out.timeline.filter((e) => e.kind === 'taskBreached' && e.taskId === TASK);
  return { task, breaches };
}

describe('task breach day', () => {
  it('the callback task is due on 2026-01-22 (the premise of this file)', () => {
    expect(at('2026-01-15').task).toMatchObject({ ruleId: 'P-IN-1', dueOn: DUE, status: 'open' });
  });

  it('is not breached on its due date', () => {
    const { task, breaches } = at(DUE);
    expect(task?.status).toBe('open');
    expect(breaches).toEqual([]);
  });

  it('is not breached on its due date when that day has other events to process', () => {
    // An unrelated event on the due date makes the engine evaluate that very day.
    const { task, breaches } = at(DUE, [{ id: 'log-1', type: 'inspection', on: DUE, kind: 'workLog' }]);
    expect(task?.status).toBe('open');
    expect(breaches).toEqual([]);
  });

  it('is breached exactly one day after its due date, and the entry is dated that day', () => {
    const { task, breaches } = at('2026-01-23');
    expect(task?.status).toBe('breached');
    expect(breaches).toEqual([expect.objectContaining({ on: '2026-01-23', dueOn: DUE, ruleIds: ['P-IN-1'] })]);
  });

  it('done on its due date is done on time, never breached', () => {
    const { task, breaches } = at('2026-02-01', [{ id: 'cb-1', type: 'inspection', on: DUE, kind: 'callback' }]);
    expect(task?.status).toBe('done');
    expect(breaches).toEqual([]);
  });
});
