import { describe, expect, it } from 'vitest';
import type { TaskOutput } from '../../src/engine/output';
import { PostloanError } from '../../src/errors/PostloanError';
import { createPackDiff, diffReplays } from '../../src/portfolio/diff';
import { output } from './replayOutputs';

const AS_OF = '2026-06-30';
const task = (id: string, kind: string, status: TaskOutput['status'], dueOn = '2026-07-07'): TaskOutput => ({ id, kind, ruleId: 'P-LC-4', party: 'collector', openedOn: '2026-06-30', dueOn, status });

describe('diffReplays', () => {
  it('counts transitions per decision, most loans first, with at most 5 examples in input order', () => {
    const ids = ['L-1', 'L-2', 'L-3', 'L-4', 'L-5', 'L-6', 'L-7', 'L-8', 'L-9'];
    const before = ids.map((loanId) => output({ loanId, asOf: AS_OF, principal: '100.00', state: 'overdueM2M3', bucket: 'M2' }));
    const after = ids.map((loanId, i) => output({ loanId, asOf: AS_OF, principal: '100.00', state: i < 7 ? 'outsourced' : i === 7 ? 'overdueM2M3' : 'litigation', bucket: 'M2' }));
    const d = diffReplays(before, after);
    expect(d.loans).toBe(9);
    expect(d.changed).toBe(8);
    expect(d.dimensions.state).toEqual({
      changed: 8,
      transitions: [
        { from: 'overdueM2M3', to: 'outsourced', loans: 7, examples: ['L-1', 'L-2', 'L-3', 'L-4', 'L-5'] },
        { from: 'overdueM2M3', to: 'litigation', loans: 1, examples: ['L-9'] },
      ],
    });
    expect(d.dimensions.bucket).toEqual({ changed: 0, transitions: [] });
    expect(d).toMatchObject({ asOf: AS_OF, before: { id: 'cn-default' }, after: { id: 'cn-default' }, errors: [], notYetDisbursed: 0 });
  });

  it('counts tasks by kind and status under each pack, and the loans whose tasks differ', () => {
    const before = [
      output({ loanId: 'L-1', asOf: AS_OF, principal: '1.00', tasks: [task('t1', 'agencyPlacement', 'open')] }),
      output({ loanId: 'L-2', asOf: AS_OF, principal: '1.00', tasks: [task('t2', 'visit', 'done')] }),
      output({ loanId: 'L-3', asOf: AS_OF, principal: '1.00', tasks: [task('t3', 'visit', 'open')] }),
    ];
    const after = [
      output({ loanId: 'L-1', asOf: AS_OF, principal: '1.00', tasks: [task('t1', 'agencyPlacement', 'breached')] }),
      output({ loanId: 'L-2', asOf: AS_OF, principal: '1.00', tasks: [task('t2', 'visit', 'done')] }),
      // Same count, kind and status, another deadline: the loan's tasks changed, no count did.
      output({ loanId: 'L-3', asOf: AS_OF, principal: '1.00', tasks: [task('t3', 'visit', 'open', '2026-07-31')] }),
    ];
    const d = diffReplays(before, after);
    expect(d.tasks).toEqual({
      changed: 2,
      examples: ['L-1', 'L-3'],
      counts: [
        { kind: 'agencyPlacement', status: 'open', before: 1, after: 0, change: -1, loans: 1, examples: ['L-1'] },
        { kind: 'agencyPlacement', status: 'breached', before: 0, after: 1, change: 1, loans: 1, examples: ['L-1'] },
        { kind: 'visit', status: 'open', before: 1, after: 1, change: 0, loans: 0, examples: [] },
        { kind: 'visit', status: 'done', before: 1, after: 1, change: 0, loans: 0, examples: [] },
      ],
    });
    expect(d.changed).toBe(2);
  });

  it('an empty book, mixed dates and the builder', () => {
    expect(diffReplays([], [])).toMatchObject({ before: null, after: null, asOf: null, loans: 0, changed: 0 });
    const mixed = diffReplays([output({ loanId: 'L-1', asOf: AS_OF, principal: '1.00' })], [output({ loanId: 'L-1', asOf: '2026-07-01', principal: '1.00' })]);
    expect(mixed.asOf).toBeNull();
    const builder = createPackDiff({ examples: 1 });
    builder.addError({ source: 'book.jsonl', line: 3, issues: [{ code: 'json.syntax', path: '', message: 'bad' }] });
    builder.skipNotYetDisbursed();
    builder.add(output({ loanId: 'L-1', asOf: AS_OF, principal: '1.00', classification: 'pass' }), output({ loanId: 'L-1', asOf: AS_OF, principal: '1.00', classification: 'substandard' }));
    builder.add(output({ loanId: 'L-2', asOf: AS_OF, principal: '1.00', classification: 'pass' }), output({ loanId: 'L-2', asOf: AS_OF, principal: '1.00', classification: 'substandard' }));
    const d = builder.finish();
    expect(d.dimensions.classification.transitions).toEqual([{ from: 'pass', to: 'substandard', loans: 2, examples: ['L-1'] }]);
    expect(d).toMatchObject({ loans: 2, notYetDisbursed: 1, errors: [{ source: 'book.jsonl', line: 3 }] });
  });

  it('refuses replays of different loans or lists of different lengths', () => {
    const a = output({ loanId: 'L-1', asOf: AS_OF, principal: '1.00' });
    const b = output({ loanId: 'L-2', asOf: AS_OF, principal: '1.00' });
    expect(() => diffReplays([a], [b])).toThrow(PostloanError);
    expect(() => diffReplays([a], [b])).toThrow('The two replays are of different loans (L-1 and L-2)');
    expect(() => diffReplays([a, a], [a])).toThrow('2 replays before and 1 after');
  });
});
